// The speaker view (issue 9): a speaker of the demo opens the personal link from the mail
// sent when the demo was loaded, sees their session with the running order around it, and
// edits their bio with JavaScript on and off (a refused edit shows the field's message),
// uploads a photo (a non-image is refused with its message), sees it on the public agenda
// and removes it again; no serious or critical axe violations on the page. A coordinator moves a session in the
// programme editor (a wrong time is refused with its message) and its speaker is mailed.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { setPasswordLink, uniqueEmail, waitForMail, waitForSubject } from './pages/mailbox';
import { addCoordinator } from './pages/coordinator-cli';
import { LoginPage, SetPasswordPage } from './pages/coordinator-account';
import { ProgrammeEditorPage } from './pages/programme-editor-page';
import { DEMO } from './pages/register-page';
import { SpeakerPage, speakerLink, testPng } from './pages/speaker-page';

const GRETE = 'grete.remen@example.org';

for (const js of [true, false]) {
  test(`a speaker opens their link and edits their bio (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const link = speakerLink(await waitForMail(GRETE));
    const speaker = new SpeakerPage(page);
    await speaker.open(link);
    await expect(speaker.sessions()).toHaveCount(1);
    const session = speaker.sessions().first();
    await expect(session).toContainText('Goede praktijk: een inclusieve werkvloer');
    await expect(session).toContainText('Guido Grochowczak');
    await expect(session).toContainText('Liesbeth Nieuwets');
    await expect(speaker.practical()).toContainText('Brouwerijmuseum');
    await expect(speaker.audience()).toBeVisible();

    // A refused edit: the name is required; nothing is saved.
    await speaker.name().fill('');
    await speaker.save();
    await expect(speaker.fieldError('name')).toHaveText('Vul de naam van de spreker in.');
    await expect(speaker.formError()).toContainText('Kijk de gemarkeerde velden na.');

    const bio = `Bouwt aan een inclusieve werkvloer (${js ? 'met' : 'zonder'} JavaScript).`;
    await speaker.name().fill('Grete Remen');
    await speaker.bio().fill(bio);
    await speaker.save();
    await expect(speaker.savedNotice()).toHaveText('Je wijzigingen zijn bewaard.');
    await page.reload();
    await speaker.loaded();
    await expect(speaker.bio()).toHaveValue(bio);
    await context.close();
  });
}

for (const js of [true, false]) {
  test(`a speaker uploads and removes their photo (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const speaker = new SpeakerPage(page);
    await speaker.open(speakerLink(await waitForMail(GRETE)));
    await expect(speaker.photoSection()).toContainText('Je hebt nog geen foto.');

    // Not an image: refused with its message, nothing stored.
    await speaker.uploadPhoto({ name: 'bio.png', mimeType: 'image/png', buffer: Buffer.from('geen foto') });
    await expect(speaker.photoError()).toHaveText(
      'Dit is geen JPEG-, PNG- of WebP-afbeelding, of het bestand is beschadigd.',
    );
    await expect(speaker.photo()).toHaveCount(0);

    await speaker.uploadPhoto({ name: 'grete.png', mimeType: 'image/png', buffer: testPng(900, 600) });
    await expect(speaker.photoNotice()).toHaveText('Je foto is bewaard.');
    await expect(speaker.photo()).toHaveAttribute('alt', 'Grete Remen');
    await expect(speaker.photo()).toHaveAttribute('width', '400');
    await expect(speaker.photo()).toHaveAttribute('height', '267');
    // The browser loaded and decoded it (the CSP lets it in).
    await expect
      .poll(() => speaker.photo().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(400);
    const src = await speaker.photo().getAttribute('src');
    expect(src).toMatch(/^\/photos\/\d+-[0-9a-f]{16}\.jpg$/);

    await page.goto(`${DEMO}/agenda`);
    const profile = page.locator('li.profile', { hasText: 'Grete Remen' });
    await expect(profile.locator('img')).toHaveAttribute('src', src!);
    await page.goBack();
    await speaker.loaded();

    // Removing needs the tick.
    await speaker.removePhoto(false);
    await expect(speaker.photoError()).toHaveText('Vink eerst aan dat je je foto wilt verwijderen.');
    await expect(speaker.photo()).toHaveCount(1);
    await speaker.removePhoto(true);
    await expect(speaker.photoNotice()).toHaveText('Je foto is verwijderd.');
    await expect(speaker.photo()).toHaveCount(0);
    await context.close();
  });
}

test('the speaker page has no serious or critical accessibility violations', async ({ page }) => {
  const speaker = new SpeakerPage(page);
  await speaker.open(speakerLink(await waitForMail(GRETE)));
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

// The editor's forms are used only once its content is hydrated (the page object waits for
// the editor's own marker, set after the Suspense content hydrates); any script error on the
// page fails the test with its message.
test('a coordinator moves a session and its speaker gets a mail', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  const coordinator = uniqueEmail('prog');
  const password = 'Tafel-ronde-e2e-2026';
  await addCoordinator(coordinator);
  const setPassword = new SetPasswordPage(page);
  await setPassword.open(setPasswordLink(await waitForMail(coordinator)));
  await setPassword.choose(password);
  await expect(page).toHaveURL(/\/coordinator\/login\?password_set=1$/);
  await new LoginPage(page).signIn(coordinator, password);
  await expect(page).toHaveURL(/\/coordinator$/);

  const editor = new ProgrammeEditorPage(page);
  await editor.open(DEMO.replace('/e/', ''));
  const summary = 'Samenvatting en uitnodiging aan tafel';
  // The end before the start: refused, with the message at the times.
  await editor.setTimes(summary, '15:30', '15:20');
  await expect(editor.session(summary).locator('.field-error')).toHaveText('Het einde moet na het begin liggen.');
  await editor.setTimes(summary, '15:30', '15:50');
  await expect(editor.saved()).toBeVisible();
  await expect(editor.session(summary)).toContainText('15:30–15:50');
  const mail = await waitForSubject('liesbeth.nieuwets@example.org', /verplaatst/);
  expect(mail.text).toContain('15:50');

  // The coordinator gives a speaker a photo; the agenda shows it.
  await editor.uploadPhoto('Wouter Weltens', testPng(320, 320));
  await expect(editor.speaker('Wouter Weltens')).toContainText('De foto is bewaard.');
  await expect(editor.speaker('Wouter Weltens').locator('img.speaker-thumb')).toBeVisible();
  await page.goto(`${DEMO}/agenda`);
  await expect(page.locator('.profile', { hasText: 'Wouter Weltens' }).locator('img')).toBeVisible();
  expect(errors).toEqual([]);
});
