// How fast the planner answers in the browser, for the demo event filled to its 120 seats
// (two networking rounds, from its programme; 16 tables of 8). Prints, measured inside the
// page with performance.now() from the key press to the DOM change (a MutationObserver):
// - "plan on screen": Enter on "Tafels schikken" until the notice "De schikking is klaar." and
//   the new chart are there (the request, the background job, its polling, the chart drawn);
// - "move": Enter on "Hierheen: Tafel X" for a selected seat until the person sits at that
//   table in the chart and the notice says so (the move, the chart and its quality panel
//   loaded and drawn again), MOVES times, median and max.
// Run: make bench-planner-browser (a measurement, not a test).
import { test, expect, type Page } from '@playwright/test';
import { signInAsNewCoordinator } from '../tests/pages/coordinator-account';
import { PlannerPage } from '../tests/pages/planner-page';
import { DEMO, registerByPost } from '../tests/pages/register-page';
import { uniqueEmail } from '../tests/pages/mailbox';

const PEOPLE = 120;
const MOVES = Number(process.env.MOVES ?? 15);
const TYPES = ['company', 'social_economy', 'local_government', 'support_service'];
const SECTORS = ['groen', 'logistiek', 'bouw', 'zorg'];
const TOPICS = ['werkopdrachten', 'personeel'];

/** Starts a stopwatch at the next Enter and stops it when `done()` (evaluated in the page
 *  after each DOM change) holds; resolves to the milliseconds between. */
async function timed(page: Page, press: () => Promise<void>, done: string): Promise<number> {
  await page.evaluate((done) => {
    const w = window as unknown as { __t: { start: number; end: number } };
    w.__t = { start: 0, end: 0 };
    const check = new Function(`return (${done})();`) as () => boolean;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') w.__t.start = performance.now();
    }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (w.__t.start > 0 && check()) {
        w.__t.end = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, done);
  await press();
  await page.waitForFunction(() => (window as unknown as { __t: { end: number } }).__t.end > 0, null, { timeout: 30_000 });
  return page.evaluate(() => {
    const t = (window as unknown as { __t: { start: number; end: number } }).__t;
    return t.end - t.start;
  });
}

/** The page-side test that `name` sits at table `table` in round `round` and the notice
 *  says it moved. */
function seatedAt(round: number, table: string, name: string): string {
  return `() => {
    const rounds = [...document.querySelectorAll('.plan-round')];
    const r = rounds.find((s) => s.querySelector('h3')?.textContent === 'Ronde ${round}');
    const t = [...(r?.querySelectorAll('.plan-table') ?? [])]
      .find((f) => f.querySelector('figcaption strong')?.textContent === 'Tafel ${table}');
    const notice = [...document.querySelectorAll('.notice')].some((n) => n.textContent?.includes('Verplaatst: ${name} zit nu aan tafel ${table}'));
    return notice && !!t && [...t.querySelectorAll('.seat-name')].some((s) => s.textContent === '${name}');
  }`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('planner in the browser: plan on screen and hand moves', async ({ page }) => {
  for (let i = 0; i < PEOPLE; i++) {
    await registerByPost(page.request, {
      first_name: `Meet${i}`, last_name: 'Persoon', email: uniqueEmail(`measure${i}`),
      organisation: `Organisatie ${i % 3 === 1 ? i - 1 : i}`, org_type: TYPES[i % 4], sector: SECTORS[(i >> 2) % 4],
      offers: TOPICS[i % 2], needs: TOPICS[(i + 1) % 2],
    });
  }
  await signInAsNewCoordinator(page, 'measure');
  const planner = new PlannerPage(page);
  await planner.open(DEMO.replace('/e/', ''));
  await planner.setUp(16, 8);
  await expect(planner.selection()).toHaveCount(0);

  const plan = await timed(page, async () => {
    await page.getByRole('button', { name: 'Tafels schikken' }).focus();
    await page.keyboard.press('Enter');
  }, `() => location.search.includes('planned=1')
        && [...document.querySelectorAll('.notice')].some((n) => n.textContent === 'De schikking is klaar.')
        && document.querySelectorAll('.plan-round').length === 2`);
  await expect(page.getByText('De schikking is klaar.')).toBeVisible();
  await expect(planner.selection()).toHaveAttribute('data-hydrated', 'true');

  const moves: number[] = [];
  for (let k = 0; k < MOVES; k++) {
    const round = 1 + (k % 2);
    // someone at the first table of the round, to the first other table with a free seat
    const names = await planner.tableNames(round);
    const from = names[k % names.length];
    const person = (await planner.table(round, from).locator('.seat-name').allInnerTexts())[0];
    let to = '';
    for (const name of names) {
      const [n, cap] = await planner.occupancy(round, name);
      if (n < cap && name !== from) { to = name; break; }
    }
    expect(to, 'a table with a free seat').not.toBe('');
    await planner.selectWithKeyboard(round, person);
    const button = page.getByRole('button', { name: `Hierheen: Tafel ${to}`, exact: true });
    await button.focus();
    moves.push(await timed(page, () => page.keyboard.press('Enter'), seatedAt(round, to, person)));
  }
  const line = [
    `planner in Chromium, demo event, ${PEOPLE} people, 2 rounds, 16 tables of 8`,
    `plan on screen (Enter -> notice and chart): ${(plan / 1000).toFixed(2)} s`,
    `move with the keyboard (Enter -> person at the new table, notice, quality panel): median ${median(moves).toFixed(0)} ms, ` +
      `max ${Math.max(...moves).toFixed(0)} ms over ${moves.length}`,
  ].join('\n');
  console.log(line);
});
