// Page object: the event page and the registration form.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO = '/e/ondernemers-ontmoeten-sociale-economie';

export interface Person { first: string; last: string; email: string; organisation: string }

/** The register form's fields, as posted. */
export interface Registration {
  first_name: string; last_name: string; email: string; organisation: string;
  org_type: string; sector: string; offers: string; needs: string;
}

/** Registers someone for `event` (the demo event unless given) with a plain form post (as a
 *  browser without JavaScript does, no phone, consent given) and expects the redirect to
 *  check-mail. */
export async function registerByPost(request: APIRequestContext, who: Registration, event: string = DEMO): Promise<void> {
  const r = await request.post(`${event}/register`, {
    form: { ...who, phone: '', consent: 'yes' },
    maxRedirects: 0,
  });
  expect(r.status()).toBe(303);
}

export class RegisterPage {
  /** `event`: the event page's path; `cta`: its link to the form (another text when full). */
  constructor(
    private readonly page: Page,
    private readonly js: boolean,
    private readonly event: string = DEMO,
  ) {}

  async open(cta = 'Inschrijven') {
    await this.page.goto(this.event);
    await this.page.getByRole('link', { name: cta }).click();
    await expect(this.page).toHaveURL(/\/register$/);
    if (this.js) {
      await expect(this.page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    }
  }

  /** An input by its form name, e.g. `email`. */
  field(name: string) {
    return this.page.locator(`#f-${name}`);
  }

  /** The message at the top of the form after a refused submit (it takes the focus). */
  errorSummary() {
    return this.page.locator('#form-error > p');
  }

  errorOf(name: string) {
    return this.page.locator(`#err-${name}`);
  }

  async fill(p: Person, consent = true) {
    await this.field('first_name').fill(p.first);
    await this.field('last_name').fill(p.last);
    await this.field('email').fill(p.email);
    await this.field('organisation').fill(p.organisation);
    await this.page.selectOption('#f-org_type', 'social_economy');
    await this.page.selectOption('#f-sector', 'logistiek');
    await this.page.check('#f-offers-werkopdrachten');
    await this.page.check('#f-needs-personeel');
    if (consent) await this.page.check('#f-consent');
  }

  /** The optional box: share name, organisation and address with the tablemates afterwards. */
  shareContact() {
    return this.page.locator('#f-share_contact');
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Inschrijving versturen' }).click();
  }
}
