// Page object: the coordinator's programme editor (/coordinator/events/<slug>/programme).
import { expect, type Page } from '@playwright/test';

export class ProgrammeEditorPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/coordinator/events/${slug}/programme`);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Programma bewerken');
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    // The editor's own content hydrates after the body (it waits for its data).
    await expect(this.page.locator('section.programme-editor')).toHaveAttribute('data-hydrated', 'true');
  }

  session(title: string) {
    return this.page.locator('ol.programme-sessions > li').filter({ hasText: title });
  }

  /** Opens the session's edit form and sets its times (HH:MM, Brussels). */
  async setTimes(title: string, start: string, end: string) {
    const row = this.session(title);
    const details = row.locator('details').first();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await row.getByText('Bewerken', { exact: true }).click();
    }
    await row.getByLabel('Begint om (UU:MM)').fill(start);
    await row.getByLabel('Eindigt om (UU:MM)').fill(end);
    await row.getByRole('button', { name: 'Bewaren' }).click();
  }

  speaker(name: string) {
    return this.page.locator('ul.programme-speakers > li').filter({ hasText: name });
  }

  /** Opens the speaker's photo section and uploads `png` (a plain form post). */
  async uploadPhoto(name: string, png: Buffer) {
    const row = this.speaker(name);
    await row.getByText('Foto', { exact: true }).click();
    await row.getByLabel('Foto kiezen').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await row.getByRole('button', { name: 'Foto opladen' }).click();
    await expect(this.page).toHaveURL(/[?&]photo=saved/);
  }

  saved() {
    return this.page.getByText('Het programma is bijgewerkt.');
  }
}
