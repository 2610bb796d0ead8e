import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv, ADMIN_PASSWORD } from '../support/app-process.js';
import { DESK, PHONE, signInByForm, tabByValue } from '../support/interface-language.js';
import { until } from '../support/socket-client.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * Staff reading a drill in their own language while a team played in another, through a
 * korean-peninsula drill whose ROK CERT has a player in Korean and one in English, and which
 * chose a distractor (wiping the SWIFT server before recalling the payments):
 * - the evaluator's breakdown and the control room's scores name the distractor by its label and
 *   give its why in the staff member's language, with the team's other language beside it;
 * - the control room's force-outcome list marks the pack's option labels `translate="no"`;
 * - the report's downloads default to the reader's interface language (the pack offers both);
 * - the improvement plan's dates are picked and shown in the interface language (keyboard too)
 *   and saved as the ISO date the API takes; clearing one saves none.
 * In English and Korean, at 1440×900 and 390×844; screenshots go to tests/.artifacts/staff-review-*.
 */
const KO_ADMIN = 'ko.review';
const KO_PASSWORD = 'a-good-long-password-5';
const EN_LABEL = 'Wipe and rebuild the SAA server first, then investigate';
const KO_LABEL = 'SAA 서버를 먼저 초기화·재구축하고 나서 조사';
const EN_WHY = 'wipes the evidence and the SAA journal while 29 payments can still be recalled';
const KO_WHY = '아직 회수할 수 있는 지급 29건이 남아 있는데 증거와 SAA 저널을 지워 버립니다';
const WALKS = [
  ['en-desk', '?lng=en', DESK, 'admin', ADMIN_PASSWORD],
  ['en-phone', '?lng=en', PHONE, 'admin', ADMIN_PASSWORD],
  ['ko-desk', '?lng=ko', DESK, KO_ADMIN, KO_PASSWORD],
  ['ko-phone', '?lng=ko', PHONE, KO_ADMIN, KO_PASSWORD],
] as const;

async function join(url: string, code: string, displayName: string, language?: string): Promise<Api> {
  const api = new Api(url);
  const r = await api.post<{ token: string }>('/join', { code, displayName, ...(language ? { language } : {}) });
  if (r.status !== 200) throw new Error(`join → ${r.status} ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return api;
}

/** `YYYY-MM-DD` of a local calendar day */
const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim();

describe('staff read scores, decisions and the report in their own language', () => {
  let app: RunningProcess;
  let browser: Browser;
  let admin: Api;
  let exercise: ExerciseDetail;
  let rok: string;
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-staff-language-review'));
    admin = await Api.login(app.url, 'admin');
    await admin.ok('POST', '/users', {
      username: KO_ADMIN,
      displayName: '검토관 한지수',
      password: KO_PASSWORD,
      role: 'admin',
    });
    const ko = await Api.login(app.url, KO_ADMIN, KO_PASSWORD);
    expect((await ko.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(200);
    exercise = await createExercise(admin, 'korean-peninsula', 1);
    rok = teamByKey(exercise, 'rok-cert').id;
    const code = teamByKey(exercise, 'rok-cert').joinCode ?? '';
    const rokKo = await join(app.url, code, '김지우', 'ko');
    await join(app.url, code, 'Min-jun');
    await admin.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of ['kp-swift-manipulation', 'kp-crrt-request'])
      await admin.ok('POST', `/exercises/${exercise.id}/injects/${id}/fire`);
    await until(
      async () =>
        (await rokKo.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'kp-swift-manipulation'),
      30_000,
      'kp-swift-manipulation at the ROK CERT',
    );
    await rokKo.ok('POST', '/play/responses', {
      injectId: 'kp-swift-manipulation',
      text: 'SAA 서버를 초기화하고 재구축한 뒤 조사하겠습니다.',
      optionIds: ['rebuild-first'],
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('gives 400 for a malformed language and the source for one the pack does not carry', async () => {
    const bad = await admin.request('GET', `/exercises/${exercise.id}/scores?language=${encodeURIComponent('k o')}`);
    expect(bad.status).toBe(400);
    const other = await admin.ok<{ items: { source: { params?: Record<string, string | number> } }[] }[]>(
      'GET',
      `/exercises/${exercise.id}/scores?language=ja`,
    );
    const why = other.flatMap((t) => t.items).find((i) => i.source.params?.option === 'rebuild-first');
    expect(why?.source.params).toMatchObject({ label: EN_LABEL, why: EN_WHY });
  });

  it('words a distractor line in the staff member’s language with the team’s beside it, and keeps pack options untranslated in the force list', async () => {
    for (const [label, query, viewport, user, password] of WALKS) {
      const phone = viewport === PHONE;
      const ko = label.startsWith('ko');
      const t = await openPage(browser, app.url, { viewport, touch: phone });
      pages.push(t);
      const { page } = t;
      await signInByForm(page, query, user, password);
      const [mine, theirs, theirLanguage] = ko ? [KO_LABEL, EN_LABEL, 'en'] : [EN_LABEL, KO_LABEL, 'ko'];
      const [myWhy, theirWhy] = ko ? [KO_WHY, EN_WHY] : [EN_WHY, KO_WHY];
      const sentence = ko
        ? `오답 선택지 "${mine}" 선택 (−5점): ${myWhy}`
        : `distractor "${mine}" chosen (−5): ${myWhy}`;

      // the evaluator's breakdown
      await page.goto(`/evaluate/${exercise.id}`);
      await page.getByTestId('evaluator-console').waitFor({ timeout: 30_000 });
      await tabByValue(page, 'breakdown').click({ timeout: 30_000 });
      const team = page.locator(`[data-testid="team-breakdown"][data-team-id="${rok}"]`);
      const rule = team.locator('[data-rule="distractor.penalty"]');
      await rule.waitFor({ timeout: 20_000 });
      expect(await text(rule), label).toContain(sentence);
      expect(await text(rule), label).not.toContain('rebuild-first');
      const beside = team.locator(`[data-testid="team-wording"][data-language="${theirLanguage}"]`);
      expect(await text(beside), label).toContain(`“${theirs}”: ${theirWhy}`);
      expect(await beside.locator('[lang]').getAttribute('lang'), label).toBe(theirLanguage);
      await rule.scrollIntoViewIfNeeded();
      await screenshot(page, `staff-review-${label}-1-evaluator-breakdown`);

      // the control room's scores
      await page.goto(`/control/${exercise.id}`);
      await page.getByTestId('control-room').waitFor({ timeout: 30_000 });
      // the control room re-renders every second: a click can wait on a loaded machine
      await tabByValue(page, 'scores').click({ timeout: 30_000 });
      const row = page.locator(`[data-testid="leaderboard-row"][data-team-id="${rok}"]`);
      await row.locator('button').first().click();
      const line = row.locator('[data-kind="adjustment"]').filter({ hasText: myWhy });
      await line.waitFor({ timeout: 20_000 });
      expect(await text(line), label).toContain(sentence);
      expect(
        await text(line.locator(`[data-testid="team-wording"][data-language="${theirLanguage}"]`)),
        label,
      ).toContain(`“${theirs}”: ${theirWhy}`);

      // the control room's decisions: a pack option's label is content in the force-outcome list
      await tabByValue(page, 'decisions').click({ timeout: 30_000 });
      const force = page.locator('[data-testid="decision"][data-status="open"] [data-testid="force-outcome"]').first();
      await force.click();
      const options = page.locator('[role="listbox"] [role="option"]');
      await options.first().waitFor();
      const marks = await options.evaluateAll((els) =>
        els.map((e) => ({
          value: e.getAttribute('value'),
          untranslated: e.querySelector('[translate="no"]') !== null,
        })),
      );
      expect(marks.length, label).toBeGreaterThan(2);
      for (const m of marks)
        expect(m.untranslated, `${label} ${m.value}`).toBe(!['blocked', 'timed-out'].includes(m.value ?? ''));
      await screenshot(page, `staff-review-${label}-2-force-outcome`);
      await options.first().click();
      expect(await force.getAttribute('translate'), label).toBe('no');
      await page.keyboard.press('Escape');
      expect(unexpectedErrors(t.errors), label).toEqual([]);
    }
  }, 300_000);

  it('hands the report out in the reader’s language by default, and picks, shows, saves and clears the plan’s dates in it', async () => {
    await admin.ok('POST', `/exercises/${exercise.id}/end`, {});
    await admin.ok('POST', `/exercises/${exercise.id}/improvement-plan`, {
      issue: 'Payment recall runbook missing',
      capabilityElement: 'planning',
      organisation: 'FSS',
    });
    const plan = async () =>
      (
        await admin.ok<{ startDate: string | null; completionDate: string | null }[]>(
          'GET',
          `/exercises/${exercise.id}/improvement-plan`,
        )
      )[0];
    for (const [label, query, viewport, user, password] of WALKS) {
      const phone = viewport === PHONE;
      const ko = label.startsWith('ko');
      const lng = ko ? 'ko' : 'en';
      const t = await openPage(browser, app.url, { viewport, touch: phone });
      pages.push(t);
      const { page } = t;
      await signInByForm(page, query, user, password);
      await page.goto(`/review/${exercise.id}`);
      await page.getByTestId('report-state').waitFor({ timeout: 30_000 });
      // the downloads: in the reader's language, which the pack offers
      expect(await page.getByTestId('report-language').inputValue(), label).toBe(ko ? '한국어' : 'English');
      expect(await page.getByTestId('download-pdf').getAttribute('href'), label).toMatch(
        new RegExp(`/report/export/pdf\\?language=${lng}$`),
      );

      await tabByValue(page, 'plan').click();
      const row = page.getByTestId('plan-row-0');
      const [start, completion] = [row.getByTestId('plan-date').nth(0), row.getByTestId('plan-date').nth(1)];
      // a day picked with the mouse (touch on a phone): the calendar's month and days in the interface language
      await start.click();
      // the first of this month: in view when the calendar opens, and not after the completion picked below
      const now = new Date();
      const first = Date.UTC(now.getFullYear(), now.getMonth(), 1);
      const firstIso = isoDay(new Date(now.getFullYear(), now.getMonth(), 1));
      const month = new Intl.DateTimeFormat(lng, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(first);
      expect(await page.getByText(month, { exact: true }).count(), `${label} ${month}`).toBeGreaterThan(0);
      const dayName = new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(first);
      await screenshot(page, `staff-review-${label}-3-plan-calendar`);
      await page.getByRole('button', { name: dayName, exact: true }).click();
      const shown = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: 'UTC' }).format(first);
      await expect.poll(() => text(start)).toBe(shown);
      expect(await start.getAttribute('data-value'), label).toBe(firstIso);
      // a day picked with the keyboard: open with Enter, the arrows move from today, Enter picks
      if (!phone) {
        const from = (await completion.getAttribute('data-value')) || isoDay(new Date());
        const next = isoDay(new Date(Date.parse(`${from}T12:00:00`) + 86_400_000));
        await completion.focus();
        await page.keyboard.press('Enter');
        // the focus lands on the chosen day (today, without one)
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
          .toMatch(ko ? /\d{4}년 \d{1,2}월 \d{1,2}일/ : /^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await expect.poll(() => completion.getAttribute('data-value')).toBe(next);
      }
      await row.getByRole('button', { name: ko ? '저장' : 'Save' }).click();
      await expect.poll(async () => (await plan())?.startDate).toBe(firstIso);
      if (!phone) expect((await plan())?.completionDate, label).toBe(await completion.getAttribute('data-value'));
      await page.getByTestId('plan-row-0').getByTestId('plan-date').first().waitFor();
      await screenshot(page, `staff-review-${label}-4-plan-saved`);
      // cleared: nothing saved, the field says so in the interface language
      const clear = page
        .getByTestId('plan-row-0')
        .getByRole('button', { name: ko ? /시작일.*지우기/ : /Clear Start date/ });
      await clear.click();
      await page
        .getByTestId('plan-row-0')
        .getByRole('button', { name: ko ? '저장' : 'Save' })
        .click();
      await expect.poll(async () => (await plan())?.startDate).toBeNull();
      expect(await text(page.getByTestId('plan-row-0').getByTestId('plan-date').first()), label).toBe(
        ko ? '날짜 없음' : 'No date',
      );
      expect(unexpectedErrors(t.errors), label).toEqual([]);
    }
  }, 300_000);
});
