// The server binary's `coordinator add` command, run against the test server's database
// (the config exports E2E_SERVER_BIN and E2E_DATABASE_URL for this).
import { test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** Creates a coordinator account; the invitation mail goes through the server's outbox. */
export async function addCoordinator(email: string): Promise<void> {
  const config = test.info().config;
  const bin = path.resolve(path.dirname(config.configFile ?? '.'), process.env.E2E_SERVER_BIN!);
  const baseURL = config.projects[0].use.baseURL!;
  await promisify(execFile)(bin, ['coordinator', 'add', email], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      TAFELRONDE_BASE_URL: baseURL,
      RUST_LOG: 'warn',
    },
    timeout: 20_000,
  });
}
