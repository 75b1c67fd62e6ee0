// The public agenda of the demo event (issue 9): complete with JavaScript on and off, its
// calendar links, one A4 page in print, no serious or critical axe violations; the event
// page links to it and an attendee sees the agenda on their manage page.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AgendaPage } from './pages/agenda-page';
import { ManagePage } from './pages/manage-page';
import { DEMO, registerByPost } from './pages/register-page';
import { manageLink, uniqueEmail, waitForMail } from './pages/mailbox';

const ORDER = [
  'Onthaal met koffie',
  'Welkom',
  'Lokale besturen als regisseur',
  'Goede praktijk: samenwerken in de logistiek',
  'Goede praktijk: rekruteren via trajectbegeleiding',
  'Goede praktijk: een inclusieve werkvloer',
  'Samenvatting en uitnodiging aan tafel',
  'Netwerktafels',
  'Netwerktafels',
  'Afsluiting en netwerkdrink',
];

for (const js of [true, false]) {
  test(`the agenda is complete with JavaScript ${js ? 'on' : 'off'}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const agenda = new AgendaPage(page);
    await agenda.open();
    await expect(agenda.sessionTitles()).toHaveText(ORDER);
    await expect(agenda.session('Lokale besturen als regisseur')).toContainText('Serge Vander Linden');
    await expect(agenda.session('een inclusieve werkvloer')).toContainText('Grete Remen');
    await expect(agenda.sessions().nth(7)).toContainText('Ronde 1');
    await expect(agenda.sessions().nth(8)).toContainText('Ronde 2');
    await expect(agenda.profiles()).toHaveCount(5);
    await expect(agenda.profiles().filter({ hasText: 'Wouter Weltens' })).toContainText('Operations Manager, H.Essers');
    await expect(agenda.illustrativeNote()).toBeVisible();
    expect(await page.content()).not.toContain('@example.org');
    // The calendar links: the feed as a file and as a subscription.
    await expect(agenda.subscribeLink()).toHaveAttribute('href', /^webcal:\/\/.+\/agenda\.ics\?lang=nl$/);
    const ics = await page.request.get((await agenda.feedLink().getAttribute('href'))!);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VEVENT');
    await context.close();
  });
}

test('the event page shows the programme and opens the agenda', async ({ page }) => {
  await page.goto(DEMO);
  await expect(page.locator('ol.agenda-compact')).toContainText('Lokale besturen als regisseur');
  await page.getByRole('link', { name: 'Volledig programma en sprekers' }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await new AgendaPage(page).loaded();
  await expect(new AgendaPage(page).sessionTitles()).toHaveText(ORDER);
});

test('an attendee sees the agenda on their manage page', async ({ page }) => {
  const email = uniqueEmail('agenda');
  await registerByPost(page.request, {
    first_name: 'Lena', last_name: 'Claes', email, organisation: 'Gemeente Bocholt',
    org_type: 'local_government', sector: 'other', offers: 'werkopdrachten',
    needs: 'personeel',
  });
  const mail = await waitForMail(email);
  expect(mail.text).toContain('Lokale besturen als regisseur — Serge Vander Linden');
  const manage = new ManagePage(page, true);
  await manage.open(new URL(manageLink(mail)).pathname);
  const agenda = page.locator('.agenda-card');
  await expect(agenda).toContainText('Lokale besturen als regisseur');
  // The place where "round N: table X" appears once the planner publishes a plan.
  await expect(agenda.locator('.round-slot[data-round="1"]')).toContainText('Ronde 1');
  await expect(agenda.locator('.round-slot[data-round="2"]')).toContainText('Ronde 2');
});

test('the agenda prints on one A4 page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await new AgendaPage(page).open();
  const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
  await context.close();
});

for (const width of [320, 1280]) {
  test(`no serious or critical accessibility violations on the agenda at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await new AgendaPage(page).open();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await context.close();
  });
}
