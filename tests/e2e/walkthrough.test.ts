import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { joinAsPlayer, signIn } from './support/app-flows.js';
import { launchBrowser, openPage, type TrackedPage } from './support/browser.js';
import {
  auditPage,
  type Finding,
  formatFindings,
  ProblemsFile,
  settle,
  WALKTHROUGH_DIR,
} from './support/page-audit.js';

/**
 * The walkthrough: one whole drill of the 90-minute Korean Peninsula edition at high speed, with
 * every seat open at once — the control room, the evaluator console, the observer view, the
 * after-action report, the pack editor, the accounts page and two players (a desk and a phone).
 * At each stage (before the start, mid-drill with a decision open, paused, after the end) every
 * page is audited: no console or page error, no state badge cut, nothing off a phone screen,
 * no serious or critical axe-core violation (WCAG 2 A/AA), and every panel current without a
 * reload. Screenshots and a problems file go to tests/.artifacts/walkthrough/.
 */
const UI = 20_000;
const PACK = 'korean-peninsula-discussion';
const DECISION_INJECT = 'ed-m3-situation';
const DECISION = 'ed-attribution';

interface Seat {
  name: string;
  t: TrackedPage;
  /** staff pages are also audited at 390 px wide at the mid-drill and final stages */
  staff: boolean;
  phone: boolean;
}

/** A condition on a page that must hold without a reload (checked false before the event that makes it true). */
interface Live {
  seat: string;
  panel: string;
  selector: string;
  text?: string;
}

describe(`walkthrough: a whole ${PACK} drill with every seat open`, () => {
  let app: RunningProcess;
  let browser: Browser;
  let staff: Api;
  let exercise: ExerciseDetail;
  const seats: Seat[] = [];
  const problems = new ProblemsFile(`Walkthrough of a ${PACK} drill`);
  const seat = (name: string) => {
    const s = seats.find((x) => x.name === name);
    if (!s) throw new Error(`no seat ${name}`);
    return s;
  };
  let policySeat: Api & { teamId: string };
  let commsSeat: Api & { teamId: string };

  const matches = (page: Page, l: Live) =>
    page.evaluate(
      ([sel, text]) =>
        Array.from(document.querySelectorAll(sel)).some((el) => text === null || (el.textContent ?? '').includes(text)),
      [l.selector, l.text ?? null] as const,
    );

  /** Each condition is false now, the action runs, then each becomes true without a reload. */
  async function expectLive(
    stage: string,
    event: string,
    act: () => Promise<unknown>,
    checks: Live[],
  ): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const c of checks)
      expect(
        await matches(seat(c.seat).t.page, c),
        `${event}: ${c.seat} / ${c.panel} shows it before it happened`,
      ).toBe(false);
    await act();
    await Promise.all(
      checks.map((c) =>
        seat(c.seat)
          .t.page.waitForFunction(
            ([sel, text]) =>
              Array.from(document.querySelectorAll(sel)).some(
                (el) => text === null || (el.textContent ?? '').includes(text),
              ),
            [c.selector, c.text ?? null] as const,
            { polling: 'raf', timeout: UI },
          )
          .catch(() =>
            findings.push({
              stage,
              page: c.seat,
              check: 'live',
              detail: `${event}: ${c.panel} not current without a reload (${c.selector}${c.text ? ` with "${c.text}"` : ''})`,
            }),
          ),
      ),
    );
    return findings;
  }

  /** Audit every page; staff pages once more at 390 px when asked. */
  async function auditAll(stage: string, live: Finding[], opts: { staffAtPhoneWidth: boolean }): Promise<Finding[]> {
    const findings = [...live];
    for (const s of seats) {
      findings.push(...(await auditPage(s.t, s.name, stage, { phone: s.phone })));
      if (s.staff && opts.staffAtPhoneWidth) {
        await s.t.page.setViewportSize({ width: 390, height: 844 });
        findings.push(...(await auditPage(s.t, `${s.name}@390`, stage, { phone: true })));
        await s.t.page.setViewportSize({ width: 1440, height: 900 });
      }
    }
    problems.record(stage, findings);
    return findings;
  }

  const waitFor = (name: string, selector: string) =>
    seat(name).t.page.locator(selector).first().waitFor({ timeout: UI });
  const clockIs = (status: string): Live[] =>
    seats
      .filter((s) => !['pack editor', 'accounts', 'report'].includes(s.name))
      .map((s) => ({ seat: s.name, panel: 'clock', selector: `[data-clock-status="${status}"]` }));

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-walkthrough'), {
      port: Number(process.env.WALKTHROUGH_PORT ?? 0) || undefined,
    });
    const admin = await Api.login(app.url, 'admin');
    for (const [username, displayName, role] of [
      ['inst.kim', 'Instructor Kim', 'instructor'],
      ['eval.choi', 'Evaluator Choi', 'evaluator'],
      ['obs.park', 'Observer Park', 'observer'],
    ] as const) {
      const r = await admin.post('/users', { username, displayName, password: ADMIN_PASSWORD, role });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    staff = await Api.login(app.url, 'inst.kim');
    exercise = await createExercise(staff, PACK, 120);
    browser = await launchBrowser();
    const open = async (name: string, o: { staff: boolean; phone?: boolean; light?: boolean }) => {
      const t = await openPage(browser, app.url, { colorScheme: o.light ? 'light' : 'dark' });
      t.page.setDefaultTimeout(UI);
      // a failed request names itself beside the browser's bare "Failed to load resource"
      t.page.on('response', (r) => {
        if (r.status() >= 400)
          t.errors.push(`http: ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
      });
      if (o.phone) await t.page.setViewportSize({ width: 390, height: 844 });
      seats.push({ name, t, staff: o.staff, phone: o.phone ?? false });
    };
    await open('control room', { staff: true });
    await open('evaluator', { staff: true });
    await open('observer', { staff: true, light: true });
    await open('report', { staff: true, light: true });
    await open('pack editor', { staff: true });
    await open('accounts', { staff: true, light: true });
    await open('player desk', { staff: false });
    await open('player phone', { staff: false, phone: true });
  }, 120_000);

  // a step that cannot go on leaves a picture of every seat and their console errors
  beforeEach((ctx) => {
    onTestFailed(async () => {
      for (const s of seats)
        await s.t.page
          .screenshot({ path: join(WALKTHROUGH_DIR, `failed--${ctx.task.name.slice(0, 20)}--${s.name}.png`) })
          .catch(() => undefined);
      problems.note(
        `Step failed: ${ctx.task.name}\n${seats.map((s) => `- ${s.name}: ${s.t.errors.join(' | ') || 'no console error'}`).join('\n')}`,
      );
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('before the start: every seat open, nothing wrong on any page', { timeout: 180_000 }, async () => {
    const id = exercise.id;
    const code = (key: string) => teamByKey(exercise, key).joinCode ?? '';
    await signIn(seat('control room').t.page, 'inst.kim');
    await seat('control room').t.page.goto(`/control/${id}`);
    await signIn(seat('evaluator').t.page, 'eval.choi');
    await seat('evaluator').t.page.goto(`/evaluate/${id}`);
    await signIn(seat('observer').t.page, 'obs.park');
    await seat('observer').t.page.goto(`/observe/${id}`);
    await signIn(seat('report').t.page, 'inst.kim');
    await seat('report').t.page.goto(`/review/${id}`);
    await signIn(seat('pack editor').t.page, 'inst.kim');
    await seat('pack editor').t.page.goto('/author');
    await signIn(seat('accounts').t.page, 'admin');
    await seat('accounts').t.page.goto('/admin/accounts');
    await joinAsPlayer(seat('player desk').t.page, code('policy'), 'Ji-woo Han (policy)');
    await joinAsPlayer(seat('player phone').t.page, code('comms'), 'Zofia Łukaszewska (comms)');
    policySeat = await Api.join(app.url, code('policy'), 'Minho Seo (policy)');
    commsSeat = await Api.join(app.url, code('comms'), 'Ayşe Öztürk (comms)');

    await waitFor('control room', '[data-connection="connected"]');
    await waitFor('evaluator', '[data-testid="evaluator-console"]');
    await waitFor('observer', '[data-connection="connected"]');
    await waitFor('report', '[data-testid="report-state"]');
    await waitFor('accounts', '[data-testid="accounts-table"]');
    await seat('pack editor').t.page.getByTestId(`pack-${PACK}`).click();
    await waitFor('pack editor', '[data-testid="timeline-viewport"]');
    for (const p of ['player desk', 'player phone']) await waitFor(p, '[data-connection="connected"]');
    // the observer watches decisions; the control room watches the scores
    await seat('observer').t.page.getByRole('tab', { name: 'Decisions' }).click();
    await seat('control room').t.page.getByRole('tab', { name: 'Scores' }).click();
    await waitFor('control room', `[data-testid="leaderboard-row"][data-team-id="${policySeat.teamId}"]`);

    const findings = await auditAll('1-before-start', [], { staffAtPhoneWidth: true });
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it(
    'mid-drill: the story runs at ×120, a decision opens and a response scores, every panel follows',
    { timeout: 240_000 },
    async () => {
      const control = seat('control room').t.page;
      let live = await expectLive(
        '2-mid-drill',
        'start',
        () => control.getByRole('button', { name: 'Start now' }).click(),
        [
          ...clockIs('running'),
          {
            seat: 'control room',
            panel: 'timeline',
            selector: '[data-testid="timeline"] tr[data-inject-id="ed-startex"][data-status="delivered"]',
          },
          {
            seat: 'control room',
            panel: 'status grid',
            selector: `[data-testid="status-grid"] [data-team-id="${policySeat.teamId}"][data-inject-id="ed-startex"]`,
          },
          { seat: 'player desk', panel: 'inbox', selector: '[data-testid="inbox"] > li[data-inject-id="ed-startex"]' },
          { seat: 'player phone', panel: 'inbox', selector: '[data-testid="inbox"] > li[data-inject-id="ed-startex"]' },
        ],
      );
      // at ×120 forty minutes pass in 20 s: once the deepfake (T+00:40) is out, go to real time and
      // bring the rest of module 2 and module 3 forward (the decision then has its full 15 minutes)
      // twenty real seconds at ×120 from the start: the wait allows for a busy machine
      await control
        .locator('[data-testid="timeline"] tr[data-inject-id="ed-m2-deepfake"][data-status="delivered"]')
        .waitFor({ timeout: 90_000 });
      await staff.ok('POST', `/exercises/${exercise.id}/speed`, { speed: 1 });
      const plenary = await staff.post(`/exercises/${exercise.id}/injects/ed-plenary-2/fire`);
      expect([200, 409], JSON.stringify(plenary.body)).toContain(plenary.status);
      await control.getByRole('button', { name: /^Fire now: MODULE 3/ }).click();
      live = live.concat(
        await expectLive(
          '2-mid-drill',
          'decision inject fired',
          () => control.getByTestId('timeline-confirm').getByRole('button', { name: 'Fire now' }).click(),
          [
            {
              seat: 'control room',
              panel: 'timeline',
              selector: `[data-testid="timeline"] tr[data-inject-id="${DECISION_INJECT}"][data-status="delivered"]`,
            },
            {
              seat: 'control room',
              panel: 'status grid',
              selector: `[data-testid="status-grid"] [data-team-id="${commsSeat.teamId}"][data-inject-id="${DECISION_INJECT}"]`,
            },
            {
              seat: 'observer',
              panel: 'decisions',
              selector: `[data-testid="decision"][data-decision-id="${DECISION}"]`,
            },
            {
              seat: 'observer',
              panel: 'timeline',
              selector: `[data-testid="timeline"] tr[data-inject-id="${DECISION_INJECT}"][data-status="delivered"]`,
            },
            {
              seat: 'player desk',
              panel: 'inbox',
              selector: `[data-testid="inbox"] > li[data-inject-id="${DECISION_INJECT}"]`,
            },
            {
              seat: 'player phone',
              panel: 'inbox',
              selector: `[data-testid="inbox"] > li[data-inject-id="${DECISION_INJECT}"]`,
            },
          ],
        ),
      );
      const totalBefore =
        (await control
          .locator(`[data-testid="leaderboard-row"][data-team-id="${policySeat.teamId}"] [data-testid="team-total"]`)
          .textContent()) ?? '';
      live = live.concat(
        await expectLive(
          '2-mid-drill',
          'response logged',
          () =>
            policySeat.ok('POST', '/play/responses', {
              injectId: DECISION_INJECT,
              optionIds: ['consult-not-art5', 'basis-per-option'],
              text: 'Consultations yes; no Article 5 on this evidence. Basis per option listed.',
            }),
          [
            {
              seat: 'control room',
              panel: 'status grid',
              selector: `[data-testid="status-grid"] [data-team-id="${policySeat.teamId}"][data-inject-id="${DECISION_INJECT}"][data-state="responded"]`,
            },
            {
              seat: 'observer',
              panel: 'status grid',
              selector: `[data-testid="status-grid"] [data-team-id="${policySeat.teamId}"][data-inject-id="${DECISION_INJECT}"][data-state="responded"]`,
            },
            {
              seat: 'evaluator',
              panel: 'review queue',
              selector: `[data-testid="review-queue"] li[data-team-id="${policySeat.teamId}"][data-inject-id="${DECISION_INJECT}"]`,
            },
          ],
        ),
      );
      // the scores panel follows the automatic score without a reload
      await control
        .waitForFunction(
          ([sel, before]) => (document.querySelector(sel)?.textContent ?? before) !== before,
          [
            `[data-testid="leaderboard-row"][data-team-id="${policySeat.teamId}"] [data-testid="team-total"]`,
            totalBefore,
          ] as const,
          { timeout: UI },
        )
        .catch(() =>
          live.push({
            stage: '2-mid-drill',
            page: 'control room',
            check: 'live',
            detail: `scores: the policy team's total stayed "${totalBefore}" after an option worth points was logged`,
          }),
        );
      // a request for information while the control room looks at another tab: a badge, at once
      live = live.concat(
        await expectLive(
          '2-mid-drill',
          'request for information',
          () =>
            commsSeat.ok('POST', '/play/threads', {
              subject: 'Releasable annex: who signs off?',
              text: 'Which agency clears the annex for release?',
            }),
          [{ seat: 'control room', panel: 'Requests tab badge', selector: '[data-testid="rfi-badge"]', text: '1' }],
        ),
      );
      // the players read the decision; the control room shows it open
      for (const p of ['player desk', 'player phone']) {
        const page = seat(p).t.page;
        await page.locator(`[data-testid="inbox"] > li[data-inject-id="${DECISION_INJECT}"] button`).first().click();
        await page.locator(`[data-testid="inject-reader"][data-inject-id="${DECISION_INJECT}"]`).waitFor();
      }
      await control.getByRole('tab', { name: 'Decisions' }).click();
      await waitFor('control room', `[data-testid="decision"][data-decision-id="${DECISION}"]`);
      await seat('evaluator')
        .t.page.locator(`[data-testid="review-queue"] li[data-team-id="${policySeat.teamId}"]`)
        .first()
        .click();
      await waitFor('evaluator', '[data-testid="response-review"]');
      await seat('report').t.page.getByRole('tab', { name: 'Timeline' }).click();

      const findings = await auditAll('2-mid-drill', live, { staffAtPhoneWidth: true });
      expect(findings, formatFindings(findings)).toEqual([]);
    },
  );

  it(
    'paused: every seat says so; a vote cast during the pause reaches the control room',
    { timeout: 180_000 },
    async () => {
      const control = seat('control room').t.page;
      let live = await expectLive(
        '3-paused',
        'pause',
        () => control.getByRole('button', { name: 'Pause' }).click(),
        clockIs('paused'),
      );
      live = live.concat(
        await expectLive(
          '3-paused',
          'vote',
          () => policySeat.ok('POST', '/play/votes', { decisionId: DECISION, choice: 'joint-now' }),
          [
            {
              seat: 'control room',
              panel: 'decision votes',
              selector: `[data-testid="decision"] tr[data-team-id="${policySeat.teamId}"][data-vote="joint-now"]`,
            },
            {
              seat: 'observer',
              panel: 'decision votes',
              selector: `[data-testid="decision"] tr[data-team-id="${policySeat.teamId}"][data-vote="joint-now"]`,
            },
            { seat: 'player desk', panel: 'own vote', selector: '[data-testid="my-vote"]', text: 'Your team voted' },
          ],
        ),
      );
      // the facilitator uses the pause to read the request
      await control.getByRole('tab', { name: /^Requests/ }).click();
      await control
        .getByTestId('rfi-queue')
        .getByRole('button', { name: /Releasable annex/ })
        .click();
      await seat('evaluator').t.page.getByRole('tab', { name: 'Rate objectives (P/S/M/U)' }).click();
      await seat('report').t.page.getByRole('tab', { name: 'Decisions' }).click();
      const findings = await auditAll('3-paused', live, { staffAtPhoneWidth: false });
      expect(findings, formatFindings(findings)).toEqual([]);
    },
  );

  it(
    'after the end: the rest of the story at ×600, ENDEX, the report turns final live',
    { timeout: 240_000 },
    async () => {
      const control = seat('control room').t.page;
      await commsSeat.ok('POST', '/play/votes', { decisionId: DECISION, choice: 'not-yet' });
      // the rest of the story at ×600: the hotwash call (T+01:15) follows the resume within seconds
      await staff.ok('POST', `/exercises/${exercise.id}/speed`, { speed: 600 });
      let live = await expectLive(
        '4-ended',
        'resume at ×600',
        () => control.getByRole('button', { name: 'Resume' }).click(),
        [
          ...clockIs('running'),
          {
            seat: 'control room',
            panel: 'timeline',
            selector: '[data-testid="timeline"] tr[data-inject-id="ed-hotwash"][data-status="delivered"]',
          },
          { seat: 'player desk', panel: 'inbox', selector: '[data-testid="inbox"] > li[data-inject-id="ed-hotwash"]' },
          { seat: 'player phone', panel: 'inbox', selector: '[data-testid="inbox"] > li[data-inject-id="ed-hotwash"]' },
        ],
      );
      await control.getByRole('button', { name: 'End', exact: true }).click();
      live = live.concat(
        await expectLive('4-ended', 'end', () => control.getByRole('button', { name: 'End exercise' }).click(), [
          ...clockIs('ended'),
          { seat: 'report', panel: 'report state', selector: '[data-testid="report-state"]', text: 'Final' },
        ]),
      );
      await control.getByRole('tab', { name: 'Decisions' }).click();
      await waitFor(
        'control room',
        `[data-testid="decision"][data-decision-id="${DECISION}"] [data-testid="decision-outcome"]`,
      );
      await seat('evaluator').t.page.getByRole('tab', { name: 'Score breakdown' }).click();
      await seat('report').t.page.getByRole('tab', { name: 'Performance' }).click();
      const findings = await auditAll('4-ended', live, { staffAtPhoneWidth: true });
      expect(findings, formatFindings(findings)).toEqual([]);
    },
  );

  it('after the end: the players open their team report', { timeout: 120_000 }, async () => {
    for (const p of ['player desk', 'player phone']) {
      await seat(p).t.page.goto('/team-report');
      await settle(seat(p).t.page);
    }
    await waitFor('player desk', 'form[aria-label="Hotwash survey"]');
    const findings: Finding[] = [];
    for (const p of ['player desk', 'player phone'])
      findings.push(...(await auditPage(seat(p).t, `${p} team report`, '5-team-report', { phone: seat(p).phone })));
    problems.record('5-team-report', findings);
    expect(findings, formatFindings(findings)).toEqual([]);
  });
});
