// End-to-end tests in Debian's Chromium (never a downloaded browser). The server binary
// and a maildev SMTP server are started here; E2E_DATABASE_URL picks SQLite or PostgreSQL.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const smtp = Number(process.env.E2E_SMTP_PORT ?? 2625);
const mailWeb = Number(process.env.E2E_MAIL_WEB_PORT ?? 2680);
// Exported (set once here, inherited by the test workers, which load this file again) so
// specs can run the server binary's CLI against the same database.
const database = (process.env.E2E_DATABASE_URL ??= `sqlite:///tmp/tafelronde-e2e-${Date.now()}.db`);
const serverBin = (process.env.E2E_SERVER_BIN ??= '../target/debug/tafelronde');

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A Dutch browser (its Accept-Language picks the first page's language).
    locale: 'nl-BE',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/maildev -s ${smtp} -w ${mailWeb} --ip 127.0.0.1 --web-ip 127.0.0.1`,
      url: `http://127.0.0.1:${mailWeb}/api/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `${serverBin} serve`,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL: database,
        TAFELRONDE_LISTEN: `127.0.0.1:${port}`,
        TAFELRONDE_BASE_URL: `http://127.0.0.1:${port}`,
        TAFELRONDE_SITE_ROOT: '../target/site',
        SMTP_PORT: String(smtp),
        MAIL_MAX_BACKOFF_SECS: '2',
        // The tests use the demo event (off by default since coordinators create events).
        TAFELRONDE_DEMO: 'true',
        RUST_LOG: 'warn',
        // The tests register many times from one address.
        RATE_LIMIT_REGISTER_PER_MINUTE: '0',
        RATE_LIMIT_MANAGE_PER_MINUTE: '0',
        // Every test sets a new coordinator's password from this one address.
        RATE_LIMIT_PASSWORD_PER_MINUTE: '0',
      },
    },
  ],
});
