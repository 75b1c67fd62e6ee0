// Page objects: the coordinator's set-password page (from the invitation mail) and sign-in.
import { expect, type Page } from '@playwright/test';

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
