// Page object: the coordinator's table planner (set-up, plan, publish, the seating chart,
// hand edits: select a seat, move it).
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

  round(round: number) {
    return this.page.locator('.plan-round', { has: this.page.getByRole('heading', { name: `Ronde ${round}`, exact: true }) });
  }

  /** The card of table `name` in round `round`. */
  table(round: number, name: string) {
    return this.round(round).locator('.plan-table', {
      has: this.page.locator('figcaption strong', { hasText: new RegExp(`^Tafel ${name}$`) }),
    });
  }

  /** Selects `person`'s seat in `round` with the keyboard alone (focus the link, Enter). */
  async selectWithKeyboard(round: number, person: string) {
    // the chart hydrates after the page (its data arrives later): select only then
    await expect(this.selection()).toHaveAttribute('data-hydrated', 'true');
    const seat = this.round(round).getByRole('link', { name: new RegExp(person) });
    await seat.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.page).toHaveURL(/[?&]sel=\d+-\d+/);
    await expect(this.round(round).locator('a[aria-current="true"]', { hasText: person })).toHaveCount(1);
  }

  /** The selection panel. */
  selection() {
    return this.page.locator('.plan-selection');
  }

  /** The "Move here" buttons of the selected round. */
  moveHere() {
    return this.page.getByRole('button', { name: /^Hierheen: Tafel / });
  }
}
