// Issue 8's coordinator flow end to end: an account made with the CLI, the password set
// through the invitation mail, sign-in, an event with one seat created and published, two
// public registrations (one seat, one wait list), search, CSV export, cancelling the seated
// one, and the wait-listed person promoted with the "good news" mail; then the CSV import
// (a check listing the bad line, then the confirmation; the imported person mailed), a bulk
// mail (an unknown placeholder refused, the preview, one mail each) and the edit of one
// registration. Every coordinator page on the way is checked with axe-core.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addCoordinator } from './pages/coordinator-cli';
import { LoginPage, SetPasswordPage } from './pages/coordinator-account';
import { EventFormPage } from './pages/event-form-page';
import { RegistrationsPage } from './pages/registrations-page';
import { RegisterPage } from './pages/register-page';
import { RegistrationEditPage } from './pages/registration-edit-page';
import { expectNoSeriousAxeViolations } from './pages/axe';
import { setPasswordLink, uniqueEmail, waitForMail, waitForSubject } from './pages/mailbox';

test('a coordinator invited by the CLI runs an event: publish, search, export, cancel, promote, import, mail, edit', async ({ page }) => {
  test.setTimeout(240_000);
  const coordinator = uniqueEmail('coord');
  const password = 'Tafel-ronde-e2e-2026';
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const slug = `e2e-coord-${tag}`;

  // The account, from the command line; the invitation mail comes through the server.
  await addCoordinator(coordinator);
  const invitation = await waitForMail(coordinator);
  expect(invitation.subject).toContain('coördinatoraccount');

  const setPassword = new SetPasswordPage(page);
  await setPassword.open(setPasswordLink(invitation));
  await setPassword.choose(password);
  await expect(page).toHaveURL(/\/coordinator\/login\?password_set=1$/);
  const login = new LoginPage(page);
  await expect(login.notice()).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the login page');
  await login.signIn(coordinator, password);
  await expect(page).toHaveURL(/\/coordinator$/);
  await expect(page.getByText(`Aangemeld als ${coordinator}`)).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the dashboard (events list)');

  // An event with one seat, saved unpublished, then published.
  const form = new EventFormPage(page);
  await form.openNew();
  await expectNoSeriousAxeViolations(page, 'the new event form');
  await form.fill({
    title: `Tafelronde e2e ${tag}`,
    slug,
    venue: 'Het Depot',
    address: 'Martelarenplein 12, 3000 Leuven',
    starts: '2030-06-01T09:00',
    ends: '2030-06-01T17:00',
    opens: '2026-01-01T09:00',
    closes: '2030-05-31T23:00',
    capacity: 1,
    organiser: 'Tafelronde vzw',
    organiserEmail: 'info@example.be',
    topics: ['Werkopdrachten', 'Personeel'],
  });
  await form.create();
  await expect(page).toHaveURL(new RegExp(`/coordinator/events/${slug}/edit\\?saved=1$`));
  await expect(form.state()).toContainText('Niet gepubliceerd');
  await expectNoSeriousAxeViolations(page, 'the event edit page');
  await form.publish();
  await expect(page.getByText('Het evenement is gepubliceerd.')).toBeVisible();
  // No reload: the page loads the event again after the action.
  await expect(form.state()).toContainText('Status: Gepubliceerd');

  // The public form: the first person takes the seat, the second lands on the wait list.
  const seated = uniqueEmail('seated');
  const waiting = uniqueEmail('waiting');
  const attendee = await page.context().newPage();
  const first = new RegisterPage(attendee, true, `/e/${slug}`);
  await first.open('Inschrijven');
  await first.fill({ first: 'Anna', last: 'Peeters', email: seated, organisation: 'Kringwinkel Leuven' });
  await first.submit();
  await expect(attendee).toHaveURL(new RegExp(`/e/${slug}/check-mail$`));
  expect((await waitForMail(seated)).subject).toContain('Je inschrijving');

  const second = new RegisterPage(attendee, true, `/e/${slug}`);
  await second.open('Op de wachtlijst zetten');
  await second.fill({ first: 'Bram', last: 'Claes', email: waiting, organisation: 'Wonen en Werken' });
  await second.submit();
  await expect(attendee).toHaveURL(new RegExp(`/e/${slug}/check-mail\\?waitlist=1$`));
  expect((await waitForMail(waiting)).subject).toContain('wachtlijst');
  await attendee.close();

  // The coordinator finds the first registration by searching.
  const table = new RegistrationsPage(page, slug);
  await table.open();
  await expect(table.rows()).toHaveCount(2);
  await expectNoSeriousAxeViolations(page, 'the registrations table');
  await table.search('Peeters');
  await expect(page).toHaveURL(/[?&]q=Peeters/);
  await expect(table.rows()).toHaveCount(1);
  await expect(table.row(seated)).toContainText('Peeters, Anna');
  await expect(table.row(seated)).toContainText('Bevestigd');

  // The CSV of the filtered table: UTF-8 with a BOM (for spreadsheets), the name in it.
  const download = await table.downloadCsv();
  const csv = await readFile((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  expect(text).toContain('Peeters');
  expect(text).toContain(seated);
  expect(text).not.toContain(waiting);

  // Cancelling behind its confirmation frees the seat for the wait list.
  await table.cancel(seated);
  await expect(table.notice()).toHaveText('De inschrijving is geannuleerd en de persoon krijgt een mail.');
  // No reload: the table loads again after the action.
  await expect(table.row(seated)).toContainText('Geannuleerd');
  await waitForSubject(seated, /geannuleerd/);

  const promoted = await waitForSubject(waiting, /^Goed nieuws/);
  expect(promoted.text).toContain('Er is een plaats vrijgekomen');
  await table.open();
  await expect(table.row(waiting)).toContainText('Bevestigd');
  await expect(table.row(seated)).toContainText('Geannuleerd');

  // The event overview.
  await page.goto(`/coordinator/events/${slug}`);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expectNoSeriousAxeViolations(page, 'the event overview');

  // CSV import of people registered by phone: the check lists the bad line, imports nothing.
  const phoned = uniqueEmail('phoned');
  await table.open();
  await table.checkImport(
    [
      'Voornaam,Achternaam,E-mail,Organisatie,Soort organisatie,Sector,Telefoon',
      `Carla,Claes,${phoned},Groenwerk vzw,Sociale-economieonderneming,Groen,+32 470 12 34 56`,
      'Dirk,,geen-adres,Damhert,Bedrijf,Zorg,',
    ].join('\n'),
  );
  await expect(table.importSummary()).toContainText('1 rijen kunnen geïmporteerd worden: 0 met een plaats, 1 op de wachtlijst.');
  await expect(table.importProblems(3)).toHaveCount(2);
  await expect(table.importProblems(3).first()).toContainText('Dit veld is verplicht.');
  await expect(table.row(phoned)).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, 'the import check');
  await table.confirmImport();
  await expect(table.importSummary()).toContainText('1 rijen geïmporteerd');
  // No reload: the table loads again after the import.
  await expect(table.row(phoned)).toContainText('Wachtlijst');
  expect((await waitForMail(phoned)).subject).toContain('wachtlijst');

  // Bulk mail to the table's selection (all filters off: Bram and Carla; Anna cancelled).
  await table.open();
  await table.previewMail('Nieuws', 'Dag {voornaam}');
  await expect(table.mailFieldError('body')).toContainText('Onbekend invulveld');
  await table.previewMail('Nieuws voor {first_name}', 'Dag {first_name},\n\n{event_title}: {manage_link}');
  await expect(table.mailCount()).toHaveText('2 ontvangers');
  await expect(table.mailPreview()).toContainText('Nieuws voor Bram');
  await expectNoSeriousAxeViolations(page, 'the bulk mail preview');
  await table.sendMail();
  await expect(page.getByText('2 mails staan klaar om verstuurd te worden.')).toBeVisible();
  const news = await waitForSubject(phoned, /^Nieuws voor Carla$/);
  expect(news.text).toMatch(/\/m\/[0-9a-f]{64}/);
  await waitForSubject(waiting, /^Nieuws voor Bram$/);

  // Editing one registration: a field error keeps the typed values, then a valid save.
  await table.edit(phoned);
  const edit = new RegistrationEditPage(page);
  await edit.loaded();
  await expectNoSeriousAxeViolations(page, 'the registration edit page');
  await edit.field('Organisatie').fill('Groenwerk Leuven');
  await edit.field('Telefoon').fill('12');
  await edit.save();
  await expect(page.locator('#err-phone')).toContainText('geen geldig telefoonnummer');
  await expect(edit.field('Organisatie')).toHaveValue('Groenwerk Leuven');
  await edit.field('Telefoon').fill('+32 16 12 34 56');
  await edit.save();
  await expect(page).toHaveURL(new RegExp(`/coordinator/events/${slug}/registrations\\?done=edited$`));
  await expect(table.notice()).toHaveText('De inschrijving is opgeslagen.');
  await expect(table.row(phoned)).toContainText('Groenwerk Leuven');
});
