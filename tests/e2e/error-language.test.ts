import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { DESK, PHONE } from '../support/interface-language.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from './support/browser.js';

/**
 * The server's refusals in Korean, in a real browser: a join with a blank name says so under the
 * name field, a staff member opening an exercise that does not exist reads that in Korean, and a
 * spreadsheet over the upload limit names the limit in the reader's units. Screenshots go to
 * tests/.artifacts/ (errors-ko-*).
 */
let app: RunningProcess;
let browser: Browser;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('error-language'));
  browser = await launchBrowser();
  const staff = await Api.login(app.url);
  ex = await createExercise(staff, 'demo');
  // the instructor reads the interface in Korean: applied at their next sign-in
  expect((await staff.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBeLessThan(300);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The error text Mantine shows under an input, found the way a screen reader finds it. */
async function fieldError(page: Page, input: string): Promise<string> {
  const el = page.locator(input);
  await expect.poll(() => el.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await el.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  expect(ids).toHaveLength(1);
  return (await page.locator(`[id="${ids[0]}"]`).textContent()) ?? '';
}

describe('server errors in Korean', () => {
  for (const [size, viewport] of [
    ['1440', DESK],
    ['390', PHONE],
  ] as const)
    it(`a join with a blank name says what is wrong under the name field (${size})`, async () => {
      const { page, errors } = await openPage(browser, app.url, { viewport, touch: size === '390' });
      await page.goto(`/join/${teamByKey(ex, 'soc').joinCode ?? ''}?lng=ko`);
      await page.getByTestId('join-preview').waitFor();
      // spaces pass the browser's own "required" check; the server trims them and refuses
      await page.locator('input[name="displayName"]').fill('   ');
      await page.locator('form button[type="submit"]').click();
      expect(await fieldError(page, 'input[name="displayName"]')).toBe('비워 둘 수 없습니다');
      // said once, where it belongs: no alert repeats it, and the code field is fine
      expect(await page.locator('form [role="alert"]').count()).toBe(0);
      expect(await page.locator('input[name="code"]').getAttribute('aria-invalid')).not.toBe('true');
      await screenshot(page, `errors-ko-join-blank-name-${size}`);
      // a wrong code is said under the code field
      await page.locator('input[name="code"]').fill('ZZZZ-ZZZZ');
      await page.locator('input[name="displayName"]').fill('김 분석관');
      await page.locator('form button[type="submit"]').click();
      expect(await fieldError(page, 'input[name="code"]')).toBe(
        '이 참가 코드에 해당하는 훈련 팀이 없습니다. 진행관에게 확인하십시오',
      );
      expect(unexpectedErrors(errors).filter((e) => !/status of 400/.test(e))).toEqual([]);
      await page.context().close();
    });

  it('an exercise that does not exist and a spreadsheet over the upload limit, for a Korean instructor', async () => {
    const { page, errors } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');

    await page.goto('/evaluate/no-such-exercise');
    const missing = page.getByRole('alert').filter({ hasText: '훈련을 열 수 없습니다' });
    await missing.waitFor();
    expect(await missing.textContent()).toContain('존재하지 않는 훈련입니다');
    expect(await missing.textContent()).not.toContain('does not exist');
    await screenshot(page, 'errors-ko-not-found-1440');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'errors-ko-not-found-390');
    await page.setViewportSize(DESK);

    await page.goto('/author');
    await page.getByRole('button', { name: 'MSEL' }).click();
    const wizard = page.getByTestId('msel-wizard');
    // one byte over the 20 MiB upload limit, from disk (the browser reads it, not the test's memory)
    const big = join(mkdtempSync(join(tmpdir(), 'ttx-errors-')), 'msel.csv');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    await wizard.locator('input[type="file"]').setInputFiles(big, { timeout: 30_000 });
    await wizard.getByRole('button', { name: '미리 보기' }).click();
    const tooLarge = wizard.getByRole('alert').filter({ hasText: '파일이 너무 큽니다' });
    await tooLarge.waitFor({ timeout: 30_000 });
    expect(await tooLarge.textContent()).toBe('파일이 너무 큽니다. 한도는 20MB입니다');
    // the button has settled from its loading state before the picture
    const previewButton = wizard.getByRole('button', { name: '미리 보기' });
    await expect.poll(() => previewButton.getAttribute('data-loading')).toBeNull();
    await screenshot(page, 'errors-ko-too-large-1440');
    await page.setViewportSize(PHONE);
    await tooLarge.scrollIntoViewIfNeeded();
    await screenshot(page, 'errors-ko-too-large-390');
    expect(unexpectedErrors(errors).filter((e) => !/status of 413/.test(e))).toEqual([]);
    await page.context().close();
  });
});
