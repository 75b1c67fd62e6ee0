// Page object: one event's registrations table for a coordinator (search, CSV export,
// cancelling a row behind its confirmation).
import { expect, type Download, type Page } from '@playwright/test';

export class RegistrationsPage {
  constructor(private readonly page: Page, private readonly slug: string) {}

  async open() {
    await this.page.goto(`/coordinator/events/${this.slug}/registrations`);
    await expect(this.page.getByRole('heading', { name: /^Inschrijvingen/ })).toBeVisible();
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: /Zoeken/ }).fill(text);
    await this.page.getByRole('button', { name: 'Toon', exact: true }).click();
  }

  /** The table's body rows. */
  rows() {
    return this.page.locator('table.registrations-table tbody tr');
  }

  row(text: string) {
    return this.rows().filter({ hasText: text });
  }

  async downloadCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: /Exporteer als CSV/ }).click();
    return download;
  }

  /** Opens the row's "Annuleren…" box and confirms. */
  async cancel(text: string) {
    const row = this.row(text);
    await row.getByText('Annuleren…', { exact: true }).click();
    await row.getByRole('button', { name: 'Ja, annuleer deze inschrijving' }).click();
  }

  notice() {
    return this.page.locator('p.notice[role=status]');
  }
}
