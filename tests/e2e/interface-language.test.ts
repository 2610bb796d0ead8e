import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { type Check, DESK, LanguageAudit, PHONE, tabByValue } from '../support/interface-language.js';
import { until } from '../support/socket-client.js';
import { inboxIds } from './support/app-flows.js';
import { launchBrowser, openPage, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The interface language, page by page, through a korean-peninsula drill:
 * - in the pseudo-locale (`?pseudo=1`, every translated message wrapped in ⟦ ⟧) no visible
 *   interface text on a player's pages is left unmarked, at 1440×900 and 390×844: join page,
 *   console, every message the team receives, the decision card, team log, requests, ENDEX, the
 *   team's score breakdown (each rule worded in the team's language, a distractor's why in Korean
 *   from the pack's translation), report;
 * - in Korean (`?lng=ko`) the same pages say so in <html lang>, show Hangul, and nothing is cut
 *   or pushed off the phone screen; screenshots go to tests/.artifacts/interface-ko/.
 * The checks themselves are shared: `tests/support/interface-language.ts`.
 */
const STRATCOM = [
  'kp-startex',
  'kp-nato-aggressor-seeding',
  'kp-treaty-assessment',
  'kp-usfk-cfc-context',
  'kp-ddos-portals',
  'kp-japan-ip4',
  'kp-prc-signal',
  'kp-deepfake-video',
  'kp-bot-network',
  'kp-crrt-request',
];
const ROK = ['kp-kimsuky-journalist', 'kp-swift-manipulation', 'kp-hospital-ransomware', 'kp-support-package'];
/** why wiping the SWIFT server first is wrong, as the ROK team reads it (translations/ko/02-intrusion.yaml) */
const KO_REBUILD_WHY = '아직 회수할 수 있는 지급 29건이 남아 있는데 증거와 SAA 저널을 지워 버립니다';

describe('the interface language on every player page', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staff: Api;
  let exercise: ExerciseDetail;
  const audit = new LanguageAudit('interface-ko');
  const seats: { t: TrackedPage; phone: boolean; check: Check; label: string }[] = [];

  const fire = async (injectId: string) => {
    const r = await staff.post(`/exercises/${exercise.id}/injects/${injectId}/fire`);
    if (
      r.status !== 200 &&
      !(r.status === 409 && ['inject.done', 'inject.in-flight'].includes((r.body as { code?: string }).code ?? ''))
    )
      throw new Error(`fire ${injectId} → ${r.status} ${JSON.stringify(r.body)}`);
  };

  /** The team console before ENDEX: inbox, every message, a response, a request, the side panes. */
  async function walkConsole(page: Page, phone: boolean, check: Check, write: boolean) {
    await check(page, 'console');
    const ids = await inboxIds(page);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      await page.locator(`[data-testid="inbox"] > li[data-inject-id="${id}"] > button`).click();
      const reader = page.locator(`[data-testid="inject-reader"][data-inject-id="${id}"]`);
      await reader.waitFor();
      // a decision card once the team's part in it has loaded
      if ((await page.getByTestId('decision-card').count()) > 0)
        await page.locator('[data-testid="decision-card"]:not([data-status="unknown"])').waitFor();
      await check(page, `message ${id}`);
      if (write && id === ids[ids.length - 1]) {
        await page
          .getByTestId('response-composer')
          .locator('textarea')
          .first()
          .fill('Isolated the portal hosts; escalating to KISA.');
        await page.getByTestId('response-composer').locator('button[type="submit"]').click();
        await page.getByTestId('inject-responses').waitFor();
        await check(page, `message ${id} with a response`);
      }
      if (phone) await page.getByTestId('back-to-inbox').click();
    }
    const side = async (tab: 'log' | 'rfi') => {
      if (phone) await page.locator(`[data-phone-tab="${tab}"]`).click();
      else
        await page
          .locator('.ttx-play-side-tabs button')
          .nth(tab === 'log' ? 0 : 1)
          .click();
    };
    await side('log');
    await check(page, 'team log');
    await side('rfi');
    // "New request": the first button of the requests pane
    await page.locator('.ttx-play-side .mantine-Button-root').first().click();
    await page.locator('.ttx-play-side form').first().waitFor();
    await check(page, 'new request form');
    if (write) {
      const form = page.locator('.ttx-play-side form').first();
      await form.locator('input').first().fill('Status of the SWIFT gateway logs');
      await form.locator('textarea').first().fill('Do we hold the gateway logs for the last 48 hours?');
      await form.locator('button[type="submit"]').click();
      await page.locator('.ttx-play-side [data-thread-id]').waitFor();
      await check(page, 'request thread');
    }
    if (phone) await page.locator('[data-phone-tab="inbox"]').click();
  }

  async function walkAfterEnd(page: Page, phone: boolean, check: Check, label: string) {
    await page.getByTestId('ended-banner').waitFor({ timeout: 20_000 });
    await check(page, 'console after ENDEX');
    // the team's own score breakdown: each line's rule in the team's language (ids as written)
    await (phone ? page.locator('[data-phone-tab="scores"]') : tabByValue(page, 'scores')).click({ timeout: 20_000 });
    await page.getByTestId('team-scores').waitFor();
    const why = (await page.getByTestId('score-why').allInnerTexts()).join('\n');
    if (label.startsWith('ko')) {
      expect(why, label).not.toMatch(/chosen|no response yet|judgement call|first response/);
      expect(why, label).toMatch(/아직 대응 없음|아직 선택되지 않음|평가관 판단 필요|첫 대응까지/);
      // the distractor a teammate chose, and why it was wrong, in Korean (the pack's translation)
      // named by its Korean label, not its id
      expect(why, label).toContain(`오답 선택지 "SAA 서버를 먼저 초기화·재구축하고 나서 조사" 선택 (−`);
      expect(why, label).toContain(KO_REBUILD_WHY);
      expect(why, label).not.toContain('wipes the evidence');
    } else expect(why.replace(/⟦[^⟦⟧]*⟧/g, ''), label).not.toMatch(/\p{L}/u);
    await check(page, 'team scores');
    if (phone) await page.locator('[data-phone-tab="inbox"]').click();
    await page.getByTestId('ended-hotwash-link').click();
    await page.getByTestId('team-report-page').waitFor({ timeout: 20_000 });
    await page.locator('.ttx-stars').first().waitFor();
    await check(page, 'hotwash and team report');
  }

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-interface-language'));
    staff = await Api.login(app.url);
    exercise = await createExercise(staff, 'korean-peninsula', 1);
    browser = await launchBrowser();
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of [...STRATCOM, ...ROK]) await fire(id);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'joins and plays in the pseudo-locale (StratCom) and in Korean (ROK CERT), at 1440×900 and 390×844',
    { timeout: 400_000 },
    async () => {
      const stratcom = teamByKey(exercise, 'stratcom').joinCode ?? '';
      const rok = teamByKey(exercise, 'rok-cert').joinCode ?? '';
      for (const [label, code, query, viewport] of [
        ['pseudo-desk', stratcom, 'pseudo=1', DESK],
        ['pseudo-phone', stratcom, 'pseudo=1', PHONE],
        ['ko-desk', rok, 'lng=ko', DESK],
        ['ko-phone', rok, 'lng=ko', PHONE],
      ] as const) {
        const phone = viewport === PHONE;
        const t = await openPage(browser, app.url, { viewport, colorScheme: phone ? 'light' : 'dark', touch: phone });
        const check = audit.check(label, phone);
        seats.push({ t, phone, check, label });
        const { page } = t;
        await page.goto(`/join/${code}?${query}`);
        await page.getByTestId('join-preview').waitFor();
        await check(page, 'join page');
        if (label.startsWith('ko')) expect(await page.getByTestId('join-language').inputValue()).toBe('ko');
        // the form by its fields, whatever language it speaks; the language chosen stays for the next visit
        await page.goto(`/join/${code}`);
        await page.locator('input[name="displayName"]').fill(label.startsWith('ko') ? '김지우' : 'Seo-yeon');
        await page.locator('form button[type="submit"]').click();
        await page.getByTestId('team-console').waitFor({ timeout: 20_000 });
        await until(
          async () => (await inboxIds(page)).length >= (code === rok ? ROK.length : STRATCOM.length),
          20_000,
          'every message in the inbox',
        );
        await walkConsole(page, phone, check, !phone);
      }
      // a teammate playing in Korean wipes the SWIFT server first (a distractor)
      const teammate = new Api(app.url);
      const joined = await teammate.post<{ token: string }>('/join', {
        code: rok,
        displayName: '박서준',
        language: 'ko',
      });
      teammate.token = joined.body.token;
      await teammate.ok('POST', '/play/responses', {
        injectId: 'kp-swift-manipulation',
        text: 'SAA 서버를 먼저 초기화하겠습니다.',
        optionIds: ['rebuild-first'],
      });
      await staff.ok('POST', `/exercises/${exercise.id}/score-visibility`, { scoresVisible: true });
      await staff.ok('POST', `/exercises/${exercise.id}/end`);
      for (const s of seats) await walkAfterEnd(s.t.page, s.phone, s.check, s.label);
      for (const s of seats) expect(unexpectedErrors(s.t.errors), s.label).toEqual([]);
      expect(audit.visited.length).toBeGreaterThan(40);
      audit.assertClean();
    },
  );
});
