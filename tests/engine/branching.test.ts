import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

const PACKS = join(REPO_ROOT, 'tests', 'fixtures', 'engine-packs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Decision {
  id: string;
  decisionId: string;
  status: string;
  outcome: string | null;
  votes: { teamId: string; choice: string }[];
}

interface Drill {
  ex: ExerciseDetail;
  staff: Api;
  players: Record<'a' | 'b' | 'c', Api & { teamId: string }>;
}

/** The branching pack at ×60 (one scenario minute per second), a player in each team. */
async function startDrill(app: RunningProcess): Promise<Drill> {
  const staff = await Api.login(app.url);
  const ex = await createExercise(staff, 'branching', 60);
  const players = {} as Drill['players'];
  for (const k of ['a', 'b', 'c'] as const)
    players[k] = await Api.join(app.url, teamByKey(ex, k).joinCode ?? '', `player ${k}`);
  await staff.ok('POST', `/exercises/${ex.id}/start`);
  // T+00:01: the three decisions, the alert and the offer arrive
  await until(
    async () => (await players.c.ok<unknown[]>('GET', '/play/injects')).length >= 5,
    20_000,
    'the T+00:01 injects',
  );
  return { ex, staff, players };
}

/** Which team keys received an inject (from the deliveries the control room sees). */
async function receivers(d: Drill, injectId: string): Promise<string[]> {
  const deliveries = await d.staff.ok<{ injectId: string; teamId: string }[]>(
    'GET',
    `/exercises/${d.ex.id}/deliveries`,
  );
  const key = new Map(d.ex.teams.map((t) => [t.id, t.key]));
  return deliveries
    .filter((x) => x.injectId === injectId)
    .map((x) => key.get(x.teamId) ?? '?')
    .sort();
}

const decision = async (d: Drill, id: string) =>
  (await d.staff.ok<Decision[]>('GET', `/exercises/${d.ex.id}/decisions`)).find((x) => x.decisionId === id);

async function playTheDrill(d: Drill): Promise<void> {
  const { a, b, c } = d.players;
  // d-pass: all three agree → consensus "yes"
  for (const p of [a, b, c]) await p.ok('POST', '/play/votes', { decisionId: 'd-pass', choice: 'yes' });
  // d-veto: two agree, one blocks
  await a.ok('POST', '/play/votes', { decisionId: 'd-veto', choice: 'yes' });
  await b.ok('POST', '/play/votes', {
    decisionId: 'd-veto',
    choice: 'block',
    reason: 'The text is not ours to agree yet.',
  });
  // d-timeout: one vote only, so it runs out of time
  await c.ok('POST', '/play/votes', { decisionId: 'd-timeout', choice: 'no' });
  // team A contains the incident; B and C do not
  await a.ok('POST', '/play/responses', {
    injectId: 'alert',
    text: 'Server isolated at the switch.',
    optionIds: ['contain'],
  });
  await b.ok('POST', '/play/responses', { injectId: 'alert', text: 'Watching it.', optionIds: ['wait'] });
  // only team B accepts the offer
  await b.ok('POST', '/play/responses', { injectId: 'offer', text: 'Yes please.', optionIds: ['accept'] });
  await c.ok('POST', '/play/responses', { injectId: 'offer', text: 'No thanks.', optionIds: ['decline'] });
}

async function checkOutcomes(d: Drill): Promise<void> {
  await until(
    async () => (await receivers(d, 'reminder')).length > 0 && (await receivers(d, 'timeout-branch')).length > 0,
    30_000,
    'the contingency and the timeout branch',
  );
  await sleep(500);
  const pass = await decision(d, 'd-pass');
  expect(pass).toMatchObject({ status: 'closed', outcome: 'yes' });
  expect(await receivers(d, 'pass-yes')).toEqual(['a', 'b', 'c']);
  expect(await receivers(d, 'pass-blocked')).toEqual([]);

  expect(await decision(d, 'd-veto')).toMatchObject({ status: 'closed', outcome: 'blocked' });
  expect(await receivers(d, 'veto-blocked')).toEqual(['a', 'b', 'c']);
  expect(await receivers(d, 'veto-yes')).toEqual([]);

  expect(await decision(d, 'd-timeout')).toMatchObject({ status: 'closed', outcome: 'timed-out' });
  expect(await receivers(d, 'timeout-branch')).toEqual(['a']);

  // the contingency reaches only the teams that had not contained the incident
  expect(await receivers(d, 'reminder')).toEqual(['b', 'c']);
  // the branch on a response option reaches only the team that chose it
  expect(await receivers(d, 'accepted')).toEqual(['b']);
  expect((await d.players.c.get('/play/injects/accepted')).status).toBe(404);

  // exactly once: one delivery per inject and team, one decision.closed per decision
  const deliveries = await d.staff.ok<{ injectId: string; teamId: string }[]>(
    'GET',
    `/exercises/${d.ex.id}/deliveries`,
  );
  const keys = deliveries.map((x) => `${x.injectId}/${x.teamId}`);
  expect(new Set(keys).size).toBe(keys.length);
  const log = await d.staff.ok<{ type: string; payload: { decisionId?: string } }[]>(
    'GET',
    `/exercises/${d.ex.id}/events`,
  );
  const closed = log
    .filter((e) => e.type === 'decision.closed')
    .map((e) => e.payload.decisionId)
    .sort();
  expect(closed).toEqual(['d-pass', 'd-timeout', 'd-veto']);

  // players see their own vote and the outcome, never the other teams' votes
  const mine = await d.players.b.ok<
    { decisionId: string; outcome: string; myVote: { choice: string } | null; votes?: unknown }[]
  >('GET', '/play/decisions');
  const veto = mine.find((x) => x.decisionId === 'd-veto');
  expect(veto).toMatchObject({ outcome: 'blocked', myVote: { choice: 'block' } });
  expect(JSON.stringify(mine)).not.toContain(d.players.a.teamId);

  // scores: the live totals equal a full recomputation from the event log
  const live = await d.staff.ok<{ teamId: string; total: number; max: number }[]>(
    'GET',
    `/exercises/${d.ex.id}/scores`,
  );
  const recomputed = await d.staff.ok<{ teamId: string; total: number; max: number }[]>(
    'GET',
    `/exercises/${d.ex.id}/scores?recompute=true`,
  );
  expect(live.map(({ teamId, total, max }) => ({ teamId, total, max }))).toEqual(
    recomputed.map(({ teamId, total, max }) => ({ teamId, total, max })),
  );
  const teamA = live.find((t) => t.teamId === d.players.a.teamId);
  const teamB = live.find((t) => t.teamId === d.players.b.teamId);
  expect(teamA?.total).toBeGreaterThan(teamB?.total ?? Infinity);
}

describe('decisions, branches and contingencies on the exercise clock', () => {
  it('consensus passes, a veto blocks, silence times out; contingency and option branches reach the right teams', async () => {
    const app = await startBackend(testEnv('branching', { injectsDir: PACKS }));
    try {
      const d = await startDrill(app);
      await playTheDrill(d);
      await checkOutcomes(d);
    } finally {
      await app.stop();
    }
  });

  it('does the same across a kill -9 and restart in the middle, exactly once', async () => {
    const env = testEnv('branching-restart', { injectsDir: PACKS });
    const first = await startBackend(env);
    let second: RunningProcess | undefined;
    try {
      const d = await startDrill(first);
      await playTheDrill(d);
      // down while the timeout, its branch and the contingency fall due (T+00:05 to T+00:10)
      await first.kill();
      await sleep(5000);
      second = await startBackend(env);
      for (const api of [d.staff, ...Object.values(d.players)]) api.baseUrl = second.url;
      await checkOutcomes(d);
    } finally {
      await first.stop().catch(() => undefined);
      await second?.stop();
    }
  });

  it('lets a facilitator extend a deadline and force an outcome, logged', async () => {
    const app = await startBackend(testEnv('branching-force', { injectsDir: PACKS }));
    try {
      const d = await startDrill(app);
      const open = await decision(d, 'd-timeout');
      expect(open?.status).toBe('open');
      const extended = await d.staff.ok<Decision & { deadlineScenarioMs: number }>(
        'POST',
        `/exercises/${d.ex.id}/decisions/${open?.id}/extend`,
        { deadlineScenarioMs: 20 * 60_000 },
      );
      expect(extended.deadlineScenarioMs).toBe(20 * 60_000);
      // the original deadline (T+00:05) passes without closing it
      await sleep(5500);
      expect((await decision(d, 'd-timeout'))?.status).toBe('open');
      expect(
        (await d.staff.post(`/exercises/${d.ex.id}/decisions/${open?.id}/force`, { outcome: 'maybe' })).status,
      ).toBe(400);
      await d.staff.ok('POST', `/exercises/${d.ex.id}/decisions/${open?.id}/force`, { outcome: 'yes' });
      expect(await decision(d, 'd-timeout')).toMatchObject({ status: 'closed', outcome: 'yes' });
      expect((await d.players.a.post('/play/votes', { decisionId: 'd-timeout', choice: 'no' })).status).toBe(409);
      const log = await d.staff.ok<{ type: string; actor: string; payload: { forced?: boolean } }[]>(
        'GET',
        `/exercises/${d.ex.id}/events`,
      );
      expect(log.some((e) => e.type === 'decision.extended' && e.actor.startsWith('user:'))).toBe(true);
      expect(
        log.some((e) => e.type === 'decision.closed' && e.payload.forced === true && e.actor.startsWith('user:')),
      ).toBe(true);
    } finally {
      await app.stop();
    }
  });
});
