// Every attendee page, in every language: a title of its own, and nothing that scrolls
// sideways on a 320 px or 390 px phone (nor at 1280 px). Plain HTML (JavaScript off): the
// layout is the stylesheet's. With SCREENSHOTS=<dir> it also saves a full-page screenshot
// of each page (Dutch at every width, French at 320 px) to look at.
import { expect, test, type Page } from '@playwright/test';
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
