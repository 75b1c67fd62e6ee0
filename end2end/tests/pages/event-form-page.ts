// Page object: the coordinator's new-event form and, after saving, the event's edit page
// with its publish button.
import { expect, type Page } from '@playwright/test';

export interface NewEvent {
  title: string;
  slug: string;
  venue: string;
  address: string;
  /** Brussels local times as `YYYY-MM-DDTHH:MM`. */
  starts: string;
  ends: string;
  opens: string;
  closes: string;
  capacity: number;
  organiser: string;
  organiserEmail: string;
  /** One topic a line. */
  topics: string[];
}

export class EventFormPage {
  constructor(private readonly page: Page) {}

  async openNew() {
    await this.page.goto('/coordinator/events/new');
    await expect(this.page.getByRole('heading', { name: 'Nieuw evenement' })).toBeVisible();
    await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }

  private field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(e: NewEvent) {
    await this.field('Titel').fill(e.title);
    await this.field('Webadres (/e/…)').fill(e.slug);
    await this.field('Locatie').fill(e.venue);
    await this.field('Adres').fill(e.address);
    await this.field('Begin').fill(e.starts);
    await this.field('Einde').fill(e.ends);
    await this.field('Inschrijvingen openen').fill(e.opens);
    await this.field('Inschrijvingen sluiten').fill(e.closes);
    await this.field('Aantal plaatsen').fill(String(e.capacity));
    await this.field('Organisator').fill(e.organiser);
    await this.field('Contactadres (e-mail)').fill(e.organiserEmail);
    await this.field('Menukaart van vragen en aanbod').fill(e.topics.join('\n'));
  }

  async create() {
    await this.page.getByRole('button', { name: 'Evenement aanmaken' }).click();
  }

  /** The state line on the edit page ("Status: Gepubliceerd · 0 / 1 · …"). */
  state() {
    return this.page.locator('section.coordinator > p').filter({ hasText: 'Status' });
  }

  async publish() {
    await this.page.getByRole('button', { name: 'Publiceren', exact: true }).click();
  }
}
