// Measurements, not tests: the same server and browser as playwright.config.ts, the specs
// in measure/. Run: npx playwright test -c measure.config.ts
import base from './playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, testDir: './measure', timeout: 600_000 });
