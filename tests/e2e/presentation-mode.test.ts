import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';

/**
 * A facilitator projects the control room: one switch in the header hides player names on that
 * screen (every view refetches anonymised), and switching it off shows them again. Anonymous pages
 * ask "who am I?" without an error in the browser console.
 */
const NAME = 'Ottilie Brandvold';

let app: RunningProcess;
let browser: Browser;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('presentation'));
  browser = await launchBrowser();
  const staff = await Api.login(app.url);
  ex = await createExercise(staff, 'demo');
  const player = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', NAME);
  await staff.ok('POST', `/exercises/${ex.id}/start`);
  await until(async () => (await player.get('/play/injects/phish-email')).status === 200, 20_000, 'phish-email');
  await player.ok('POST', '/play/responses', {
    injectId: 'phish-email',
    text: 'Mail quarantined, sender blocked.',
    optionIds: [],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the sign-in page', () => {
  it('loads without any error in the browser console (no 401 for "no session")', async () => {
    const { page, errors, context } = await openPage(browser, app.url);
    const me = page.waitForResponse((r) => r.url().endsWith('/api/auth/me'));
    await page.goto('/login');
    expect((await me).status()).toBe(204);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('presentation mode', () => {
  it('hides player names in the control room while on, and shows them again when off', async () => {
    // a projected screen is wide (at phone width the header's right-hand group does not fit today)
    for (const viewport of [{ width: 1440, height: 900 }]) {
      const { page, errors, context } = await openPage(browser, app.url);
      await page.setViewportSize(viewport);
      await signIn(page, 'instructor');
      await page.goto(`/control/${ex.id}`);
      const body = page.locator('body');
      await until(
        async () => (await body.innerText()).includes('Mail quarantined'),
        15_000,
        'the response in the feed',
      );
      expect(await body.innerText()).toContain(NAME);
      const on = page.getByRole('button', { name: /^Presentation mode: hide player names/ });
      await on.click();
      const off = page.getByRole('button', { name: /^Presentation mode is on/ });
      await off.waitFor();
      expect(await off.getAttribute('aria-pressed')).toBe('true');
      await until(async () => !(await body.innerText()).includes(NAME), 10_000, 'the name to disappear');
      expect(await body.innerText()).toContain('Mail quarantined');
      await screenshot(page, `presentation-mode-${viewport.width}`);
      // a reload keeps the mode for this tab
      await page.reload();
      await until(async () => (await body.innerText()).includes('Mail quarantined'), 15_000, 'the feed after a reload');
      expect(await body.innerText()).not.toContain(NAME);
      await page.getByRole('button', { name: /^Presentation mode is on/ }).click();
      await until(async () => (await body.innerText()).includes(NAME), 10_000, 'the name to come back');
      expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
