// Page object: one event's registrations table for a coordinator (search, CSV export,
// cancelling a row behind its confirmation, editing a row), and below it the bulk mail and
// the CSV import (check, then confirm).
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

  /** Opens the row's edit page. */
  async edit(text: string) {
    await this.row(text).getByRole('link', { name: 'Bewerken', exact: true }).click();
  }

  /** Pastes `csv` into the import box and checks it (nothing is imported yet). */
  async checkImport(csv: string) {
    await this.page.getByLabel('CSV-tekst', { exact: true }).fill(csv);
    await this.page.getByRole('button', { name: 'Controleer (importeert nog niets)' }).click();
  }

  importSummary() {
    return this.page.locator('p.import-summary');
  }

  /** The problems the check listed for line `line`. */
  importProblems(line: number) {
    return this.page.locator(`table.import-problems tbody tr[data-line="${line}"]`);
  }

  async confirmImport() {
    await this.page.getByRole('button', { name: 'Importeer deze rijen en stuur hun mails' }).click();
  }

  /** Fills the bulk mail and asks for its preview (nothing is sent yet). */
  async previewMail(subject: string, body: string) {
    await this.page.getByLabel('Onderwerp', { exact: true }).fill(subject);
    await this.page.getByLabel('Bericht', { exact: true }).fill(body);
    await this.page.getByRole('button', { name: 'Toon voorbeeld (verstuurt nog niets)' }).click();
  }

  mailFieldError(field: 'subject' | 'body') {
    return this.page.locator(`#err-bulk-${field}`);
  }

  mailCount() {
    return this.page.locator('p.bulk-count');
  }

  mailPreview() {
    return this.page.locator('.mail-preview');
  }

  async sendMail() {
    await this.page.getByRole('button', { name: 'Verstuur naar deze ontvangers' }).click();
  }
}
