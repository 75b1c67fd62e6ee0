// Issue 10's follow-up, end to end: an attendee registers for the demo event with the box
// "share my details with my tablemates" ticked and sees it ticked on her manage page; a
// coordinator plans and publishes the tables, previews and sends the follow-up; the attendee
// opens the answer link from her mail (a page without wasm) and answers; the coordinator sees
// the count. Wrong links get their own page. Both pages are checked with axe-core.
import { test, expect } from '@playwright/test';
import { signInAsNewCoordinator } from './pages/coordinator-account';
import { PlannerPage } from './pages/planner-page';
import { DEMO, RegisterPage } from './pages/register-page';
import { ManagePage } from './pages/manage-page';
import { AnswerPage, FollowupPage, answerLink } from './pages/followup-page';
import { expectNoSeriousAxeViolations } from './pages/axe';
import { manageLink, uniqueEmail, waitForMail, waitForSubject } from './pages/mailbox';

const SLUG = DEMO.replace('/e/', '');

test('consent at registration, the follow-up mail and its answers', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The attendee ticks the box on the register form and sees it ticked on her page.
  const attendee = uniqueEmail('followup');
  const register = new RegisterPage(page, true);
  await register.open();
  await register.fill({ first: 'Lotte', last: 'Claes', email: attendee, organisation: 'Maatwerkbedrijf Lotte' });
  await expect(register.shareContact()).not.toBeChecked();
  await register.shareContact().check();
  await register.submit();
  await expect(page).toHaveURL(/\/check-mail/);
  const manage = new ManagePage(page, true);
  await manage.open(manageLink(await waitForMail(attendee)));
  await expect(manage.shareContact()).toBeChecked();

  // A coordinator seats everyone and publishes, then sends the follow-up.
  await signInAsNewCoordinator(page, 'followup-coord');
  const planner = new PlannerPage(page);
  await planner.open(SLUG);
  await planner.setUp(16, 8);
  await planner.plan();
  await planner.publish();

  const followup = new FollowupPage(page);
  await followup.open(SLUG);
  await expect(page.getByText('Let op: het evenement is nog niet afgelopen.')).toBeVisible();
  await expect(followup.preview()).toContainText('Je tafelgenoten: ');
  await expect(followup.toSend()).not.toHaveText('0');
  // Answers counted so far (none unless this database saw an earlier run).
  const cell = followup.count('personeel', 'yes');
  const before = (await cell.count()) ? Number(await cell.textContent()) : 0;
  await followup.send();
  await expect(followup.toSend()).toHaveText('0');

  // The attendee answers through the link in her mail, with JavaScript off.
  const mail = await waitForSubject(attendee, /^Je tafelgenoten: /);
  expect(mail.text).toContain('Heb je gevonden wat je zocht?');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  const answer = new AnswerPage(p);
  await answer.open(answerLink(mail));
  await answer.choose('personeel', 'Ja');
  await answer.send();
  await expect(answer.thanks()).toBeVisible();
  await expect(p.locator('fieldset[data-topic="personeel"]').getByLabel('Ja', { exact: true })).toBeChecked();
  // A link that is not hers: its own page, in her language.
  const wrong = await p.goto(`/f/${'ab'.repeat(32)}`);
  expect(wrong?.status()).toBe(404);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Ongeldige link');
  await context.close();

  // The coordinator sees the answer counted.
  await followup.open(SLUG);
  await expect(followup.count('personeel', 'yes')).toHaveText(String(before + 1));
  await expectNoSeriousAxeViolations(page, 'the follow-up page');
  // The answer page (it loads no wasm) checked by axe in a browser with JavaScript.
  await new AnswerPage(page).open(answerLink(mail));
  await expectNoSeriousAxeViolations(page, 'the follow-up answer page');
});
