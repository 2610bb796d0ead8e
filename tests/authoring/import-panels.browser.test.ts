import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, unexpectedErrors } from '../e2e/support/browser.js';
import { HAVE_SAMPLES, SAMPLES_DIR } from './authoring-support.js';

let app: RunningProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-import-panels'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

// screenshots for the reviewer's eye go to the temporary folder, never into the repo
const shot = (name: string) => join(tmpdir(), `ttx-import-${name}.png`);

describe.skipIf(!HAVE_SAMPLES)('import panels in the browser', () => {
  it('an IcebergTTX scenario through the other-tools panel; an OpenAEV checklist MSEL with its pre-exercise checklist and inject types', async () => {
    const { page, errors } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.getByRole('link', { name: 'Scenarios' }).click();

    await page.getByRole('button', { name: 'OpenAEV' }).click();
    const other = page.getByTestId('openaev-import');
    await other
      .locator('input[type="file"]')
      .setInputFiles(join(SAMPLES_DIR, 'icebergttx', 'ransomware_response.json'));
    await other.getByRole('button', { name: 'Preview' }).click();
    await other.getByText('IcebergTTX', { exact: true }).waitFor();
    await expect(other.getByText('2 decisions').isVisible()).resolves.toBe(true);
    await expect(other.getByText(/reached by 2 options/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: shot('icebergttx-1440') });

    await page.getByRole('button', { name: 'MSEL' }).click();
    const wizard = page.getByTestId('msel-wizard');
    await wizard.locator('input[type="file"]').setInputFiles(join(SAMPLES_DIR, 'msel', 'openaev-checklist-3.xlsx'));
    await wizard.getByLabel('Exercise start (optional)').fill('2024-06-26T09:00');
    await wizard.getByLabel('Inject types (optional)').fill('Send another mail=chat');
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('msel-checklist').waitFor();
    await expect(
      page
        .getByTestId('msel-checklist')
        .getByText(/Row 1 · STARTEX − 24h00: subject — message2/)
        .isVisible(),
    ).resolves.toBe(true);
    await expect(wizard.getByText('1 before STARTEX').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('msel-rows').getByText('chat').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: shot('msel-1440'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: shot('msel-390'), fullPage: true });
    expect(unexpectedErrors(errors)).toEqual([]);
  });
});
