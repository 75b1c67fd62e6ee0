// Page object: the coordinator's table planner (set-up, tables one by one, plan, publish,
// the seating chart, hand edits: select a seat, move it; drag a seat onto another table).
import { expect, type Page } from '@playwright/test';

export class PlannerPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/coordinator/events/${slug}/planner`);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Tafelplanner');
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  /** Sets up `tables` tables of `size`, and `rounds` rounds when the event's programme has
   *  no networking rounds (else they come from the programme). */
  async setUp(tables: number, size: number, rounds?: number) {
    await this.page.getByLabel('Aantal tafels').fill(String(tables));
    await this.page.getByLabel('Plaatsen per tafel').fill(String(size));
    if (rounds !== undefined) await this.page.getByLabel('Aantal rondes').fill(String(rounds));
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

  /** Edits table `name` in the table editor: its host (the option's text) and theme. */
  async editTable(name: string, changes: { host?: string; theme?: string }) {
    await this.page.getByRole('link', { name: `Bewerken: Tafel ${name}`, exact: true }).click();
    await expect(this.page).toHaveURL(/[?&]table=\d+/);
    await expect(this.page.getByRole('heading', { name: `Tafel bewerken: Tafel ${name}`, exact: true })).toBeVisible();
    if (changes.host) await this.page.getByLabel('Host (zit elke ronde aan deze tafel)').selectOption({ label: changes.host });
    if (changes.theme) await this.page.getByLabel('Thema (niet verplicht)').fill(changes.theme);
    await this.page.getByRole('button', { name: 'Tafel opslaan', exact: true }).click();
    await expect(this.page.getByText('De tafel is opgeslagen.')).toBeVisible();
  }

  /** The seat of `person` in `round`. */
  seat(round: number, person: string) {
    return this.round(round).locator('li.seat', { hasText: person });
  }

  /** People seated and seats at table `name` in `round`, as its caption says ("7/8"). */
  async occupancy(round: number, name: string): Promise<[number, number]> {
    const text = await this.table(round, name).locator('figcaption .hint').innerText();
    const m = text.match(/(\d+)\/(\d+)/);
    expect(m, text).toBeTruthy();
    return [Number(m![1]), Number(m![2])];
  }

  /** The names of the tables in `round`, in order. */
  async tableNames(round: number): Promise<string[]> {
    const captions = await this.tables(round).locator('figcaption strong').allInnerTexts();
    return captions.map((c) => c.replace(/^Tafel /, ''));
  }

  /** Drags `person`'s seat in `round` with the mouse onto table `name` (its caption). Both
   *  are on screen before the button goes down: Chromium starts no drag when the page
   *  scrolls while the button is held (which `dragTo` does to reach a target off screen). */
  async dragToTable(round: number, person: string, name: string) {
    await expect(this.selection()).toHaveAttribute('data-hydrated', 'true');
    const source = this.seat(round, person);
    const target = this.table(round, name).locator('figcaption');
    await source.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(source).toBeInViewport();
    await expect(target).toBeInViewport();
    await source.dragTo(target);
  }
}
