// Issue 10's planner, end to end: a coordinator sets up tables for the demo event, plans
// (the chart shows every table in both of the programme's networking rounds, with its
// quality), publishes, prints the table cards (four to an A4 page, as a PDF), checks her in
// at the desk by name with the keyboard, and an attendee finds their table per round in the
// mail and on their page. Then the coordinator selects her seat with the keyboard, moves her
// to another table and swaps her with someone, by hand with the keyboard alone, makes her
// the host of table 3 with a theme (planning again seats her there in every round, the chart
// marks her and shows the theme). The planner page is checked with axe-core, also with a
// selection. Dragging with the mouse is a second test.
import { test, expect } from '@playwright/test';
import { signInAsNewCoordinator } from './pages/coordinator-account';
import { PlannerPage } from './pages/planner-page';
import { DEMO, registerByPost } from './pages/register-page';
import { expectNoSeriousAxeViolations } from './pages/axe';
import { manageLink, uniqueEmail, waitForMail, waitForSubject } from './pages/mailbox';

test('a coordinator plans and publishes the tables; an attendee sees theirs', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // Someone registered for the demo event.
  const attendee = uniqueEmail('seated');
  await registerByPost(page.request, {
    first_name: 'Sofie', last_name: 'Vanhees', email: attendee, organisation: 'Kringloopcentrum Pelt',
    org_type: 'social_economy', sector: 'groen', offers: 'werkopdrachten', needs: 'personeel',
  });
  const link = manageLink(await waitForMail(attendee));
  // Someone to drag around later (a name no other spec uses).
  const mover = 'Ruben Sleeuwaert';
  await registerByPost(page.request, {
    first_name: 'Ruben', last_name: 'Sleeuwaert', email: uniqueEmail('dragged'), organisation: 'Sleepwerk Genk',
    org_type: 'company', sector: 'logistiek', offers: 'personeel', needs: 'werkopdrachten',
  });

  await signInAsNewCoordinator(page, 'planner');

  const planner = new PlannerPage(page);
  await planner.open(DEMO.replace('/e/', ''));
  await expect(page.getByText('Uit het programma: de netwerkrondes.')).toBeVisible();
  // Enough seats for everyone the other specs registered too (the demo holds 120).
  await planner.setUp(16, 8);
  await planner.plan();
  await expect(planner.tables(1)).toHaveCount(16);
  await expect(planner.tables(2)).toHaveCount(16);
  await expect(planner.quality("Collega's aan één tafel")).toHaveText('0 — het minimum');
  await expect(page.locator('.plan-table', { hasText: 'Sofie Vanhees' })).toHaveCount(2);
  await expectNoSeriousAxeViolations(page, 'the planner with a plan');
  await planner.publish();

  // The table cards print four to an A4 sheet: 16 tables x 2 rounds = 32 cards, 8 pages.
  await page.getByRole('link', { name: 'Tafelkaarten afdrukken' }).click();
  await expect(page.locator('.table-card')).toHaveCount(32);
  await expect(page.locator('.table-card', { hasText: 'Sofie Vanhees' })).toHaveCount(2);
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(8);

  // On the day: the check-in desk finds her by name, with the keyboard alone.
  await page.goto(`/coordinator/events/${DEMO.replace('/e/', '')}/checkin`);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Zoek op naam of organisatie').fill('vanhees sofie');
  await page.keyboard.press('Enter');
  await expect(page.locator('.checkin-person')).toHaveCount(1);
  await page.getByRole('button', { name: 'Aangekomen: Sofie Vanhees' }).focus();
  await page.keyboard.press('Enter');
  // back at the desk with the same search, she is marked as here
  await expect(page.locator('.checkin-person.arrived', { hasText: 'Sofie Vanhees' })).toHaveCount(1);
  await expect(page.getByLabel('Zoek op naam of organisatie')).toHaveValue('vanhees sofie');
  await expectNoSeriousAxeViolations(page, 'the check-in desk');

  // The attendee: one mail with their tables, and the tables in their programme.
  const mail = await waitForSubject(attendee, /^Je tafels/);
  const round1 = mail.text.match(/Ronde 1: tafel \S+/)?.[0];
  expect(round1, mail.text).toBeTruthy();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(new URL(link).pathname);
  await expect(p.locator('.round-slot[data-round="1"]')).toHaveText(round1!);
  await expect(p.locator('.round-slot[data-round="2"]')).toContainText('Ronde 2: tafel ');
  await context.close();

  // A hand edit, with the keyboard alone: select her seat in round 1, move her.
  await planner.open(DEMO.replace('/e/', ''));
  await planner.selectWithKeyboard(1, 'Sofie Vanhees');
  const panel = await planner.selection().locator('.selection-who').innerText();
  const from = panel.match(/tafel (\S+)/)?.[1];
  expect(from, panel).toBeTruthy();
  await expect(planner.table(1, from!)).toContainText('Sofie Vanhees');
  await expect(planner.table(1, from!).getByRole('button', { name: /^Hierheen/ })).toHaveCount(0);
  await expect(planner.moveHere().first()).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the planner with a seat selected');
  const target = planner.moveHere().first();
  const to = (await target.getAttribute('aria-label'))!.replace('Hierheen: Tafel ', '');
  expect(to).not.toBe(from);
  await target.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Verplaatst: Sofie Vanhees zit nu aan tafel ${to} in ronde 1.`)).toBeVisible();
  await expect(planner.table(1, to)).toContainText('Sofie Vanhees');
  await expect(planner.table(1, from!)).not.toContainText('Sofie Vanhees');
  // still selected, now at her new table, and her seat has the keyboard focus again
  await expect(planner.selection().locator('.selection-who')).toContainText(`tafel ${to}`);
  await expect(planner.table(1, to).locator('a.seat-link[aria-current="true"]')).toBeFocused();
  // A swap with the keyboard alone: "Wisselen met" in the selection panel, the first person
  // offered (at another table of round 1), then the button.
  const swapWith = planner.selection().getByLabel('Wisselen met');
  await swapWith.focus();
  await page.keyboard.press('ArrowDown');
  await expect(swapWith).not.toHaveValue('');
  const choice = await swapWith.locator('option:checked').innerText();
  const [other, otherTable] = choice.split(' — tafel ');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Gewisseld: Sofie Vanhees en ${other}; Sofie Vanhees zit nu aan tafel ${otherTable} in ronde 1.`)).toBeVisible();
  await expect(planner.table(1, otherTable)).toContainText('Sofie Vanhees');
  await expect(planner.table(1, to)).toContainText(other);

  // Tables one by one: she hosts table 3, which gets a theme; planning again seats her there
  // in every round, marked as host, and the chart shows the theme.
  await planner.editTable('3', { host: 'Sofie Vanhees — Kringloopcentrum Pelt', theme: 'Circulaire economie' });
  await expect(page.locator('.plan-table-list tr', { hasText: 'Circulaire economie' })).toContainText('Sofie Vanhees');
  await planner.plan();
  for (const round of [1, 2]) {
    await expect(planner.table(round, '3').locator('.seat', { hasText: 'Sofie Vanhees' }).locator('.seat-host')).toHaveText('host');
    await expect(planner.table(round, '3').locator('.table-theme')).toHaveText('Thema: Circulaire economie');
  }
  await expect(page.locator('.seat-host')).toHaveCount(2);
  await expectNoSeriousAxeViolations(page, 'the planner with a host and a theme');
});

test('a seat dragged with the mouse onto another table moves there', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const mover = 'Ruben Sleeuwaert';
  await signInAsNewCoordinator(page, 'dragger');
  const planner = new PlannerPage(page);
  await planner.open(DEMO.replace('/e/', ''));
  // Drag and drop: someone in round 2 dragged with the mouse onto another table with a free
  // seat moves there, through the same server function; the chart and its figures follow.
  const names = await planner.tableNames(2);
  let source = '';
  for (const name of names) {
    if (await planner.table(2, name).locator('.seat-name', { hasText: mover }).count()) source = name;
  }
  expect(source, `${mover} is seated in round 2`).not.toBe('');
  // the nearest other table with a free seat, so both fit on the screen
  let dropOn = '';
  const at = names.indexOf(source);
  const nearest = names.filter((n) => n !== source)
    .sort((a, b) => Math.abs(names.indexOf(a) - at) - Math.abs(names.indexOf(b) - at));
  for (const name of nearest) {
    const [n, cap] = await planner.occupancy(2, name);
    if (n < cap) { dropOn = name; break; }
  }
  expect(dropOn, 'another table with a free seat in round 2').not.toBe('');
  const [before] = await planner.occupancy(2, dropOn);
  const [sourceBefore] = await planner.occupancy(2, source);
  await planner.dragToTable(2, mover, dropOn);
  await expect(page.getByText(`Verplaatst: ${mover} zit nu aan tafel ${dropOn} in ronde 2.`)).toBeVisible();
  await expect(planner.table(2, dropOn)).toContainText(mover);
  await expect(planner.table(2, source)).not.toContainText(mover);
  await expect(planner.table(2, dropOn).locator('figcaption .hint')).toContainText(`${before + 1}/`);
  await expect(planner.table(2, source).locator('figcaption .hint')).toContainText(`${sourceBefore - 1}/`);
});
