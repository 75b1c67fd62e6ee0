// Named to run after the planner and follow-up specs (files run in name order): its check-ins
// and walk-in change the demo event that those specs plan and mail.
// Issue 10's day of the event, end to end: the QR code of a confirmation mail opened by a
// coordinator who is not signed in yet (the login comes back to it) checks the person in
// with one button, once; a walk-in is registered at the desk (field errors first), checked
// in and mailed; the name badges print as one A6 page per confirmed person (PDF). A second
// test scans a QR code with the desk page's camera scanner.
import { test, expect, chromium } from '@playwright/test';
import { addCoordinator } from './pages/coordinator-cli';
import { LoginPage, SetPasswordPage, signInAsNewCoordinator } from './pages/coordinator-account';
import { fakeCameraVideo } from './pages/fake-camera';
import { CheckinDesk, ScanPage, checkinPath } from './pages/checkin-page';
import { DEMO, registerByPost } from './pages/register-page';
import { expectNoSeriousAxeViolations } from './pages/axe';
import { manageLink, setPasswordLink, uniqueEmail, waitForMail } from './pages/mailbox';

const SLUG = DEMO.replace('/e/', '');

test('a scanned QR code checks in; a walk-in is registered; badges print on A6', async ({ page }) => {
  test.setTimeout(120_000);
  const attendee = uniqueEmail('qr');
  await registerByPost(page.request, {
    first_name: 'Quinten', last_name: 'Rombouts', email: attendee, organisation: 'Maatwerkbedrijf Noord',
    org_type: 'social_economy', sector: 'groen', offers: 'werkopdrachten', needs: 'personeel',
  });
  const mail = await waitForMail(attendee);
  expect(mail.text).toContain('toon deze mail aan het onthaal');
  const scanUrl = checkinPath(SLUG, manageLink(mail));

  // A coordinator who is not signed in opens the code: the login comes first, then the code.
  const coordinator = uniqueEmail('desk');
  const password = 'Tafel-ronde-e2e-2026';
  await addCoordinator(coordinator);
  const setPassword = new SetPasswordPage(page);
  await setPassword.open(setPasswordLink(await waitForMail(coordinator)));
  await setPassword.choose(password);
  const login = new LoginPage(page);
  await expect(login.notice()).toBeVisible();
  await page.goto(scanUrl);
  await expect(page).toHaveURL(/\/coordinator\/login\?next=/);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await login.signIn(coordinator, password);
  await expect(page).toHaveURL(new RegExp(`${scanUrl}$`));
  const scan = new ScanPage(page);
  await expect(scan.name()).toHaveText('Quinten Rombouts');
  await expect(page.getByText('Maatwerkbedrijf Noord')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the scanned check-in code');
  await scan.checkIn();
  await expect(scan.state()).toContainText('Ingecheckt. Welkom!');
  await expect(page.getByRole('button', { name: 'Inchecken' })).toHaveCount(0);
  // Opened again (a second scan): already checked in, with the time.
  await page.goto(scanUrl);
  await expect(scan.state()).toContainText(/Al ingecheckt om \d\d:\d\d/);
  // A wrong code: 404, in Dutch.
  const wrong = await page.goto(`/coordinator/events/${SLUG}/checkin/${'0'.repeat(64)}`);
  expect(wrong!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Onbekende QR-code' })).toBeVisible();

  // A walk-in at the desk: checked live as typed, refused on the e-mail field when the address
  // is registered already, then registered, checked in and mailed.
  const desk = new CheckinDesk(page);
  await desk.open(SLUG);
  await desk.typeEmail('geen-adres');
  await expect(desk.fieldError('email')).toHaveText(/geen geldig e-mailadres/);
  await desk.registerWalkIn({ first: 'Wanda', last: 'Binnenloop', email: attendee, organisation: 'Buurtwerk Zuid' });
  await expect(desk.fieldError('email')).toHaveText(/al ingeschreven/);
  const walkIn = uniqueEmail('walkin');
  await desk.registerWalkIn({ first: 'Wanda', last: 'Binnenloop', email: walkIn, organisation: 'Buurtwerk Zuid' });
  await expect(page.getByText('Ingeschreven en ingecheckt; de bevestigingsmail is onderweg.')).toBeVisible();
  await expect(desk.arrived('Wanda Binnenloop')).toHaveCount(1);
  await expectNoSeriousAxeViolations(page, 'the check-in desk with the walk-in form');
  const confirmation = await waitForMail(walkIn);
  expect(confirmation.subject).toMatch(/^Je inschrijving/);

  // The name badges: one A6 page per confirmed person.
  await page.getByRole('link', { name: 'Naambadges afdrukken' }).click();
  await expect(page).toHaveURL(/\/badges$/);
  const badges = page.locator('.name-badge');
  await expect(badges.filter({ hasText: 'Wanda Binnenloop' })).toHaveCount(1);
  const n = await badges.count();
  expect(n).toBeGreaterThanOrEqual(2);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(n);
  // A6 is 105 × 148 mm: 297.6 × 419.5 points (Chromium writes 298.08 × 420).
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(boxes.length).toBeGreaterThan(0);
  for (const [, w, h] of boxes) {
    expect(Math.abs(Number(w) - 297.6)).toBeLessThan(1.5);
    expect(Math.abs(Number(h) - 419.5)).toBeLessThan(1.5);
  }
  // The personal schedules print the same way.
  await page.getByRole('link', { name: 'Persoonlijke programma\'s afdrukken' }).click();
  await expect(page.locator('.schedule')).toHaveCount(n);
  const schedules = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  expect((schedules.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(n);
});

// The desk's camera: a browser whose camera (Chromium's fake device) shows the QR code of a
// confirmation (the manage page shows the same code as the mail) opens that person's check-in
// from the desk page; the QR code is read in the page (rqrr in the coordinator bundle).
test('the desk scans a QR code with the camera and opens that check-in', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const attendee = uniqueEmail('camera');
  await registerByPost(page.request, {
    first_name: 'Camille', last_name: 'Lenaerts', email: attendee, organisation: 'Lensfabriek Tongeren',
    org_type: 'company', sector: 'maakindustrie', offers: 'werkopdrachten', needs: 'personeel',
  });
  const link = manageLink(await waitForMail(attendee));
  await page.goto(link);
  const qr = await page.locator('.qr-box svg').screenshot();
  const video = await fakeCameraVideo(browser, qr);
  await signInAsNewCoordinator(page, 'camera-desk');

  const config = test.info().project.use;
  const camera = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      ...(config.launchOptions?.args ?? []),
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await camera.newContext({ baseURL: config.baseURL, locale: 'nl-BE' });
    await context.addCookies(await page.context().cookies());
    const desk = await context.newPage();
    const errors: string[] = [];
    desk.on('pageerror', (e) => errors.push(e.message));
    await desk.goto(`/coordinator/events/${SLUG}/checkin`);
    await expect(desk.locator('body')).toHaveAttribute('data-hydrated', 'true');
    await desk.getByRole('button', { name: 'Camera starten' }).click();
    await expect(desk).toHaveURL(new RegExp(`${checkinPath(SLUG, link)}$`), { timeout: 30_000 });
    await expect(new ScanPage(desk).name()).toHaveText('Camille Lenaerts');
    expect(errors).toEqual([]);
  } finally {
    await camera.close();
  }
});
