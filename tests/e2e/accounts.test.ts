import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage } from './support/browser.js';

/**
 * Accounts in a real Chromium: an administrator creates an account, the new user must replace the
 * one-time password before anything else, and ending their session from the Accounts page signs
 * their open browser out.
 */
describe('accounts in the browser', () => {
  let app: RunningProcess;
  let browser: Browser;
  let admin: TrackedPage;
  let newcomer: TrackedPage;
  let oneTimePassword = '';

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-accounts'));
    browser = await launchBrowser();
    admin = await openPage(browser, app.url);
    newcomer = await openPage(browser, app.url, { colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an administrator creates an account from the Accounts page and sees its one-time password once', async () => {
    const { page } = admin;
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await page.waitForURL(/\/admin\/accounts$/);
    await page.getByRole('combobox', { name: 'Role', exact: true }).click();
    await page.getByRole('option', { name: 'evaluator' }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.getByRole('textbox', { name: 'Username', exact: true }).fill('eval.lee');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Evaluator Lee');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('one-time-password').waitFor({ timeout: 20_000 });
    oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{16}$/);
    await screenshot(page, 'accounts-01-one-time-password');
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('[data-testid="accounts-table"] tr[data-username="eval.lee"]');
    await expect.poll(() => row.textContent()).toContain('one-time password');
    expect(await page.content()).not.toContain(oneTimePassword);
  });

  it('the new user must choose a password before anything else, then lands on their page', async () => {
    const { page } = newcomer;
    await signIn(page, 'eval.lee', oneTimePassword);
    await page.getByTestId('forced-password-change').waitFor();
    // no way around it: no navigation, and every other page shows the same screen
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').count()).toBe(0);
    await page.goto('/observe');
    await page.getByTestId('forced-password-change').waitFor();
    await page.locator('input[name="current-password"]').fill(oneTimePassword);
    await page.locator('input[name="new-password"]').fill('short');
    await page.locator('input[name="new-password-again"]').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/at least 12 characters/);
    await page.locator('input[name="new-password"]').fill('lee-chooses-a-long-one');
    await page.locator('input[name="new-password-again"]').fill('lee-chooses-a-long-one');
    await screenshot(page, 'accounts-02-forced-change');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/control$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evaluation' }).waitFor();
    expect((await Api.login(app.url, 'eval.lee', 'lee-chooses-a-long-one')).token).toBeTruthy();
  });

  it('ending the user’s session from the Accounts page signs their open browser out', async () => {
    const { page } = admin;
    await page.getByRole('tab', { name: /Active sessions/ }).click();
    const rows = page.locator('[data-testid="sessions-table"] tr[data-session-name="eval.lee"]');
    // the browser session and the one the test's API login opened
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await screenshot(page, 'accounts-03-sessions');
    while ((await rows.count()) > 0) {
      await rows.first().getByRole('button', { name: 'End' }).click();
      await page.waitForTimeout(300);
    }
    // the socket is dropped, the app re-checks the session and sends the user to sign in
    await newcomer.page.waitForURL(/\/login/, { timeout: 15_000 });
  });
});
