// The speaker view (issue 9): a speaker of the demo opens the personal link from the mail
// sent when the demo was loaded, sees their session with the running order around it, and
// edits their bio with JavaScript on and off (a refused edit shows the field's message);
// no serious or critical axe violations on the page.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitForMail } from './pages/mailbox';
import { SpeakerPage, speakerLink } from './pages/speaker-page';

const GRETE = 'grete.remen@example.org';

for (const js of [true, false]) {
  test(`a speaker opens their link and edits their bio (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const link = speakerLink(await waitForMail(GRETE));
    const speaker = new SpeakerPage(page, js);
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

test('the speaker page has no serious or critical accessibility violations', async ({ page }) => {
  const speaker = new SpeakerPage(page, true);
  await speaker.open(speakerLink(await waitForMail(GRETE)));
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
