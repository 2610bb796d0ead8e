import type { Page } from 'playwright-core';
import { passwordOf } from '../../support/app-process.js';

export async function signIn(page: Page, username: string, password = passwordOf(username)): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(control|observe)/);
}

/** Join through the join page as a player would: code, name, submit; lands in the console. */
export async function joinAsPlayer(page: Page, code: string, displayName: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel('Your name').fill(displayName);
  await page.getByRole('button', { name: 'Join the exercise' }).click();
  await page.waitForURL(/\/play/);
  await page.getByTestId('team-console').waitFor();
}

/** Ids of the injects in the console's inbox, top to bottom. */
export function inboxIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="inbox"] > li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-inject-id') ?? ''));
}

/** Open an inject from the inbox. */
export async function openInject(page: Page, injectId: string): Promise<void> {
  await page.locator(`[data-testid="inbox"] > li[data-inject-id="${injectId}"] > button`).click();
  await page.locator(`[data-testid="inject-reader"][data-inject-id="${injectId}"]`).waitFor();
}
