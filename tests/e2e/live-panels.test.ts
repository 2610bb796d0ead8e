import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { TestRedis } from '../support/redis-server.js';
import { RecordingClient, until } from '../support/socket-client.js';
import { joinAsPlayer, openInject, signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The event × panel × audience matrix: each server event is driven once through the API, and every
 * open panel that shows its data (control room, observer view, evaluator console, team consoles)
 * must become current without a reload. Before each event every check is asserted false, so a
 * panel that was already right cannot pass by accident. Players must never receive staff-only data.
 *
 * The time from the API call to each panel being current is printed (median over the matrix) for
 * BENCHMARKS.md; it is not asserted (a timing target belongs in a benchmark, not in a test).
 */
interface Check {
  audience: 'control room' | 'observer' | 'evaluator' | 'player';
  panel: string;
  page: Page;
  /** a CSS selector that must match (and, with `text`, contain that text) once the panel is current */
  selector: string;
  text?: string;
}

interface Timing {
  event: string;
  audience: string;
  panel: string;
  ms: number;
}

const shows = (c: Check) =>
  c.page.evaluate(
    ([sel, text]) =>
      Array.from(document.querySelectorAll(sel)).some((el) => text === null || (el.textContent ?? '').includes(text)),
    [c.selector, c.text ?? null] as const,
  );

describe('every server event updates every open panel that shows its data', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staffApi: Api;
  let exercise: ExerciseDetail;
  let control: TrackedPage;
  let observer: TrackedPage;
  let evaluator: TrackedPage;
  const players: Record<'press' | 'fimi' | 'ally', TrackedPage> = {} as never;
  let pressApi: Api & { teamId: string };
  let fimiApi: Api & { teamId: string };
  let pressSocket: RecordingClient;
  let fimiSocket: RecordingClient;
  const timings: Timing[] = [];

  /** Drive one event and wait for every check; each check must be false before. */
  async function expectLive(event: string, act: () => Promise<unknown>, checks: Check[]): Promise<void> {
    for (const c of checks)
      expect(await shows(c), `${event}: ${c.audience} / ${c.panel} already current before the event`).toBe(false);
    const t0 = Date.now();
    const waits = checks.map(async (c) => {
      await c.page
        .waitForFunction(
          ([sel, text]) =>
            Array.from(document.querySelectorAll(sel)).some(
              (el) => text === null || (el.textContent ?? '').includes(text),
            ),
          [c.selector, c.text ?? null] as const,
          { polling: 'raf', timeout: 12_000 },
        )
        .catch(() => {
          throw new Error(
            `${event}: ${c.audience} / ${c.panel} not updated without a reload (${c.selector}${c.text ? ` with "${c.text}"` : ''})`,
          );
        });
      timings.push({ event, audience: c.audience, panel: c.panel, ms: Date.now() - t0 });
    });
    await act();
    await Promise.all(waits);
  }

  const playerChecks = (
    panel: string,
    selector: string,
    text?: string,
    who: ('press' | 'fimi' | 'ally')[] = ['press', 'fimi', 'ally'],
  ): Check[] =>
    who.map((k) => ({
      audience: 'player' as const,
      panel: `${panel} (${k})`,
      page: players[k].page,
      selector,
      ...(text ? { text } : {}),
    }));

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-live-panels'));
    const admin = await Api.login(app.url, 'admin');
    for (const [username, role] of [
      ['inst.lee', 'instructor'],
      ['obs.park', 'observer'],
      ['eval.choi', 'evaluator'],
    ] as const) {
      const r = await admin.post('/users', { username, displayName: username, password: ADMIN_PASSWORD, role });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    staffApi = await Api.login(app.url, 'inst.lee');
    exercise = await staffApi.ok<ExerciseDetail>('POST', '/exercises', { packId: 'deepfake-surge' });
    browser = await launchBrowser();
    control = await openPage(browser, app.url);
    observer = await openPage(browser, app.url);
    evaluator = await openPage(browser, app.url);
    for (const k of ['press', 'fimi', 'ally'] as const) players[k] = await openPage(browser, app.url);
  }, 120_000);

  afterAll(async () => {
    pressSocket?.close();
    fimiSocket?.close();
    await browser?.close();
    await app?.stop();
  });

  it(
    'opens the control room, observer view, evaluator console and three team consoles',
    { timeout: 120_000 },
    async () => {
      const code = (key: string) => teamByKey(exercise, key).joinCode ?? '';
      await joinAsPlayer(players.press.page, code('press-office'), 'Astrid (press)');
      await joinAsPlayer(players.fimi.page, code('fimi-cell'), 'Bjorn (FIMI)');
      await joinAsPlayer(players.ally.page, code('allied-liaison'), 'Chloe (liaison)');
      // second seats of two teams, through the API: what a player's socket receives is recorded
      pressApi = await Api.join(app.url, code('press-office'), 'Dag (press)');
      fimiApi = await Api.join(app.url, code('fimi-cell'), 'Eva (FIMI)');
      pressSocket = new RecordingClient(app.url, pressApi.token);
      fimiSocket = new RecordingClient(app.url, fimiApi.token);
      expect(await pressSocket.ready()).toBe('ready');
      expect(await fimiSocket.ready()).toBe('ready');

      await signIn(control.page, 'inst.lee');
      await control.page.goto(`/control/${exercise.id}`);
      await control.page.getByTestId('control-room').waitFor();
      await signIn(observer.page, 'obs.park');
      await observer.page.goto(`/observe/${exercise.id}`);
      await observer.page.getByTestId('control-room').waitFor();
      await signIn(evaluator.page, 'eval.choi');
      await evaluator.page.goto(`/evaluate/${exercise.id}`);
      await evaluator.page.getByTestId('evaluator-console').waitFor();
      for (const p of [control, observer, evaluator, ...Object.values(players)])
        await p.page.locator('[data-connection="connected"]').waitFor();
      // the facilitator watches the Decisions tab, the observer too
      await control.page.getByRole('tab', { name: 'Decisions' }).click();
      await observer.page.getByRole('tab', { name: 'Decisions' }).click();
      // a staff seat's room join is asynchronous: wait until the draft's start reaches every panel
      await expectLive(
        'clock: start',
        async () => {
          await staffApi.ok('POST', `/exercises/${exercise.id}/start`);
          await staffApi.ok('POST', `/exercises/${exercise.id}/pause`);
        },
        [
          { audience: 'control room', panel: 'clock', page: control.page, selector: '[data-clock-status="paused"]' },
          { audience: 'observer', panel: 'clock', page: observer.page, selector: '[data-clock-status="paused"]' },
          { audience: 'evaluator', panel: 'clock', page: evaluator.page, selector: '[data-clock-status="paused"]' },
          ...playerChecks('clock', '[data-clock-status="paused"]'),
        ],
      );
    },
  );

  it('a decision inject fired: the timeline, both Decisions tabs and every member inbox show it at once', async () => {
    await expectLive(
      'inject fired, decision opens',
      () => staffApi.ok('POST', `/exercises/${exercise.id}/injects/df-statement-decision/fire`),
      [
        {
          audience: 'control room',
          panel: 'timeline',
          page: control.page,
          selector: '[data-testid="timeline"] tr[data-inject-id="df-statement-decision"][data-status="delivered"]',
        },
        {
          audience: 'control room',
          panel: 'decisions',
          page: control.page,
          selector: '[data-testid="decision"][data-decision-id="denial-format"][data-status="open"]',
        },
        {
          audience: 'observer',
          panel: 'timeline',
          page: observer.page,
          selector: '[data-testid="timeline"] tr[data-inject-id="df-statement-decision"][data-status="delivered"]',
        },
        {
          audience: 'observer',
          panel: 'decisions',
          page: observer.page,
          selector: '[data-testid="decision"][data-decision-id="denial-format"]',
        },
        ...playerChecks('inbox', '[data-testid="inbox"] > li[data-inject-id="df-statement-decision"]'),
      ],
    );
    for (const k of ['press', 'fimi', 'ally'] as const) {
      await openInject(players[k].page, 'df-statement-decision');
      await players[k].page.getByTestId('decision-card').waitFor();
    }
  });

  it('a vote: both Decisions tabs and the voting team see it', async () => {
    await expectLive(
      'vote cast',
      () => pressApi.ok('POST', '/play/votes', { decisionId: 'denial-format', choice: 'joint-denial' }),
      [
        {
          audience: 'control room',
          panel: 'decision votes',
          page: control.page,
          selector: `[data-testid="decision"] tr[data-team-id="${pressApi.teamId}"][data-vote="joint-denial"]`,
        },
        {
          audience: 'observer',
          panel: 'decision votes',
          page: observer.page,
          selector: `[data-testid="decision"] tr[data-team-id="${pressApi.teamId}"][data-vote="joint-denial"]`,
        },
        ...playerChecks('own vote', '[data-testid="my-vote"]', 'Your team voted', ['press']),
      ],
    );
    // another team's vote is not shown to a team
    expect(
      await shows({
        audience: 'player',
        panel: 'own vote',
        page: players.fimi.page,
        selector: '[data-testid="my-vote"]',
        text: 'Your team voted',
      }),
    ).toBe(false);
  });

  it('a deadline extension reaches the control room, the observer and every member team at once', async () => {
    const decisions = await staffApi.ok<{ id: string; deadlineScenarioMs: number }[]>(
      'GET',
      `/exercises/${exercise.id}/decisions`,
    );
    const d = decisions[0];
    const extended = d.deadlineScenarioMs + 5 * 60_000;
    const label = `T+${[extended / 3_600_000, (extended / 60_000) % 60, (extended / 1000) % 60].map((n) => String(Math.floor(n)).padStart(2, '0')).join(':')}`;
    await expectLive(
      'decision deadline extended',
      () => staffApi.ok('POST', `/exercises/${exercise.id}/decisions/${d.id}/extend`, { deadlineScenarioMs: extended }),
      [
        {
          audience: 'control room',
          panel: 'decision deadline',
          page: control.page,
          selector: '[data-testid="decision-deadline"]',
          text: label,
        },
        {
          audience: 'observer',
          panel: 'decision deadline',
          page: observer.page,
          selector: '[data-testid="decision-deadline"]',
          text: label,
        },
        ...playerChecks('vote deadline', '[data-testid="vote-deadline"]', label),
      ],
    );
  });

  it('a new request for information: a badge on the Requests tab and a toast while another tab is open; the team sees it', async () => {
    await players.fimi.page.getByRole('tab', { name: 'Requests' }).click();
    let threadId = '';
    await expectLive(
      'request for information',
      async () => {
        threadId = (
          await fimiApi.ok<{ id: string }>('POST', '/play/threads', {
            subject: 'Who owns the cloned page?',
            text: 'Do we have the registrar contact?',
          })
        ).id;
      },
      [
        {
          audience: 'control room',
          panel: 'Requests tab badge',
          page: control.page,
          selector: '[data-testid="rfi-badge"]',
          text: '1',
        },
        {
          audience: 'control room',
          panel: 'toast',
          page: control.page,
          selector: '[role="status"], [role="alert"]',
          text: 'New request from Counter-FIMI analysis cell',
        },
        ...playerChecks('requests', '[data-thread-id], [role="list"]', 'Who owns the cloned page?', ['fimi']),
      ],
    );
    await screenshot(control.page, 'live-panels-rfi-badge');
    await players.fimi.page.getByRole('listitem').filter({ hasText: 'Who owns the cloned page?' }).click();
    await players.fimi.page.locator(`[data-thread-id="${threadId}"]`).waitFor();
    await expectLive(
      'request answered',
      () =>
        staffApi.ok('POST', `/exercises/${exercise.id}/threads/${threadId}/messages`, {
          text: 'Registrar abuse desk: abuse@registrar.example',
        }),
      [...playerChecks('request thread', '[data-thread-id]', 'abuse@registrar.example', ['fimi'])],
    );
    await until(
      () =>
        shows({
          audience: 'control room',
          panel: 'badge',
          page: control.page,
          selector: '[data-testid="rfi-badge"]',
        }).then((b) => !b),
      10_000,
      'the badge to go once answered',
    );
    // another team never sees it
    expect(
      await shows({
        audience: 'player',
        panel: 'requests',
        page: players.press.page,
        selector: 'body',
        text: 'Who owns the cloned page?',
      }),
    ).toBe(false);
  });

  it('a logged response: status grids, the evaluator queue and the team log', async () => {
    const grid = `[data-testid="status-grid"] [data-team-id="${pressApi.teamId}"][data-inject-id="df-statement-decision"][data-state="responded"]`;
    let responseId = '';
    const queueItem = () => `[data-testid="review-queue"] li[data-response-id="${responseId}"]`;
    // the queue item's id is known only after the call: check the queue for any press-office item
    await expectLive(
      'response logged',
      async () => {
        responseId = (
          await pressApi.ok<{ id: string }>('POST', '/play/responses', {
            injectId: 'df-statement-decision',
            optionIds: ['wording-fix'],
            text: 'Headline rewritten: no repetition of the claim.',
          })
        ).id;
      },
      [
        { audience: 'control room', panel: 'status grid', page: control.page, selector: grid },
        { audience: 'observer', panel: 'status grid', page: observer.page, selector: grid },
        {
          audience: 'evaluator',
          panel: 'review queue',
          page: evaluator.page,
          selector: `[data-testid="review-queue"] li[data-team-id="${pressApi.teamId}"][data-inject-id="df-statement-decision"]`,
        },
        ...playerChecks('team log', '[data-testid="inject-responses"]', 'Headline rewritten', ['press']),
      ],
    );
    expect(await evaluator.page.locator(queueItem()).count()).toBe(1);
  });

  it('the leaderboard switched on: every team console shows its Scores tab at once', async () => {
    await expectLive(
      'leaderboard on',
      () => staffApi.ok('POST', `/exercises/${exercise.id}/score-visibility`, { leaderboard: true }),
      [...playerChecks('Scores tab', '[role="tab"]', 'Scores')],
    );
  });

  it('resume and end: every seat shows the clock state; the hotwash tab of the report follows answers live', async () => {
    await expectLive('clock: resume', () => staffApi.ok('POST', `/exercises/${exercise.id}/resume`), [
      { audience: 'control room', panel: 'clock', page: control.page, selector: '[data-clock-status="running"]' },
      { audience: 'observer', panel: 'clock', page: observer.page, selector: '[data-clock-status="running"]' },
      { audience: 'evaluator', panel: 'clock', page: evaluator.page, selector: '[data-clock-status="running"]' },
      ...playerChecks('clock', '[data-clock-status="running"]'),
    ]);
    await expectLive('clock: end', () => staffApi.ok('POST', `/exercises/${exercise.id}/end`), [
      { audience: 'control room', panel: 'clock', page: control.page, selector: '[data-clock-status="ended"]' },
      { audience: 'observer', panel: 'clock', page: observer.page, selector: '[data-clock-status="ended"]' },
      { audience: 'evaluator', panel: 'clock', page: evaluator.page, selector: '[data-clock-status="ended"]' },
      ...playerChecks('clock', '[data-clock-status="ended"]'),
    ]);
    await control.page.goto(`/review/${exercise.id}`);
    await control.page.getByRole('tab', { name: 'Hotwash' }).click();
    await control.page.getByText('0 players answered the hotwash survey.').waitFor();
    await expectLive(
      'hotwash answer',
      () => fimiApi.ok('POST', '/play/hotwash', { ratings: { realism: 4 }, answers: {} }),
      [
        {
          audience: 'control room',
          panel: 'report: hotwash',
          page: control.page,
          selector: 'body',
          text: '1 player answered the hotwash survey.',
        },
      ],
    );
  });

  it('players received no staff-only event and nothing naming another team', () => {
    const staffOnly = new Set([
      'control:inject-delivered',
      'control:changes',
      'control:thread',
      'exercise:changed',
      'report:changed',
    ]);
    for (const [client, own] of [
      [pressSocket, pressApi.teamId],
      [fimiSocket, fimiApi.teamId],
    ] as const) {
      const names = client.received.map((r) => r.event);
      expect(names.filter((n) => staffOnly.has(n))).toEqual([]);
      expect(names).toContain('decision:changed');
      expect(names).toContain('scores:visibility');
      const others = exercise.teams.map((t) => t.id).filter((id) => id !== own);
      for (const r of client.received)
        for (const other of others)
          expect(JSON.stringify(r.payload), `${r.event} names another team`).not.toContain(other);
    }
    // the request thread is the FIMI cell's alone
    expect(pressSocket.of('thread:changed')).toEqual([]);
    expect(fimiSocket.of('thread:changed').length).toBeGreaterThan(0);
  });

  it('prints the time from an event to every open panel updated', () => {
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? NaN;
    const lines = timings.map(
      (t) => `  ${t.event.padEnd(34)} ${t.audience.padEnd(13)} ${t.panel.padEnd(34)} ${String(t.ms).padStart(5)} ms`,
    );
    console.log(
      `event → panel updated, ${timings.length} (event, panel, audience) cells: median ${median} ms, p90 ${p90} ms, max ${sorted[sorted.length - 1]} ms\n${lines.join('\n')}`,
    );
    expect(timings.length).toBeGreaterThan(30);
  });

  it('ran without page errors', () => {
    for (const [who, p] of [
      ['control', control],
      ['observer', observer],
      ['evaluator', evaluator],
      ...Object.entries(players),
    ] as const)
      expect(unexpectedErrors(p.errors), `${who}: ${p.errors.join(' | ')}`).toEqual([]);
  });
});

describe('the Redis banner', () => {
  let redis: TestRedis;
  let app: RunningProcess;
  let browser: Browser;
  let staff: TrackedPage;
  let player: TrackedPage;

  beforeAll(async () => {
    redis = await TestRedis.start({ persistent: false });
    app = await startBackend(testEnv('e2e-redis-banner', { redisUrl: redis.url }));
    browser = await launchBrowser();
    staff = await openPage(browser, app.url);
    player = await openPage(browser, app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await redis?.down('SIGTERM');
  });

  it('every open page shows that Redis is unreachable, and that it is back', async () => {
    const api = await Api.login(app.url, 'admin');
    const ex = await api.ok<ExerciseDetail>('POST', '/exercises', { packId: 'demo' });
    await joinAsPlayer(player.page, teamByKey(ex, 'soc').joinCode ?? '', 'Min-ji');
    await signIn(staff.page, 'admin');
    await staff.page.goto(`/control/${ex.id}`);
    for (const p of [staff, player]) await p.page.locator('[data-connection="connected"]').waitFor();
    expect(await staff.page.getByTestId('system-status').count()).toBe(0);
    await redis.down('SIGKILL');
    for (const p of [staff, player]) {
      const banner = p.page.locator('[data-testid="system-status"][data-redis="unreachable"]');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain('Redis');
      expect(await banner.getAttribute('role')).toBe('alert');
    }
    await screenshot(staff.page, 'live-panels-redis-down-control');
    await screenshot(player.page, 'live-panels-redis-down-player');
    // a page opened during the outage is told at once
    const late = await openPage(browser, app.url);
    await signIn(late.page, 'admin');
    await late.page.locator('[data-testid="system-status"][data-redis="unreachable"]').waitFor({ timeout: 15_000 });
    await late.context.close();
    await redis.up();
    for (const p of [staff, player])
      await p.page.locator('[data-testid="system-status"][data-redis="ok"]').waitFor({ timeout: 20_000 });
  });
});

/** Status elements cut by their box (text-overflow or a too-narrow badge): a state must read in full. */
const cutBadges = (page: Page) =>
  page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        ':is([data-testid="control-room"], [data-testid="evaluator-console"]) :is(.mantine-Badge-label, [data-testid="inject-status"], [data-testid="action-points"], [data-testid="action-mark"])',
      ),
    )
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? ''),
  );

describe('steering the drill from the control room, and evaluating, as a facilitator sees it', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staffApi: Api;
  let demo: ExerciseDetail;
  let control: TrackedPage;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-steering'));
    staffApi = await Api.login(app.url, 'admin');
    demo = await staffApi.ok<ExerciseDetail>('POST', '/exercises', { packId: 'demo' });
    browser = await launchBrowser();
    control = await openPage(browser, app.url);
    await signIn(control.page, 'admin');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const row = (injectId: string) => control.page.locator(`[data-testid="timeline"] tr[data-inject-id="${injectId}"]`);

  it('Fire now asks first, naming the inject, also while paused; the fired row shows when it really went out', async () => {
    const { page } = control;
    await page.goto(`/control/${demo.id}`);
    await page.getByTestId('control-room').waitFor();
    await page.locator('[data-connection="connected"]').waitFor();
    await staffApi.ok('POST', `/exercises/${demo.id}/start`);
    await staffApi.ok('POST', `/exercises/${demo.id}/pause`);
    await page.locator('[data-clock-status="paused"]').waitFor();
    const subject = 'High: suspicious encryption activity on BOOK-APP-02';
    await page.getByRole('button', { name: `Fire now: ${subject}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Fire this inject now?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(subject);
    expect(await dialog.textContent()).toContain('paused');
    await screenshot(page, 'steering-01-fire-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row('edr-alert').getAttribute('data-status')).toBe('pending');
    await page.getByRole('button', { name: `Fire now: ${subject}` }).click();
    await page.getByRole('dialog', { name: 'Fire this inject now?' }).getByRole('button', { name: 'Fire now' }).click();
    await row('edr-alert').locator('[data-testid="sent-at"]').waitFor();
    // planned T+00:05:00, went out at the paused clock's T+00:00:0x
    expect(await row('edr-alert').locator('td').first().textContent()).toMatch(/^T\+00:05:00sent T\+00:00:0\d$/);
  });

  it('Skip asks first and says it is permanent', async () => {
    const { page } = control;
    const subject = 'SITREP 3: recovery from backups under way';
    await page.getByRole('button', { name: `Skip: ${subject}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Skip this inject?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(subject);
    expect(await dialog.textContent()).toContain('cannot be undone');
    expect(await row('wrap-up').getAttribute('data-status')).toBe('pending');
    await dialog.getByRole('button', { name: 'Skip for good' }).click();
    await expect.poll(() => row('wrap-up').getAttribute('data-status')).toBe('skipped');
  });

  it('a contingency the team made unnecessary reads "not needed", and the feed shows option labels', async () => {
    const soc = await Api.join(app.url, teamByKey(demo, 'soc').joinCode ?? '', 'Min-ji (SOC)');
    await soc.ok('POST', '/play/responses', {
      injectId: 'edr-alert',
      optionIds: ['isolate'],
      text: 'Pulled the cable.',
    });
    await staffApi.ok('POST', `/exercises/${demo.id}/speed`, { speed: 600 });
    await staffApi.ok('POST', `/exercises/${demo.id}/resume`);
    await expect.poll(() => row('soc-reminder').getAttribute('data-state'), { timeout: 20_000 }).toBe('not-needed');
    const status = (await row('soc-reminder').locator('td').nth(4).textContent()) ?? '';
    expect(status).toContain('not needed');
    expect(status).not.toContain('0/1');
    await control.page.getByRole('tab', { name: 'Responses' }).click();
    const feed = control.page.getByTestId('response-feed');
    await expect.poll(() => feed.textContent()).toContain('✓ Isolate BOOK-APP-02 from the network');
    expect(await feed.textContent()).not.toContain('✓ isolate');
    await staffApi.ok('POST', `/exercises/${demo.id}/pause`);
  });

  it('the timeline has a "now" line the view follows, which can be switched off', async () => {
    const { page } = control;
    const kp = await staffApi.ok<ExerciseDetail>('POST', '/exercises', { packId: 'korean-peninsula' });
    await page.goto(`/control/${kp.id}`);
    await page.getByTestId('control-room').waitFor();
    await page.locator('[data-connection="connected"]').waitFor();
    await staffApi.ok('POST', `/exercises/${kp.id}/speed`, { speed: 600 });
    await staffApi.ok('POST', `/exercises/${kp.id}/start`);
    const line = page.getByTestId('now-line');
    await line.waitFor();
    const visibleInPane = () =>
      page.evaluate(() => {
        const pane = document.querySelector('[data-testid="timeline-pane"]')!.getBoundingClientRect();
        const now = document.querySelector('[data-testid="now-line"]')!.getBoundingClientRect();
        return now.top >= pane.top && now.bottom <= pane.bottom;
      });
    const paneScroll = () => page.evaluate(() => document.querySelector('[data-testid="timeline-pane"]')!.scrollTop);
    // at ×600 an hour of exercise time passes in 6 s: the line moves down the 57 injects
    await until(async () => (await paneScroll()) > 200, 20_000, 'the timeline to follow now');
    expect(await visibleInPane()).toBe(true);
    await screenshot(page, 'steering-02-now-line');
    await page.getByRole('switch', { name: 'Follow now' }).click();
    await page.evaluate(() => (document.querySelector('[data-testid="timeline-pane"]')!.scrollTop = 0));
    const label = await line.textContent();
    await until(async () => (await line.textContent()) !== label, 10_000, 'the clock to move');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await paneScroll()).toBe(0);
    await staffApi.ok('POST', `/exercises/${kp.id}/pause`);
    await page.locator('[data-clock-status="paused"]').waitFor();
    // the line sits between what was planned before now and what comes after
    const planned = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="timeline"] tbody tr')).map((tr) =>
        tr.getAttribute('data-testid') === 'now-line'
          ? `now ${tr.textContent}`
          : (tr.querySelector('td')?.textContent ?? '').slice(0, 10),
      ),
    );
    const at = planned.findIndex((p) => p.startsWith('now '));
    const now = /T\+\d\d:\d\d:\d\d/.exec(planned[at] ?? '')?.[0] ?? '';
    expect(now).not.toBe('');
    for (const p of planned.slice(0, at))
      if (p.startsWith('T+')) expect(p <= now, `${p} above the now line at ${now}`).toBe(true);
    for (const p of planned.slice(at + 1))
      if (p.startsWith('T+')) expect(p > now, `${p} below the now line at ${now}`).toBe(true);
  });

  it('no status badge is cut in the control room, observer view and evaluator console at 1440×900 and 390×844', async () => {
    const { page } = control;
    const kpId = page.url().split('/').pop() ?? '';
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (const path of [`/control/${kpId}`, `/observe/${kpId}`, `/control/${demo.id}`]) {
        await page.goto(path);
        await page.getByTestId('control-room').waitFor();
        await page.locator('[data-testid="timeline"] tbody tr').first().waitFor();
        for (const tab of ['Responses', 'Decisions']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.waitForTimeout(300);
          expect(await cutBadges(page), `${path} ${tab} at ${size.width}px`).toEqual([]);
        }
      }
      await page.goto(`/evaluate/${demo.id}`);
      await page.getByTestId('response-review').waitFor();
      expect(await cutBadges(page), `evaluator at ${size.width}px`).toEqual([]);
      await screenshot(page, `steering-03-evaluator-${size.width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('evaluator: after Ctrl+Enter focus leaves the reason, so shortcut keys are never typed into it; the mark shows on its button', async () => {
    const { page } = control;
    await page.goto(`/evaluate/${demo.id}`);
    const review = page.getByTestId('response-review');
    await review.waitFor();
    expect(await review.textContent()).toMatch(/T\+00:00:0\d/);
    const action = review.locator('[data-testid="expected-action"][data-action-id="isolate-host"]');
    const met = action.getByRole('button', { name: /^Met:/ });
    const notMet = action.getByRole('button', { name: /^Not met:/ });
    const reason = action.getByRole('textbox');
    await page.keyboard.press('1');
    await page.keyboard.press('r');
    await page.keyboard.type('Pulled the cable: isolated.');
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => notMet.getAttribute('aria-pressed')).toBe('true');
    expect(await met.getAttribute('aria-pressed')).toBe('false');
    expect(await action.getByTestId('action-mark').textContent()).toBe('Not met');
    // the next keys act as shortcuts, not as text in the reason just sent
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEXTAREA');
    await page.keyboard.press('1');
    await page.keyboard.press('m');
    expect(await reason.inputValue()).toBe('');
    await action.getByText('Say why before marking it').waitFor();
    await page.keyboard.type('Isolated at the switch after all.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => met.getAttribute('aria-pressed')).toBe('true');
    expect(await notMet.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEXTAREA');
    await page.keyboard.type('2r');
    expect(await reason.inputValue()).toBe('');
    await screenshot(page, 'steering-04-evaluator-marked');
  });

  it('evaluator: "respond within" reads in minutes, the ratings show only the chosen team\'s tasks under a findable tab', async () => {
    const { page } = control;
    const review = page.getByTestId('response-review');
    expect(await review.textContent()).toContain('respond within 5 min');
    await page.getByRole('tab', { name: 'Rate objectives (P/S/M/U)' }).click();
    await page.getByTestId('eeg-team').getByText('National CERT', { exact: true }).click();
    const guide = await page.locator('[data-testid="eeg-objective"]').allTextContents();
    expect(guide.join(' ')).not.toContain('Isolate the host and preserve evidence');
    await page.getByTestId('eeg-team').getByText('Port operator SOC', { exact: true }).click();
    await expect
      .poll(async () => (await page.locator('[data-testid="eeg-objective"]').allTextContents()).join(' '))
      .toContain('Isolate the host and preserve evidence');
  });

  it('"Run this pack" on the scenario page creates an exercise and opens its control room with the join codes on top', async () => {
    const { page } = control;
    await page.goto('/author?pack=demo');
    await page.getByTestId('run-pack').click();
    await page.waitForURL(/\/control\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Give each team its join code' }).waitFor();
    expect(await page.locator('[data-join-code]').count()).toBe(3);
    await screenshot(page, 'steering-05-run-pack');
  });

  it('ran without page errors', () => {
    expect(unexpectedErrors(control.errors), control.errors.join(' | ')).toEqual([]);
  });
});
