// Page object: a speaker's personal page behind the link in their mail (/s/<token>).
import { expect, type Page } from '@playwright/test';
import type { Mail } from './mailbox';

/** The speaker-page link in a speaker's mail. */
export function speakerLink(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/[^\s]+\/s\/[0-9a-f]{64}/);
  if (!m) throw new Error(`no speaker link in: ${mail.text}`);
  return m[0];
}

export class SpeakerPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await this.loaded();
  }

  async loaded() {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Jouw sprekerspagina');
    // The page loads no wasm (complete as HTML): with JavaScript on or off it is the same
    // page, and nothing hydrates.
    await this.page.waitForLoadState('load');
  }

  sessions() {
    return this.page.locator('ol.speaker-sessions > li');
  }

  audience() {
    return this.page.locator('section[aria-labelledby="speaker-audience"]');
  }

  practical() {
    return this.page.locator('section[aria-labelledby="speaker-practical"]');
  }

  bio() {
    return this.page.locator('#f-bio');
  }

  name() {
    return this.page.locator('#f-name');
  }

  async save() {
    await this.page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  }

  savedNotice() {
    return this.page.locator('p.notice.success');
  }

  formError() {
    return this.page.locator('#form-error');
  }

  fieldError(name: string) {
    return this.page.locator(`#err-${name}`);
  }
}
