// How fast the planner answers in the browser. For each size (SIZES, default 120 and 600
// people) a coordinator creates an event without a programme, people register through the
// plain form (organisation types, sectors and topics in turn, a third with a colleague), and
// the planner seats them at tables of 8 (a few seats to spare) over 3 rounds. Printed,
// measured inside the page with performance.now() from the key press to the DOM change (a
// MutationObserver):
// - "plan on screen": Enter on "Tafels schikken" until the notice "De schikking is klaar." and
//   the chart are there (the request, the background job, its polling, the chart drawn);
// - "move": Enter on "Hierheen: Tafel X" for a selected seat until the person sits at that
//   table in the chart and the notice says so (the move, the chart and its quality panel
//   loaded and drawn again), MOVES times, median and max; and before each, selecting the
//   seat (Enter on it until it is marked selected and the "Hierheen" buttons are there).
// Run: make bench-planner-browser (a measurement, not a test).
import { test, expect, type Page } from '@playwright/test';
import { signInAsNewCoordinator } from '../tests/pages/coordinator-account';
import { EventFormPage } from '../tests/pages/event-form-page';
import { PlannerPage } from '../tests/pages/planner-page';
import { registerByPost } from '../tests/pages/register-page';
import { uniqueEmail } from '../tests/pages/mailbox';

const SIZES = (process.env.SIZES ?? '120,600').split(',').map(Number);
const MOVES = Number(process.env.MOVES ?? 15);
const ROUNDS = 3;
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
  await page.waitForFunction(() => (window as unknown as { __t: { end: number } }).__t.end > 0, null, { timeout: 60_000 });
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
  await signInAsNewCoordinator(page, 'measure');
  const lines: string[] = [];
  for (const people of SIZES) {
    const slug = `meting-${people}-${Date.now()}`;
    const form = new EventFormPage(page);
    await form.openNew();
    await form.fill({
      title: `Meting ${people}`, slug, venue: 'Zaal', address: 'Straat 1, 3500 Hasselt',
      starts: '2030-06-01T09:00', ends: '2030-06-01T17:00', opens: '2026-01-01T09:00', closes: '2030-05-31T23:00',
      capacity: people, organiser: 'Tafelronde vzw', organiserEmail: 'info@example.be', topics: ['Werkopdrachten', 'Personeel'],
    });
    await form.create();
    await expect(page).toHaveURL(new RegExp(`/coordinator/events/${slug}/edit\\?saved=1$`));
    await form.publish();
    await expect(page.getByText('Het evenement is gepubliceerd.')).toBeVisible();
    for (let i = 0; i < people; i++) {
      await registerByPost(page.request, {
        first_name: `Meet${i}`, last_name: 'Persoon', email: uniqueEmail(`measure${i}`),
        organisation: `Organisatie ${i % 3 === 1 ? i - 1 : i}`, org_type: TYPES[i % 4], sector: SECTORS[(i >> 2) % 4],
        offers: TOPICS[i % 2], needs: TOPICS[(i + 1) % 2],
      }, `/e/${slug}`);
    }
    const planner = new PlannerPage(page);
    await planner.open(slug);
    const tables = Math.ceil(people / 8) + 1;
    await planner.setUp(tables, 8, ROUNDS);
    const plan = await timed(page, async () => {
      await page.getByRole('button', { name: 'Tafels schikken' }).focus();
      await page.keyboard.press('Enter');
    }, `() => location.search.includes('planned=1')
          && [...document.querySelectorAll('.notice')].some((n) => n.textContent === 'De schikking is klaar.')
          && document.querySelectorAll('.plan-round').length === ${ROUNDS}`);
    await expect(page.getByText('De schikking is klaar.')).toBeVisible();
    await expect(planner.selection()).toHaveAttribute('data-hydrated', 'true');

    const moves: number[] = [];
    const selects: number[] = [];
    for (let k = 0; k < MOVES; k++) {
      const round = 1 + (k % ROUNDS);
      // someone at a table of the round, to the first other table with a free seat
      const names = await planner.tableNames(round);
      const from = names[k % names.length];
      const person = (await planner.table(round, from).locator('.seat-name').allInnerTexts())[0];
      const to = (await planner.round(round).locator('.plan-table').evaluateAll((figures, from) => {
        for (const f of figures) {
          const name = f.querySelector('figcaption strong')?.textContent?.replace('Tafel ', '') ?? '';
          const m = /(\d+)\/(\d+)/.exec(f.querySelector('figcaption .hint')?.textContent ?? '');
          if (name !== from && m && Number(m[1]) < Number(m[2])) return name;
        }
        return '';
      }, from));
      expect(to, 'a table with a free seat').not.toBe('');
      await expect(planner.selection()).toHaveAttribute('data-hydrated', 'true');
      await planner.round(round).getByRole('link', { name: new RegExp(person) }).focus();
      selects.push(await timed(page, () => page.keyboard.press('Enter'), `() => {
        const a = document.querySelector('a.seat-link[aria-current="true"]');
        return !!a && a.textContent.includes('${person}') && document.querySelectorAll('.table-action button').length > 0;
      }`));
      const button = page.getByRole('button', { name: `Hierheen: Tafel ${to}`, exact: true });
      await button.focus();
      moves.push(await timed(page, () => page.keyboard.press('Enter'), seatedAt(round, to, person)));
    }
    lines.push(
      `${people} people, ${ROUNDS} rounds, ${tables} tables of 8: plan on screen (Enter -> notice and chart) ${(plan / 1000).toFixed(2)} s; ` +
      `a move with the keyboard (Enter -> person at the new table, notice, quality panel) median ${median(moves).toFixed(0)} ms, ` +
      `max ${Math.max(...moves).toFixed(0)} ms over ${moves.length}; selecting the seat first (Enter on it -> selected, ` +
      `"Hierheen" shown) median ${median(selects).toFixed(0)} ms`,
    );
  }
  console.log(['planner in Chromium (debug server build unless the binary says otherwise)', ...lines].join('\n'));
});
