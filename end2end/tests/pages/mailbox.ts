// The SMTP test server's HTTP API (maildev): the mails a recipient received.
import { expect } from '@playwright/test';

const mailWeb = Number(process.env.E2E_MAIL_WEB_PORT ?? 2680);

export interface Mail { subject: string; text: string; html: string; to: { address: string }[] }

export async function mailsTo(address: string): Promise<Mail[]> {
  const res = await fetch(`http://127.0.0.1:${mailWeb}/api/email`);
  const all = (await res.json()) as Mail[];
  return all.filter((m) => m.to.some((t) => t.address === address));
}

/** Waits for the `n`-th mail to `address` and returns it. */
export async function waitForMail(address: string, n = 1): Promise<Mail> {
  let found: Mail[] = [];
  await expect.poll(async () => (found = await mailsTo(address)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
  return found[n - 1];
}

export function manageLink(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/[^\s]+\/m\/[0-9a-f]{64}/);
  if (!m) throw new Error(`no manage link in: ${mail.text}`);
  return m[0];
}

export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.be`;
}

/** Waits for a mail to `address` whose subject matches `subject` and returns it. */
export async function waitForSubject(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(async () => (found = (await mailsTo(address)).find((m) => subject.test(m.subject))) !== undefined, {
      timeout: 30_000,
    })
    .toBe(true);
  return found!;
}

/** The set-password link of a coordinator's invitation or reset mail. */
export function setPasswordLink(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/[^\s]+\/coordinator\/set-password\?token=[^\s]+/);
  if (!m) throw new Error(`no set-password link in: ${mail.text}`);
  return m[0];
}
