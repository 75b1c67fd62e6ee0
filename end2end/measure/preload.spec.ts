// Does fetching the wasm early help a first visit on a slow phone connection? Opens the
// register page in a fresh browser context (empty cache) under Chromium's network
// throttling in three forms: as served (`as-served`: a small inline script fetches the wasm
// before the stylesheet, only when JavaScript runs), without that early fetch (`late`: the
// bindings fetch the wasm once loaded), and with `<link rel=modulepreload|preload>` instead
// (`preload`, what Leptos' HydrationScripts does). The HTML is rewritten through the DevTools
// Fetch domain, after the throttled network, the same way for all. Prints the median of RUNS
// visits: first contentful paint, load event, hydrated, and bytes on the wire.
// Run: npx playwright test -c measure.config.ts (a measurement, not a test).
import { test, type Page, type CDPSession } from '@playwright/test';

const PAGE = '/e/ondernemers-ontmoeten-sociale-economie/register';
const RUNS = Number(process.env.RUNS ?? 5);
// Lighthouse's mobile profile ("slow 4G") and DevTools' "3G".
const PROFILES = [
  { name: 'slow 4G (150 ms, 1.6 Mbit/s)', latency: 150, down: 1.6e6 / 8, up: 750e3 / 8 },
  { name: '3G (300 ms, 780 kbit/s)', latency: 300, down: 780e3 / 8, up: 330e3 / 8 },
];

interface Visit { fcp: number; load: number; hydrated: number; bytes: number }

type Variant = 'as-served' | 'late' | 'preload';

async function visit(page: Page, cdp: CDPSession, profile: (typeof PROFILES)[number], variant: Variant, js: boolean): Promise<Visit> {
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `*${PAGE}`, requestStage: 'Response' }] });
  cdp.on('Fetch.requestPaused', async (e) => {
    const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId: e.requestId });
    let html = base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
    const fetchScript = /<script nonce="[^"]+">self\.tafelrondeWasm = fetch\(("[^"]+")\);<\/script>/;
    const wasm = fetchScript.exec(html)![1];
    if (variant !== 'as-served') html = html.replace(fetchScript, '');
    if (variant === 'preload') {
      const js = /from ("[^"]+")/.exec(html)![1];
      html = html.replace('<link rel="stylesheet"',
        `<link rel="modulepreload" href=${js} crossorigin="anonymous">` +
        `<link rel="preload" href=${wasm} as="fetch" type="application/wasm" crossorigin="anonymous"><link rel="stylesheet"`);
    }
    const headers = (e.responseHeaders ?? []).filter((h) => !/^(content-encoding|content-length)$/i.test(h.name));
    await cdp.send('Fetch.fulfillRequest', {
      requestId: e.requestId, responseCode: e.responseStatusCode ?? 200, responseHeaders: headers,
      body: Buffer.from(html).toString('base64'),
    });
  });
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.body?.dataset.hydrated) { (window as any).__hydratedAt = performance.now(); o.disconnect(); }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  await page.goto(PAGE, { waitUntil: 'load' });
  if (js) await page.waitForFunction(() => (window as any).__hydratedAt !== undefined, null, { timeout: 120_000 });
  else await page.waitForTimeout(0);
  // Wait for the network to go quiet so preloads without JavaScript are counted.
  await page.waitForLoadState('networkidle');
  return page.evaluate((bytes) => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    hydrated: (window as any).__hydratedAt ?? NaN,
    bytes,
  }), bytes);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const profile of PROFILES) {
  for (const js of [true, false]) {
    test(`${profile.name}, JavaScript ${js ? 'on' : 'off'}: early fetch, late, preload`, async ({ browser }) => {
      const rows: Record<Variant, Visit[]> = { 'as-served': [], late: [], preload: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const variant of Object.keys(rows) as Variant[]) {
          const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 844 } });
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          rows[variant].push(await visit(page, cdp, profile, variant, js));
          await context.close();
        }
      }
      for (const [k, v] of Object.entries(rows)) {
        const m = (f: keyof Visit) => Math.round(median(v.map((x) => x[f])));
        console.log(`${profile.name} js=${js} ${k.padEnd(9)} fcp ${m('fcp')} ms, load ${m('load')} ms, hydrated ${js ? m('hydrated') + ' ms' : '-'}, ${m('bytes')} bytes`);
      }
    });
  }
}
