import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

/**
 * Once an exercise has ended, every player write is refused with 409 and changes nothing: no vote
 * closes a decision, no branch inject is released into the ended exercise, the final report stays
 * as it was. The hotwash survey is the one exception: it is meant to be answered after ENDEX.
 */
let app: RunningProcess;
let staff: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('after-end'));
  staff = await Api.login(app.url);
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

type Player = Awaited<ReturnType<typeof Api.join>>;

/** A running demo drill with one player per team, the consensus decision open. */
async function drillWithOpenDecision(): Promise<{ ex: ExerciseDetail; players: Player[] }> {
  const ex = await createExercise(staff, 'demo');
  const players = await Promise.all(
    ['soc', 'cert', 'comms'].map((k) => Api.join(app.url, teamByKey(ex, k).joinCode ?? '', `player ${k}`)),
  );
  await staff.ok('POST', `/exercises/${ex.id}/start`);
  await staff.ok('POST', `/exercises/${ex.id}/injects/ransom-note/fire`);
  for (const p of players)
    await until(async () => (await p.get('/play/injects/ransom-note')).status === 200, 20_000, 'ransom-note delivered');
  await until(
    async () =>
      (await staff.ok<{ status: string }[]>('GET', `/exercises/${ex.id}/decisions`)).some((d) => d.status === 'open'),
    20_000,
    'the statement decision opened',
  );
  return { ex, players };
}

const eventsAfterEnd = async (exerciseId: string) => {
  const events = await staff.ok<{ type: string }[]>('GET', `/exercises/${exerciseId}/events`);
  const end = events.findIndex((e) => e.type === 'exercise.ended');
  expect(end).toBeGreaterThanOrEqual(0);
  return events.slice(end + 1).map((e) => e.type);
};

describe('player writes after the end', () => {
  it('are refused with 409 and change nothing: votes, responses, edits, acknowledgements, requests for information', async () => {
    const { ex, players } = await drillWithOpenDecision();
    const [soc, cert, comms] = players as [Player, Player, Player];
    const response = await soc.ok<{ id: string }>('POST', '/play/responses', {
      injectId: 'ransom-note',
      text: 'Do not pay.',
      optionIds: ['no-pay'],
    });
    const thread = await soc.ok<{ id: string }>('POST', '/play/threads', {
      subject: 'Backups',
      text: 'Are the backups clean?',
    });
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    const before = await staff.request('GET', `/exercises/${ex.id}/report`);
    expect(before.body.state).toBe('final');
    const etag = before.headers.get('etag');
    expect(etag).toBeTruthy();

    const attempts: [string, () => Promise<{ status: number; body: { code?: string } }>][] = [
      ...players.map(
        (p, i) =>
          [`vote ${i}`, () => p.post('/play/votes', { decisionId: 'statement', choice: 'issue' })] as [
            string,
            () => Promise<{ status: number; body: { code?: string } }>,
          ],
      ),
      ['response', () => cert.post('/play/responses', { injectId: 'ransom-note', text: 'late', optionIds: ['pay'] })],
      [
        'response with a vote',
        () =>
          comms.post('/play/responses', {
            injectId: 'ransom-note',
            text: 'late',
            optionIds: [],
            vote: { decisionId: 'statement', choice: 'issue' },
          }),
      ],
      [
        'edit',
        () =>
          soc.request('PUT', `/play/responses/${response.id}`, { text: 'changed after the end', optionIds: ['pay'] }),
      ],
      ['acknowledgement', () => cert.post('/play/injects/ransom-note/ack')],
      ['new request for information', () => cert.post('/play/threads', { subject: 'late', text: 'late question' })],
      ['message in a thread', () => soc.post(`/play/threads/${thread.id}/messages`, { text: 'late message' })],
    ];
    for (const [what, attempt] of attempts) {
      const r = await attempt();
      expect(r.status, what).toBe(409);
      expect(r.body.code, what).toBe('exercise.ended');
    }
    // a facilitator cannot settle the decision into a branch either
    const [decision] = await staff.ok<{ id: string; status: string }[]>('GET', `/exercises/${ex.id}/decisions`);
    expect((await staff.post(`/exercises/${ex.id}/decisions/${decision?.id}/force`, { outcome: 'issue' })).status).toBe(
      409,
    );

    expect(
      (await staff.ok<{ status: string; votes: unknown[] }[]>('GET', `/exercises/${ex.id}/decisions`)).map((d) => [
        d.status,
        d.votes.length,
      ]),
    ).toEqual([['open', 0]]);
    expect(await eventsAfterEnd(ex.id)).toEqual([]);
    for (const p of players) expect((await p.get('/play/injects/statement-out')).status).toBe(404);
    expect((await soc.ok<{ text: string }[]>('GET', '/play/responses')).map((r) => r.text)).toEqual(['Do not pay.']);
    const after = await staff.request('GET', `/exercises/${ex.id}/report`, undefined, { 'if-none-match': etag ?? '' });
    expect(after.status, 'the final report did not change').toBe(304);
  }, 90_000);

  it('keeps the hotwash survey open: it is meant to be answered after the end', async () => {
    const { ex, players } = await drillWithOpenDecision();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    const r = await players[0]?.post('/play/hotwash', { ratings: { overall: 4 } });
    expect(r?.status).toBe(200);
  }, 90_000);

  it('never lets a vote racing the end land after it: each vote is either logged before the end or refused', async () => {
    for (let round = 0; round < 4; round++) {
      const { ex, players } = await drillWithOpenDecision();
      const [ended, ...votes] = await Promise.all([
        staff.post(`/exercises/${ex.id}/end`),
        ...players.map((p) => p.post('/play/votes', { decisionId: 'statement', choice: 'issue' })),
      ]);
      expect(ended?.status).toBe(200);
      const accepted = votes.filter((v) => v.status === 200).length;
      for (const v of votes) expect([200, 409]).toContain(v.status);
      const events = await staff.ok<{ type: string }[]>('GET', `/exercises/${ex.id}/events`);
      const end = events.findIndex((e) => e.type === 'exercise.ended');
      expect(
        events.slice(end + 1).map((e) => e.type),
        `round ${round}`,
      ).toEqual([]);
      expect(events.filter((e) => e.type === 'decision.vote').length).toBe(accepted);
    }
  }, 180_000);

  it('never lets a response racing the end land after it: each is either logged before the end or refused', async () => {
    for (let round = 0; round < 3; round++) {
      const { ex, players } = await drillWithOpenDecision();
      const burst = () =>
        players.flatMap((p) =>
          Array.from({ length: 8 }, (_, k) =>
            p.post('/play/responses', { injectId: 'ransom-note', text: `Round ${round}, note ${k}.` }),
          ),
        );
      const before = burst();
      const ended = staff.post(`/exercises/${ex.id}/end`);
      const responses = await Promise.all([...before, ...burst()]);
      expect((await ended).status).toBe(200);
      for (const r of responses) expect([201, 409]).toContain(r.status);
      const events = await staff.ok<{ type: string }[]>('GET', `/exercises/${ex.id}/events`);
      const end = events.findIndex((e) => e.type === 'exercise.ended');
      expect(
        events.slice(end + 1).map((e) => e.type),
        `round ${round}`,
      ).toEqual([]);
      expect(events.filter((e) => e.type === 'response.logged').length).toBe(
        responses.filter((r) => r.status === 201).length,
      );
    }
  }, 180_000);
});

describe('decisions a team does not take part in', () => {
  it('answer a vote exactly like a decision that does not exist (status, code and message)', async () => {
    // the demo pack with its consensus decision put to the CERT and the SOC only
    const yaml = readFileSync(join(REPO_ROOT, 'injects/demo/pack.yaml'), 'utf8')
      .replace(/^id: demo$/m, 'id: demo-split')
      .replace(/(- id: ransom-note\n\s+offset: "T\+00:25"\n\s+)to: all/, '$1to: [cert, soc]');
    expect(yaml).toContain('to: [cert, soc]');
    await staff.ok('POST', '/authoring/packs', { yaml });
    const ex = await createExercise(staff, 'demo-split');
    const outsider = await Api.join(app.url, teamByKey(ex, 'comms').joinCode ?? '', 'outsider');
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await staff.ok('POST', `/exercises/${ex.id}/injects/ransom-note/fire`);
    await until(
      async () => (await staff.ok<unknown[]>('GET', `/exercises/${ex.id}/decisions`)).length > 0,
      20_000,
      'the statement decision opened',
    );
    const unknown = await outsider.post('/play/votes', { decisionId: 'zz-unknown', choice: 'zzz' });
    const notMine = await outsider.post('/play/votes', { decisionId: 'statement', choice: 'zzz' });
    expect(unknown.status).toBe(404);
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe(unknown.body.code);
    expect(notMine.body.message).toBe(unknown.body.message.replace('zz-unknown', 'statement'));
    expect(JSON.stringify(notMine.body)).not.toMatch(/issue|wait|abstain|block/);
    // with a valid choice too (a vote carried by a response goes the same way)
    const valid = await outsider.post('/play/votes', { decisionId: 'statement', choice: 'issue' });
    expect([valid.status, valid.body.code]).toEqual([404, unknown.body.code]);
  }, 90_000);
});
