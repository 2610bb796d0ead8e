import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { DESK, PHONE } from '../support/interface-language.js';
import { until } from '../support/socket-client.js';
import { inboxIds, signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from './support/browser.js';

/**
 * The server's refusals in Korean, in a real browser: a join with a blank name says so under the
 * name field, a staff member opening an exercise that does not exist reads that in Korean, and a
 * spreadsheet over the upload limit names the limit in the reader's units; a response and a request
 * for information the server refuses say what is wrong under the field, in Korean and in English.
 * Screenshots go to tests/.artifacts/ (errors-ko-*, errors-en-*).
 */
let app: RunningProcess;
let browser: Browser;
let ex: ExerciseDetail;
let staff: Api;
/** the drill starts with the first test that plays it (the join tests above see it not yet started) */
let started = false;

beforeAll(async () => {
  app = await startBackend(testEnv('error-language'));
  browser = await launchBrowser();
  staff = await Api.login(app.url);
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
  for (const [lng, team, inject, size, viewport] of [
    ['ko', 'soc', 'phish-email', '1440', DESK],
    ['ko', 'soc', 'phish-email', '390', PHONE],
    ['en', 'cert', 'cert-advisory', '1440', DESK],
    ['en', 'cert', 'cert-advisory', '390', PHONE],
  ] as const)
    it(`a refused response and request say what is wrong under the field (${lng}, ${size})`, async () => {
      if (!started) {
        started = true;
        await staff.ok('POST', `/exercises/${ex.id}/start`);
        for (const id of ['phish-email', 'cert-advisory']) {
          const r = await staff.post(`/exercises/${ex.id}/injects/${id}/fire`);
          expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
        }
      }
      const phone = viewport === PHONE;
      const { page, errors } = await openPage(browser, app.url, { viewport, touch: phone });
      await page.goto(`/join/${teamByKey(ex, team).joinCode ?? ''}?lng=${lng}`);
      await page.locator('input[name="displayName"]').fill(lng === 'ko' ? '김 분석관' : 'Alex');
      await page.locator('form button[type="submit"]').click();
      await page.getByTestId('team-console').waitFor({ timeout: 20_000 });
      await until(async () => (await inboxIds(page)).includes(inject), 20_000, `${inject} in the inbox`);
      await page.locator(`[data-testid="inbox"] > li[data-inject-id="${inject}"] > button`).click();
      const composer = page.getByTestId('response-composer');
      await composer.waitFor();
      // a page that does not hold the limit itself (an older build, a paste it let through): its own
      // maxlength is taken off, so what the player reads is the server's refusal
      const notes = composer.locator('textarea').first();
      await notes.evaluate((el) => el.removeAttribute('maxlength'));
      const line =
        lng === 'ko'
          ? '피싱 메일을 격리하고 발신 도메인을 차단했습니다. '
          : 'Quarantined the mail and blocked the sender. ';
      // (20001 characters after the server trims the ends)
      await notes.fill(`${line.repeat(Math.ceil(20_000 / line.length)).slice(0, 20_000)}.`);
      await composer.locator('button[type="submit"]').click();
      const notesId = await notes.getAttribute('id');
      expect(await fieldError(page, `[id="${notesId}"]`)).toBe(
        lng === 'ko' ? '20,000자 이하여야 합니다' : 'must have at most 20,000 characters',
      );
      // said once, under the field: the form's alert is for what belongs to no field
      expect(await composer.locator('[role="alert"]').count()).toBe(0);
      await notes.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, `errors-${lng}-response-field-${size}`);

      // a request for information whose subject is too long: under the subject
      if (phone) {
        await page.getByTestId('back-to-inbox').click();
        await page.locator('[data-phone-tab="rfi"]').click();
      } else await page.locator('.ttx-play-side-tabs button').nth(1).click();
      await page.locator('.ttx-play-side .mantine-Button-root').first().click();
      const form = page.locator('.ttx-play-side form').first();
      await form.waitFor();
      const subject = form.locator('input').first();
      await subject.evaluate((el) => el.removeAttribute('maxlength'));
      await subject.fill('s'.repeat(201));
      await form
        .locator('textarea')
        .first()
        .fill(lng === 'ko' ? '로그를 보관하고 있습니까?' : 'Do we hold the logs?');
      await form.locator('button[type="submit"]').click();
      const subjectId = await subject.getAttribute('id');
      expect(await fieldError(page, `[id="${subjectId}"]`)).toBe(
        lng === 'ko' ? '200자 이하여야 합니다' : 'must have at most 200 characters',
      );
      expect(await form.locator('[role="alert"]').count()).toBe(0);
      await screenshot(page, `errors-${lng}-request-field-${size}`);
      expect(unexpectedErrors(errors).filter((e) => !/status of 400/.test(e))).toEqual([]);
      await page.context().close();
    });
});
