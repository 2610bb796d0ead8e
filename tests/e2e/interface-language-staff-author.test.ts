import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv, ADMIN_PASSWORD } from '../support/app-process.js';
import { type Check, DESK, LanguageAudit, PHONE, signInByForm, tabByValue } from '../support/interface-language.js';
import { launchBrowser, openPage, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The interface language on the scenario editor and the staff report page, after a korean-peninsula
 * drill played and ended over the API:
 * - in the pseudo-locale (`?pseudo=1`) no visible interface text is left unmarked on the pack
 *   library, the editor (scenario, teams, objectives, injects with their preview and timeline), the
 *   MSEL, OpenAEV and zip import panels, and every tab of the after-action report;
 * - in Korean the same pages say so, show Hangul, and nothing is cut (or pushed off a phone screen),
 *   at 1440×900 and 390×844; screenshots go to tests/.artifacts/author-report-ko/.
 * The pack loader's errors (worded from their codes) and the timeline's arrows are checked in both.
 */
const FIRE = ['kp-startex', 'kp-nato-aggressor-seeding', 'kp-ddos-portals', 'kp-kimsuky-journalist'];
const KO_USER = 'ko.planner';
const KO_PASSWORD = 'a-good-long-password-2';
const EDITOR_TABS = ['metadata', 'teams', 'objectives', 'injects'];
const REPORT_TABS = [
  'overview',
  'objectives',
  'findings',
  'performance',
  'coverage',
  'decisions',
  'timeline',
  'hotwash',
  'plan',
];

describe('the interface language on the editor and the staff report', () => {
  let app: RunningProcess;
  let browser: Browser;
  let exercise: ExerciseDetail;
  const pages: TrackedPage[] = [];
  const audit = new LanguageAudit('author-report-ko');

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-author-language'));
    const admin = await Api.login(app.url, 'admin');
    await admin.ok('POST', '/users', {
      username: KO_USER,
      displayName: '훈련 기획관 박지민',
      password: KO_PASSWORD,
      role: 'admin',
    });
    const ko = await Api.login(app.url, KO_USER, KO_PASSWORD);
    expect((await ko.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(200);
    exercise = await createExercise(admin, 'korean-peninsula', 1);
    const stratcom = await Api.join(app.url, teamByKey(exercise, 'stratcom').joinCode ?? '', 'Seo-yeon');
    await admin.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of FIRE) {
      const r = await admin.post(`/exercises/${exercise.id}/injects/${id}/fire`);
      const code = (r.body as { code?: string }).code ?? '';
      if (r.status !== 200 && !(r.status === 409 && ['inject.done', 'inject.in-flight'].includes(code)))
        throw new Error(`fire ${id} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    await stratcom.ok('POST', '/play/responses', { injectId: 'kp-startex', text: 'Acknowledged; cell stood up.' });
    await stratcom.ok('POST', '/play/threads', { subject: 'Portal logs', text: 'Do we hold the logs?' });
    await admin.ok('POST', `/exercises/${exercise.id}/journal`, { text: 'StratCom cell stood up on time.' });
    await admin.ok('POST', `/exercises/${exercise.id}/end`, {});
    await admin.ok('POST', `/exercises/${exercise.id}/improvement-plan`, {
      issue: 'Portal log retention unclear',
      capabilityElement: 'planning',
      organisation: 'KISA',
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('leaves no interface text untranslated on the editor and the report, and fits them in Korean, at 1440×900 and 390×844', async () => {
    for (const [label, query, viewport, user, password] of [
      ['pseudo-desk', '?pseudo=1', DESK, 'admin', ADMIN_PASSWORD],
      ['pseudo-phone', '?pseudo=1', PHONE, 'admin', ADMIN_PASSWORD],
      ['ko-desk', '?lng=ko', DESK, KO_USER, KO_PASSWORD],
      ['ko-phone', '?lng=ko', PHONE, KO_USER, KO_PASSWORD],
    ] as const) {
      const phone = viewport === PHONE;
      const t = await openPage(browser, app.url, { viewport, colorScheme: phone ? 'light' : 'dark', touch: phone });
      pages.push(t);
      const { page } = t;
      const check: Check = audit.check(label, phone);
      // the editor's forms-beside-source layout is a desk screen: on a phone it is checked for cut
      // text but not for sideways scrolling (not fitted yet)
      const deskOnly: Check = audit.check(label, false);
      await signInByForm(page, query, user, password);

      await page.goto('/author');
      await page.getByTestId('pack-korean-peninsula').waitFor();
      await check(page, 'pack library');
      await page.goto('/author?pack=korean-peninsula');
      await page.getByTestId('validation-ok').waitFor({ timeout: 30_000 });
      for (const value of EDITOR_TABS) {
        await tabByValue(page, value).click();
        await page.locator(`[role="tabpanel"][id$="-panel-${value}"]`).first().waitFor();
        if (value === 'injects') await page.getByTestId('inject-preview').waitFor();
        await deskOnly(page, `editor · ${value}`);
      }
      // the timeline's arrows say what releases an inject in the interface language (ids and labels as written)
      const arrow = await page.locator('[data-testid^="timeline-edge-"][data-kind]').first().getAttribute('aria-label');
      expect(arrow, label).toMatch(label.startsWith('ko') ? /부여/ : /^⟦.*⟧$/);
      // a broken offset: the loader's error, in the list and at its field, in the interface language
      await page.locator('[data-path="injects[0].offset"]').fill('T+00:5x');
      const list = page.getByTestId('error-list');
      await list.waitFor();
      expect(await list.innerText(), label).toMatch(
        label.startsWith('ko') ? /injects\[0\]\.offset — T\+01:30 또는 T\+01:30:15 같은 훈련 시계 기준 시각/ : /— ⟦.+⟧/,
      );
      await deskOnly(page, 'editor · error list');
      // leave the broken draft by reloading the library (the import panels below open from it)
      await page.goto('/author');
      await page.getByTestId('pack-korean-peninsula').waitFor();
      // the import panels, by their buttons in the library's column (MSEL, OpenAEV, zip)
      const importButtons = page.locator('.ttx-author-packs .mantine-Group-root button');
      for (const [n, name] of ['msel', 'openaev', 'zip'].entries()) {
        await importButtons.nth(n).click();
        await page.locator('.ttx-author-main .mantine-FileInput-input').first().waitFor();
        await check(page, `import · ${name}`);
      }

      await page.goto(`/review/${exercise.id}`);
      await page.getByTestId('report-state').waitFor({ timeout: 30_000 });
      for (const value of REPORT_TABS) {
        await tabByValue(page, value).click();
        await page.locator(`[role="tabpanel"][id$="-panel-${value}"]`).first().waitFor();
        if (value === 'performance' || value === 'timeline')
          await page.locator('.recharts-surface').first().waitFor({ state: 'attached' });
        await check(page, `report · ${value}`);
        // the page reads the Korean edition: the findings the report drafted (and the plan's suggestions) are Korean sentences
        if (value === 'findings' && label.startsWith('ko')) {
          const drafted = await page
            .locator('[role="tabpanel"] textarea')
            .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
          expect(drafted.length, label).toBeGreaterThan(0);
          for (const text of drafted) expect(text, label).toMatch(/대응 목표 시간이 있는 상황 메시지 \d+건 중/);
          expect(drafted.join('\n'), label).not.toMatch(/injects with a response target|Ally [A-D] delegation/);
        }
        // on a phone the improvement plan is one card per corrective action, not a table to scroll
        if (value === 'plan' && phone) {
          await page.getByTestId('plan-row-0').waitFor();
          await audit.noSidewaysScroll(page, label, `report · ${value}`, '[role="tabpanel"]');
        }
      }
      expect(unexpectedErrors(t.errors), label).toEqual([]);
    }
    expect(audit.visited.length).toBe(4 * (1 + EDITOR_TABS.length + 1 + 3 + REPORT_TABS.length));
    audit.assertClean();
  }, 500_000);
});
