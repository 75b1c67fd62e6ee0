// Page objects: the coordinator's follow-up page (preview, confirmed send, answers per topic)
// and the attendee's answer page behind the link in the follow-up mail (no wasm).
import { expect, type Page } from '@playwright/test';
import type { Mail } from './mailbox';

export class FollowupPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/coordinator/events/${slug}/followup`);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Opvolging na het evenement');
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  preview() {
    return this.page.getByTestId('followup-preview');
  }

  toSend() {
    return this.page.getByTestId('followup-to-send');
  }

  /** Ticks the confirmation and sends; the page then says the mails are queued. */
  async send() {
    await this.page.getByLabel('Ik wil de opvolgingsmail nu versturen').check();
    await this.page.getByRole('button', { name: 'Opvolgingsmail versturen' }).click();
    await expect(this.page.getByText('De opvolgingsmails staan klaar om te vertrekken.')).toBeVisible();
  }

  /** The number of `answer` answers (yes, partly, no) for topic `code`. */
  count(code: string, answer: 'yes' | 'partly' | 'no') {
    return this.page.locator(`.followup-answers tr[data-topic="${code}"] td[data-answer="${answer}"]`);
  }
}

/** The answer link in a follow-up mail. */
export function answerLink(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/[^\s]+\/f\/[0-9a-f]{64}/);
  if (!m) throw new Error(`no answer link in: ${mail.text}`);
  return m[0];
}

export class AnswerPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(new URL(link).pathname);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Heb je gevonden wat je zocht?');
  }

  /** Chooses `label` (Ja, Gedeeltelijk, Nee) for the need `code`. */
  async choose(code: string, label: string) {
    await this.page.locator(`fieldset[data-topic="${code}"]`).getByLabel(label, { exact: true }).check();
  }

  async send() {
    await this.page.getByRole('button', { name: 'Antwoord versturen' }).click();
  }

  thanks() {
    return this.page.getByText('Bedankt voor je antwoord!');
  }
}
