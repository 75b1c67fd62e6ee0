// Page objects for the day of the event: the page a scanned check-in QR code opens, the
// check-in desk's walk-in form, and the printable badges.
import { expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The check-in URL the QR code of a mail with this manage link holds (the server derives
 * the code from the link's token hash: app/src/dayof/code.rs; server/tests/it/dayof.rs
 * decodes the QR image itself and checks it holds this URL).
 */
export function checkinPath(slug: string, manageLink: string): string {
  const token = manageLink.match(/\/m\/([0-9a-f]{64})/)![1];
  const code = sha256(`tafelronde-checkin-v1:${sha256(token)}`);
  return `/coordinator/events/${slug}/checkin/${code}`;
}

async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export class ScanPage {
  constructor(private readonly page: Page) {}

  name() {
    return this.page.locator('.scan-name');
  }

  state() {
    return this.page.locator('.scan-state');
  }

  async checkIn() {
    await hydrated(this.page);
    await this.page.getByRole('button', { name: 'Inchecken' }).click();
  }
}

export class CheckinDesk {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/coordinator/events/${slug}/checkin`);
    await hydrated(this.page);
  }

  private field(name: string) {
    return this.page.locator(`.walk-in-form #f-${name}`);
  }

  async registerWalkIn(p: { first: string; last: string; email: string; organisation: string; phone?: string }) {
    await this.field('first_name').fill(p.first);
    await this.field('last_name').fill(p.last);
    await this.field('email').fill(p.email);
    await this.field('organisation').fill(p.organisation);
    await this.field('org_type').selectOption('social_economy');
    await this.field('sector').selectOption('groen');
    await this.field('phone').fill(p.phone ?? '');
    await this.page.getByRole('button', { name: 'Inschrijven en inchecken' }).click();
  }

  /** Types an address and leaves the field: the live check (once hydrated) judges it. */
  async typeEmail(email: string) {
    await this.field('email').fill(email);
    await this.field('email').blur();
  }

  fieldError(name: string) {
    return this.page.locator(`.walk-in-form #err-${name}`);
  }

  arrived(name: string) {
    return this.page.locator('.checkin-person.arrived', { hasText: name });
  }
}
