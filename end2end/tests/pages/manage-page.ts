// Page object: the personal manage page behind the link in the mail.
import { expect, type Page } from '@playwright/test';

export class ManagePage {
  constructor(private readonly page: Page, private readonly js: boolean) {}

  async open(link: string) {
    await this.page.goto(link);
    if (this.js) {
      await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    }
  }

  status() {
    return this.page.locator('p.status');
  }

  async cancel(confirm: boolean) {
    if (confirm) await this.page.check('#f-confirm');
    await this.page.getByRole('button', { name: 'Annuleren' }).click();
  }

  /** The box "share my details with my tablemates after the event". */
  shareContact() {
    return this.page.locator('#f-share_contact');
  }

  cancelError() {
    return this.page.locator('#err-confirm');
  }
}
