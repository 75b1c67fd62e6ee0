// Page objects: the coordinator's set-password page (from the invitation mail) and sign-in,
// and a new coordinator signed in through both.
import { expect, type Page } from '@playwright/test';
import { addCoordinator } from './coordinator-cli';
import { setPasswordLink, uniqueEmail, waitForMail } from './mailbox';

/** The password the specs' coordinators choose. */
export const COORDINATOR_PASSWORD = 'Tafel-ronde-e2e-2026';

async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export class SetPasswordPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { name: 'Wachtwoord kiezen' })).toBeVisible();
    await hydrated(this.page);
  }

  /** Saves the password; the server then opens the sign-in page. */
  async choose(password: string) {
    await this.page.getByLabel(/Nieuw wachtwoord/).fill(password);
    await this.page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  }
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/coordinator/login');
    await hydrated(this.page);
  }

  notice() {
    return this.page.getByText('Je wachtwoord is ingesteld. Je kunt je nu aanmelden.');
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel('E-mailadres', { exact: true }).fill(email);
    await this.page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  }
}

/** A new coordinator account (the `coordinator add` command, its invitation mail, a
 *  password chosen on the set-password page), signed in on `page`: its e-mail address. */
export async function signInAsNewCoordinator(page: Page, tag: string): Promise<string> {
  const email = uniqueEmail(tag);
  await addCoordinator(email);
  const setPassword = new SetPasswordPage(page);
  await setPassword.open(setPasswordLink(await waitForMail(email)));
  await setPassword.choose(COORDINATOR_PASSWORD);
  const login = new LoginPage(page);
  await expect(login.notice()).toBeVisible();
  await login.signIn(email, COORDINATOR_PASSWORD);
  await expect(page).toHaveURL(/\/coordinator$/);
  return email;
}
