// Page object: the coordinator's table planner (set-up, plan, publish, the seating chart).
import { expect, type Page } from '@playwright/test';

export class PlannerPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/coordinator/events/${slug}/planner`);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Tafelplanner');
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  /** Sets up `tables` tables of `size` (the rounds come from the programme). */
  async setUp(tables: number, size: number) {
    await this.page.getByLabel('Aantal tafels').fill(String(tables));
    await this.page.getByLabel('Plaatsen per tafel').fill(String(size));
    const confirm = this.page.getByLabel('Ik weet dat dit de huidige tafelschikking wist.');
    if (await confirm.count()) await confirm.check();
    await this.page.getByRole('button', { name: 'Tafels opslaan' }).click();
    await expect(this.page.getByText('De tafels zijn opgeslagen.')).toBeVisible();
  }

  async plan() {
    await this.page.getByRole('button', { name: 'Tafels schikken' }).click();
    await expect(this.page.getByText('De schikking is klaar.')).toBeVisible();
  }

  async publish() {
    await this.page.getByRole('button', { name: 'Schikking publiceren' }).click();
    await expect(this.page.getByText(/Gepubliceerd\. Mails in de wachtrij: \d+/)).toBeVisible();
  }

  tables(round: number) {
    return this.page.locator('.plan-round', { has: this.page.getByRole('heading', { name: `Ronde ${round}`, exact: true }) }).locator('.plan-table');
  }

  quality(label: string) {
    return this.page.locator('.plan-quality dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  }
}
