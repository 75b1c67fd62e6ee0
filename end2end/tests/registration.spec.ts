// Registering through the browser, with the wasm (live validation proves hydration) and
// without JavaScript (plain form posts), then the mail, the manage link and cancelling.
import { test, expect } from '@playwright/test';
import { RegisterPage } from './pages/register-page';
import { ManagePage } from './pages/manage-page';
import { manageLink, uniqueEmail, waitForMail } from './pages/mailbox';

test.describe('with JavaScript', () => {
  test('validates live, registers, mails a link that manages and cancels', async ({ page }) => {
    const reg = new RegisterPage(page, true);
    await reg.open();

    // Live validation: the message appears when the field loses focus, before any submit.
    await reg.field('email').fill('anna@');
    await reg.field('organisation').focus();
    await expect(reg.errorOf('email')).toHaveText(/geen geldig e-mailadres/);
    await expect(reg.field('email')).toHaveAttribute('aria-invalid', 'true');

    const email = uniqueEmail('js');
    await reg.fill({ first: 'Wouter', last: 'Weltens', email, organisation: 'H.Essers' }, false);
    await expect(reg.errorOf('email')).toBeEmpty();
    await reg.submit();
    await expect(reg.errorOf('consent')).toHaveText(/akkoord gaan met de privacyverklaring/);
    await expect(page).toHaveURL(/\/register$/);

    await page.check('#f-consent');
    await reg.submit();
    await expect(page).toHaveURL(/\/check-mail$/);
    await expect(page.getByRole('heading', { name: 'Kijk in je mailbox' })).toBeVisible();

    const mail = await waitForMail(email);
    expect(mail.subject).toContain('Je inschrijving');
    const manage = new ManagePage(page, true);
    await manage.open(manageLink(mail));
    await expect(manage.status()).toHaveText('Je bent ingeschreven.');
    await expect(page.locator('#f-organisation')).toHaveValue('H.Essers');

    await manage.cancel(false);
    await expect(manage.cancelError()).toHaveText(/Vink eerst aan/);
    await manage.cancel(true);
    await expect(manage.status()).toHaveText('Je inschrijving is geannuleerd.');
    await page.reload();
    await expect(manage.status()).toHaveText('Je inschrijving is geannuleerd.');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('plain form posts register, keep input on errors, and cancel', async ({ page }) => {
    const reg = new RegisterPage(page, false);
    await reg.open();
    const email = uniqueEmail('nojs');
    await reg.fill({ first: 'Grete', last: 'Remen', email, organisation: 'Damhert Nutrition' }, false);
    await reg.submit();
    await expect(reg.errorSummary()).toHaveText('Kijk de gemarkeerde velden na.');
    await expect(page.locator('#form-error')).toBeFocused();
    await expect(reg.errorOf('consent')).toHaveText(/akkoord gaan met de privacyverklaring/);
    await expect(reg.field('organisation')).toHaveValue('Damhert Nutrition');
    await expect(page.locator('#f-needs-personeel')).toBeChecked();

    await page.check('#f-consent');
    await reg.submit();
    await expect(page).toHaveURL(/\/check-mail$/);

    const mail = await waitForMail(email);
    const manage = new ManagePage(page, false);
    await manage.open(manageLink(mail));
    await expect(manage.status()).toHaveText('Je bent ingeschreven.');
    await manage.cancel(false);
    await expect(manage.cancelError()).toHaveText(/Vink eerst aan/);
    await manage.cancel(true);
    await expect(manage.status()).toHaveText('Je inschrijving is geannuleerd.');
  });
});

test('switches the language to English and back', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Komende evenementen' })).toBeVisible();
  await page.getByRole('link', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Upcoming events' })).toBeVisible();
  await page.getByRole('link', { name: 'FR', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Événements à venir' })).toBeVisible();
  await page.getByRole('link', { name: 'NL', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Komende evenementen' })).toBeVisible();
});
