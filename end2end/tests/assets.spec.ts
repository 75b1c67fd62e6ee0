// How the browser receives the pages and the bundle: the Content-Security-Policy lets the
// app hydrate without a single violation, pages come compressed and uncached, and the
// bundle files come from content-hashed names, brotli-compressed and immutable. Only the
// pages with a form island (register, manage) load the attendee bundle; the others none.
import { test, expect, type Page, type Response } from '@playwright/test';
import { DEMO } from './pages/register-page';

const PAGES = [`${DEMO}/register`];
const WITHOUT_BUNDLE = ['/', DEMO, `${DEMO}/check-mail`, `${DEMO}/agenda`, '/nope'];

/** Collects CSP violations and console errors the page reports. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/404 \(Not Found\)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

for (const path of PAGES) {
  test(`${path} hydrates under its Content-Security-Policy`, async ({ page }) => {
    const problems = await watch(page);
    const bundle: Response[] = [];
    page.on('response', (r) => {
      if (/\/pkg\/tafelronde[^/]*\.(js|wasm)$/.test(r.url())) bundle.push(r);
    });
    const res = await page.goto(path);
    expect(res).not.toBeNull();
    const headers = await res!.allHeaders();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[\w-]+' 'wasm-unsafe-eval'/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toBe('no-cache');
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    expect(problems).toEqual([]);

    // Ordered by extension (.js before .wasm): the content hashes are in no fixed order.
    const byExtension = (p: string) => p.slice(p.lastIndexOf('.'));
    const paths = bundle.map((r) => new URL(r.url()).pathname);
    paths.sort((a, b) => byExtension(a).localeCompare(byExtension(b)));
    expect(paths).toEqual([
      expect.stringMatching(/^\/pkg\/tafelronde\.[0-9a-f]{16}\.js$/),
      expect.stringMatching(/^\/pkg\/tafelronde\.[0-9a-f]{16}\.wasm$/),
    ]);
    for (const r of bundle) {
      const h = await r.allHeaders();
      expect(h['cache-control'], r.url()).toBe('public, max-age=31536000, immutable');
      expect(h['content-encoding'], r.url()).toBe('br');
    }
  });
}

for (const path of WITHOUT_BUNDLE) {
  test(`${path} loads no bundle and still works under its policy`, async ({ page }) => {
    const problems = await watch(page);
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (/\/pkg\/.*\.(js|wasm)$/.test(r.url())) fetched.push(r.url());
    });
    const res = await page.goto(path);
    const headers = await res!.allHeaders();
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-encoding']).toBe('br');
    await expect(page.locator('main h1').first()).toBeVisible();
    // wait for the page and everything it loads, then check nothing asked for the bundle
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual([]);
    await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
    expect(problems).toEqual([]);
  });
}
