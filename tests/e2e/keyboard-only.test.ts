import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { inboxIds } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';
import { focusIsVisible, tabTo } from './support/keyboard.js';

describe('a player can do everything from the keyboard', () => {
  let app: RunningProcess;
  let browser: Browser;
  let player: TrackedPage;
  let exercise: ExerciseDetail;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-keyboard'));
    const staff = await Api.login(app.url);
    exercise = await createExercise(staff, 'demo', 1);
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    browser = await launchBrowser();
    player = await openPage(browser, app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('joins, opens the first message, acknowledges it and logs a response without a mouse', async () => {
    const { page } = player;
    const code = teamByKey(exercise, 'soc').joinCode ?? '';
    await page.goto('/join');
    // the code field has focus on arrival
    await tabTo(page, 'input[name="code"]');
    await page.keyboard.type(code);
    await tabTo(page, 'input[name="displayName"]');
    await page.keyboard.type('Keyboard Kim');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/play/);
    await until(async () => (await inboxIds(page)).includes('phish-email'), 10_000, 'the phishing email in the inbox');

    await tabTo(page, '[data-inject-id="phish-email"] > button');
    expect(await focusIsVisible(page), 'focus ring on the inbox item').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="inject-reader"][data-inject-id="phish-email"]').waitFor();
    expect(page.url()).toContain('inject=phish-email');

    await tabTo(page, '[data-testid="ack-button"]');
    expect(await focusIsVisible(page), 'focus ring on the acknowledge button').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="ack-button"]:has-text("Acknowledged")').waitFor();

    await tabTo(page, 'input[type="checkbox"][value="quarantine"]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[type="checkbox"][value="quarantine"]').isChecked()).toBe(true);
    await tabTo(page, '[data-testid="response-composer"] textarea');
    await page.keyboard.type('Quarantined the message in all mailboxes; sender domain blocked.');
    await tabTo(page, '[data-testid="response-composer"] button[type="submit"]');
    expect(await focusIsVisible(page), 'focus ring on the submit button').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="inject-responses"] [data-response-id]').waitFor();
    expect(await page.getByTestId('inject-responses').textContent()).toContain('Quarantined the message');
    await screenshot(page, 'keyboard-01-responded');
    expect(unexpectedErrors(player.errors)).toEqual([]);
  });

  it('every form field in the console has an accessible name', async () => {
    const { page } = player;
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, textarea, select, button'))
        .filter((el) => {
          const e = el as HTMLInputElement;
          if (e.type === 'hidden' || e.closest('[aria-hidden="true"]')) return false;
          const labelled =
            e.labels?.length ||
            e.getAttribute('aria-label') ||
            e.getAttribute('aria-labelledby') ||
            (e.tagName === 'BUTTON' && e.textContent?.trim());
          return !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
  });
});
