// Page object: the public agenda of an event (`/e/<slug>/agenda`).
import { expect, type Page } from '@playwright/test';
import { DEMO } from './register-page';

export class AgendaPage {
  constructor(
    private readonly page: Page,
    private readonly event: string = DEMO,
  ) {}

  async open() {
    await this.page.goto(`${this.event}/agenda`);
    await this.loaded();
  }

  /** Waits until the page is usable. */
  async loaded() {
    await expect(this.page.locator('ol.sessions')).toBeVisible();
    // The page loads no wasm (complete as HTML): with JavaScript on or off it is the same
    // page, and nothing hydrates.
    await this.page.waitForLoadState('load');
  }

  sessions() {
    return this.page.locator('ol.sessions > li');
  }

  sessionTitles() {
    return this.page.locator('ol.sessions > li h2');
  }

  session(title: string) {
    return this.sessions().filter({ has: this.page.locator('h2', { hasText: title }) });
  }

  profiles() {
    return this.page.locator('.profiles > li');
  }

  illustrativeNote() {
    return this.page.locator('.notice.illustrative');
  }

  feedLink() {
    return this.page.locator('.calendar a[href^="/e/"][href*="/agenda.ics?lang="]');
  }

  subscribeLink() {
    return this.page.locator('.calendar a[href^="webcal://"]');
  }
}
