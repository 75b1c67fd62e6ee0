// Every attendee page, in every language: a title of its own, nothing that scrolls
// sideways on a 320 px or 390 px phone (nor at 1280 px), and valid HTML by the Nu checker. Plain HTML (JavaScript off): the
// layout is the stylesheet's. With SCREENSHOTS=<dir> it also saves a full-page screenshot
// of each page (Dutch at every width, French at 320 px) to look at.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO } from './pages/register-page';
import { manageLink, uniqueEmail, waitForMail } from './pages/mailbox';

test.use({ javaScriptEnabled: false });

const WIDTHS = [320, 390, 1280];
const LANGS = ['nl', 'en', 'fr'];
const shots = process.env.SCREENSHOTS;

function form(email: string): Record<string, string> {
  return {
    first_name: 'Lena', last_name: 'Vanderstraeten-Wouters', email,
    organisation: 'Begeleidingsdienst Noord-Limburg', org_type: 'support_service', sector: 'logistiek',
    phone: '', offers: 'werkopdrachten', needs: 'personeel', consent: 'yes',
  };
}

/** Registers through a plain post and returns the personal link from the mail. */
async function register(page: Page): Promise<string> {
  const email = uniqueEmail('layout');
  const r = await page.request.post(`${DEMO}/register`, { form: form(email), maxRedirects: 0 });
  expect(r.status()).toBe(303);
  return new URL(manageLink(await waitForMail(email))).pathname;
}

test('every attendee page has its own title and fits a phone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const manage = await register(page);
  const cancelled = await register(page);
  const c = await page.request.post(`${cancelled}/cancel`, { form: { confirm: 'yes' }, maxRedirects: 0 });
  expect(c.status()).toBe(303);

  const pages: [string, string][] = [
    ['home', '/'],
    ['event', DEMO],
    ['agenda', `${DEMO}/agenda`],
    ['register', `${DEMO}/register`],
    ['check-mail', `${DEMO}/check-mail`],
    ['check-mail-waitlist', `${DEMO}/check-mail?waitlist=1`],
    ['manage', manage],
    ['cancelled', cancelled],
    ['not-found', '/no/such/page'],
    ['bad-link', `/m/${'0'.repeat(64)}`],
  ];
  for (const lang of LANGS) {
    const titles = new Set<string>();
    for (const width of WIDTHS) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 800 } });
      await context.addCookies([{ name: 'lang', value: lang, url: test.info().project.use.baseURL! }]);
      const p = await context.newPage();
      for (const [name, path] of pages) {
        await p.goto(path);
        await expect(p.locator('h1')).toHaveCount(1);
        const { scroll, inner } = await p.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        expect(scroll, `${name} (${lang}) scrolls sideways at ${width} px`).toBeLessThanOrEqual(inner);
        if (width === 1280) titles.add(await p.title());
        if (shots && (lang === 'nl' || width === 320)) {
          await p.screenshot({ path: `${shots}/${name}-${lang}-${width}.png`, fullPage: true });
        }
      }
      // A refused plain post: the form again, with its messages.
      await p.goto(`${DEMO}/register`);
      await p.locator('form button[type=submit]').click();
      await expect(p.locator('#form-error')).toBeFocused();
      const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll, `refused form (${lang}) at ${width} px`).toBeLessThanOrEqual(width);
      if (shots && (lang === 'nl' || width === 320)) {
        await p.screenshot({ path: `${shots}/register-refused-${lang}-${width}.png`, fullPage: true });
      }
      await context.close();
    }
    expect([...titles].length, `distinct titles in ${lang}: ${[...titles].join(' | ')}`).toBe(pages.length);
  }
});

test('a French or English browser gets its language on the first visit', async ({ browser }) => {
  for (const [locale, tag, heading] of [
    ['fr-BE', 'fr-BE', 'Événements à venir'],
    ['en-GB', 'en', 'Upcoming events'],
  ]) {
    const context = await browser.newContext({ javaScriptEnabled: false, locale });
    const p = await context.newPage();
    await p.goto('/');
    await expect(p.locator('html')).toHaveAttribute('lang', tag);
    await expect(p.getByRole('heading', { level: 1 })).toHaveText(heading);
    // Until the person picks another one.
    await p.getByRole('link', { name: 'NL', exact: true }).click();
    await expect(p.locator('html')).toHaveAttribute('lang', 'nl-BE');
    await p.goto('/');
    await expect(p.locator('html')).toHaveAttribute('lang', 'nl-BE');
    await context.close();
  }
});

test('the first Tab reaches a skip link to the content', async ({ page }) => {
  await page.goto(DEMO);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator('main')).toBeFocused();
});

/** One message of the Nu HTML checker's JSON report. */
interface NuMessage { type: string; url: string; message: string; extract?: string; hiliteStart?: number; hiliteLength?: number; lastLine?: number; lastColumn?: number }

/** Leptos writes `<!>` between adjacent dynamic parts so hydration can find them; the
 * checker calls each one a bogus comment. Harmless (browsers parse it as an empty comment),
 * and Leptos' own: the only message allowed, and only on exactly those three characters. */
function isLeptosMarker(m: NuMessage): boolean {
  const marked = m.extract?.substr(m.hiliteStart ?? 0, m.hiliteLength ?? 0);
  return m.message === 'Bogus comment.' && marked === '<!>';
}

test('every attendee page is valid HTML (Nu HTML checker)', async ({ page }) => {
  test.setTimeout(120_000);
  const manage = await register(page);
  const cancelled = await register(page);
  const c = await page.request.post(`${cancelled}/cancel`, { form: { confirm: 'yes' }, maxRedirects: 0 });
  expect(c.status()).toBe(303);
  const paths = [
    '/', DEMO, `${DEMO}/register`, `${DEMO}/check-mail`, `${DEMO}/check-mail?waitlist=1`,
    manage, cancelled, '/no/such/page', `/m/${'0'.repeat(64)}`,
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tafelronde-nu-'));
  const files: string[] = [];
  for (const lang of LANGS) {
    const headers = { cookie: `lang=${lang}` };
    const save = async (name: string, body: Buffer) => {
      const file = path.join(dir, `${files.length}-${lang}-${name}.html`);
      fs.writeFileSync(file, body);
      files.push(file);
    };
    for (const p of paths) {
      const r = await page.request.get(p, { headers });
      await save(p.replace(/[^a-z0-9]+/gi, '_').slice(0, 40), await r.body());
    }
    // The form again after a refused plain post, with its messages.
    const refused = await page.request.post(`${DEMO}/register`, { form: { first_name: '' }, headers, maxRedirects: 0 });
    expect(refused.status()).toBe(422);
    await save('register-refused', await refused.body());
  }
  const jar = path.join(__dirname, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8' });
  expect(run.error, 'java runs the Nu HTML checker').toBeUndefined();
  const report = JSON.parse(run.stderr) as { messages: NuMessage[] };
  const markers = report.messages.filter(isLeptosMarker);
  const errors = report.messages.filter((m) => !isLeptosMarker(m));
  expect(
    errors.map((m) => `${path.basename(m.url)}:${m.lastLine}:${m.lastColumn} ${m.message} «${m.extract}»`),
    `Nu HTML checker errors in ${files.length} pages`,
  ).toEqual([]);
  console.log(`Nu HTML checker: ${files.length} pages, 0 errors; ${markers.length} Leptos <!> markers reported as bogus comments`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('attendee pages have no serious or critical axe-core violations', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const manage = await register(page);
  const paths = [
    '/', DEMO, `${DEMO}/register`, `${DEMO}/check-mail`, `${DEMO}/check-mail?waitlist=1`,
    manage, '/no/such/page', `/m/${'0'.repeat(64)}`,
  ];
  // With JavaScript on (the hydrated page), at a phone's width and a laptop's.
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width, height: 800 } });
    const p = await context.newPage();
    for (const path of paths) {
      await p.goto(path);
      await p.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const bad = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(bad, `${path} at ${width} px`).toEqual([]);
    }
    await context.close();
  }
});
