// Page object: the coordinator's edit page of one registration.
import { expect, type Page } from '@playwright/test';

export class RegistrationEditPage {
  constructor(private readonly page: Page) {}

  async loaded() {
    await expect(this.page.getByRole('heading', { name: /^Inschrijving bewerken/ })).toBeVisible();
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  /** A field by the start of its label (required ones end in " *"). */
  field(label: string) {
    return this.page.getByLabel(new RegExp(`^${label}`));
  }

  async save() {
    await this.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  }
}
