import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv, ADMIN_PASSWORD } from '../support/app-process.js';
import { DESK, LanguageAudit, PHONE, signInByForm, tabByValue } from '../support/interface-language.js';
import { until } from '../support/socket-client.js';
import { inboxIds } from './support/app-flows.js';
import { launchBrowser, openPage, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The interface language on the staff pages, through a live korean-peninsula drill:
 * - an English control room and a team playing in Korean at the same time, each in its own
 *   language, the team's Korean response arriving in the English control room;
 * - a staff account whose language is Korean opens in Korean after signing in on a browser that
 *   was in English (the language is kept on the account, not in the browser);
 * - in the pseudo-locale (`?pseudo=1`) no visible interface text is left unmarked on the login
 *   page, the exercise list, the control room and each of its live panels, the evaluator console
 *   and each of its tabs (each score line's rule worded in the interface language), the accounts page (accounts and sessions) and "my account";
 * - in Korean the same pages say so, show Hangul and nothing is cut (or pushed off a phone screen),
 *   at 1440×900 and 390×844; screenshots go to tests/.artifacts/staff-ko/.
 */
const FIRE = [
  'kp-startex',
  'kp-nato-aggressor-seeding',
  'kp-treaty-assessment',
  'kp-ddos-portals',
  'kp-kimsuky-journalist',
  'kp-swift-manipulation',
];
const KO_ADMIN = 'ko.duty';
const KO_PASSWORD = 'a-good-long-password-1';
const LIVE_TABS = ['responses', 'decisions', 'scores', 'rfi', 'journal', 'adhoc'];
const EVAL_TABS = ['review', 'guide', 'breakdown'];

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('the interface language on the staff pages', () => {
  let app: RunningProcess;
  let browser: Browser;
  let admin: Api;
  let exercise: ExerciseDetail;
  const pages: TrackedPage[] = [];
  const audit = new LanguageAudit('staff-ko');

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-staff-language'));
    admin = await Api.login(app.url, 'admin');
    exercise = await createExercise(admin, 'korean-peninsula', 1);
    await admin.ok('POST', '/users', {
      username: KO_ADMIN,
      displayName: '당직관 이서준',
      password: KO_PASSWORD,
      role: 'admin',
    });
    const ko = await Api.login(app.url, KO_ADMIN, KO_PASSWORD);
    expect((await ko.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(200);
    await admin.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of FIRE) {
      // already going out on its own (the exercise clock reached it) is as good as fired
      const r = await admin.post(`/exercises/${exercise.id}/injects/${id}/fire`);
      const code = (r.body as { code?: string }).code ?? '';
      if (r.status !== 200 && !(r.status === 409 && ['inject.done', 'inject.in-flight'].includes(code)))
        throw new Error(`fire ${id} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    // something in every live panel: a StratCom response and request, a journal entry
    const stratcom = await Api.join(app.url, teamByKey(exercise, 'stratcom').joinCode ?? '', 'Seo-yeon');
    await stratcom.ok('POST', '/play/responses', { injectId: 'kp-startex', text: 'Acknowledged; cell stood up.' });
    await stratcom.ok('POST', '/play/threads', { subject: 'Portal logs', text: 'Do we hold the logs?' });
    await admin.ok('POST', `/exercises/${exercise.id}/journal`, { text: 'StratCom cell stood up on time.' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('runs an English control room while a team plays in Korean, and a Korean account opens in Korean anywhere', async () => {
    const staff = await openPage(browser, app.url, { viewport: DESK });
    const player = await openPage(browser, app.url, { viewport: PHONE, colorScheme: 'light', touch: true });
    pages.push(staff, player);
    await signInByForm(staff.page, '?lng=en', 'admin', ADMIN_PASSWORD);
    await staff.page.goto(`/control/${exercise.id}`);
    await staff.page.getByTestId('control-room').waitFor();

    const rok = teamByKey(exercise, 'rok-cert');
    await player.page.goto(`/join/${rok.joinCode}?lng=ko`);
    await player.page.locator('input[name="displayName"]').fill('김지우');
    await player.page.locator('form button[type="submit"]').click();
    await player.page.getByTestId('team-console').waitFor({ timeout: 20_000 });
    await until(async () => (await inboxIds(player.page)).length >= 2, 20_000, 'the ROK messages');
    const first = (await inboxIds(player.page))[0];
    await player.page.locator(`[data-testid="inbox"] > li[data-inject-id="${first}"] > button`).click();
    await player.page
      .getByTestId('response-composer')
      .locator('textarea')
      .first()
      .fill('게이트웨이 로그를 확보했습니다.');
    await player.page.getByTestId('response-composer').locator('button[type="submit"]').click();

    // the team's response reaches the English control room; each screen keeps its own language
    await staff.page
      .locator(`[data-testid="response-feed"] [data-team-id="${rok.id}"]`)
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await lang(staff.page)).toBe('en');
    expect(await staff.page.getByTestId('control-room').innerText()).toContain('Timeline');
    expect(await lang(player.page)).toBe('ko');
    expect(await player.page.getByTestId('team-console').innerText()).toMatch(/[\uac00-\ud7a3]/);

    // a Korean account signs in on a browser that was in English: the account's language wins
    const other = await openPage(browser, app.url, { viewport: DESK });
    pages.push(other);
    await signInByForm(other.page, '?lng=en', KO_ADMIN, KO_PASSWORD);
    await until(async () => (await lang(other.page)) === 'ko', 10_000, 'the account language applied');
    await other.page.goto(`/control/${exercise.id}`);
    await other.page.getByTestId('control-room').waitFor();
    expect(await lang(other.page)).toBe('ko');
    expect(await other.page.getByTestId('control-room').innerText()).toContain('타임라인');
    for (const p of [staff, player, other]) expect(unexpectedErrors(p.errors)).toEqual([]);
  }, 120_000);

  it('leaves no interface text untranslated on the staff pages, and fits them in Korean, at 1440×900 and 390×844', async () => {
    for (const [label, query, viewport, user, password] of [
      ['pseudo-desk', '?pseudo=1', DESK, 'admin', ADMIN_PASSWORD],
      ['pseudo-phone', '?pseudo=1', PHONE, 'admin', ADMIN_PASSWORD],
      ['ko-desk', '?lng=ko', DESK, KO_ADMIN, KO_PASSWORD],
      ['ko-phone', '?lng=ko', PHONE, KO_ADMIN, KO_PASSWORD],
    ] as const) {
      const phone = viewport === PHONE;
      const t = await openPage(browser, app.url, { viewport, colorScheme: phone ? 'light' : 'dark', touch: phone });
      pages.push(t);
      const { page } = t;
      const check = audit.check(label, phone);
      await signInByForm(page, query, user, password, check);
      await page.getByTestId('exercise-list').waitFor();
      await check(page, 'exercise list');

      await page.goto(`/control/${exercise.id}`);
      await page.getByTestId('control-room').waitFor();
      await page.locator('[data-testid="timeline"] tbody tr').first().waitFor();
      await check(page, 'control room');
      for (const value of LIVE_TABS) {
        await tabByValue(page, value).click();
        await page.locator(`[role="tabpanel"][id$="-panel-${value}"]`).first().waitFor();
        await check(page, `control room · ${value}`);
      }

      await page.goto(`/evaluate/${exercise.id}`);
      await page.getByTestId('evaluator-console').waitFor();
      for (const value of EVAL_TABS) {
        await tabByValue(page, value).click();
        await page.locator(`[role="tabpanel"][id$="-panel-${value}"]`).first().waitFor();
        if (value === 'guide') await page.getByTestId('eeg-objective').first().waitFor();
        if (value === 'breakdown') {
          // each score line names its rule in the interface language (ids as written)
          await page.locator('[data-source="rule"]').first().waitFor();
          const rules = (await page.locator('[data-source="rule"]').allInnerTexts()).join('\n');
          if (label.startsWith('ko')) {
            expect(rules, label).not.toMatch(/chosen|no response yet|judgement call|first response/);
            expect(rules, label).toMatch(/아직 대응 없음|아직 선택되지 않음|평가관 판단 필요|첫 대응까지/);
          } else expect(rules.replace(/⟦[^⟦⟧]*⟧/g, ''), label).not.toMatch(/\p{L}/u);
        }
        await check(page, `evaluator console · ${value}`);
      }

      await page.goto('/admin/accounts');
      await page.getByTestId('accounts-table').waitFor();
      await check(page, 'accounts');
      await tabByValue(page, 'sessions').click();
      await page.getByTestId('sessions-table').waitFor();
      await check(page, 'accounts · sessions');

      await page.goto('/account');
      await page.locator('input[name="current-password"]').waitFor();
      await check(page, 'my account');
      expect(unexpectedErrors(t.errors), label).toEqual([]);
    }
    expect(audit.visited.length).toBe(60);
    audit.assertClean();
  }, 400_000);
});
