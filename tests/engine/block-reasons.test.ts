import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, pdfText } from '../reports/pdf-text.js';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

/**
 * A consensus block carries the reason its team states (the Ally that breaks silence says why):
 * required with a block, refused on any other vote, at most 500 characters; through both vote
 * paths (POST /play/votes and a response carrying a vote). Staff read it in the decision views,
 * the event log and every form of the after-action report; the voting team reads its own; players
 * of other teams never see it. Observer anonymity hides names, not the reason.
 */
const PACKS = join(REPO_ROOT, 'tests', 'fixtures', 'engine-packs');
const REASON_B = 'Our legal adviser cannot clear text that commits forces outside the treaty area (B-REASON-7731).';
const REASON_C = 'Team C blocks: the evidence annex is not releasable yet (C-REASON-4410).';

interface Vote {
  teamId: string;
  choice: string;
  reason: string | null;
  participantName: string;
}
interface StaffDecision {
  id: string;
  decisionId: string;
  status: string;
  outcome: string | null;
  votes: Vote[];
}
interface MyDecision {
  decisionId: string;
  outcome: string | null;
  myVote: Vote | null;
}

let app: RunningProcess;
let staff: Api;
let observer: Api;
let ex: ExerciseDetail;
let a: Api & { teamId: string };
let b: Api & { teamId: string };
let c: Api & { teamId: string };

beforeAll(async () => {
  app = await startBackend(testEnv('block-reasons', { injectsDir: PACKS }));
  staff = await Api.login(app.url);
  await (
    await Api.login(app.url, 'admin')
  ).ok('POST', '/users', {
    username: 'observer-r',
    displayName: 'Observer',
    password: 'observer-password-r',
    role: 'observer',
  });
  observer = await Api.login(app.url, 'observer-r', 'observer-password-r');
  // ×10: the decisions open at T+00:01 (6 s) and stay open 4–6 scenario minutes (24–36 s)
  ex = await createExercise(staff, 'branching', 10);
  a = await Api.join(app.url, teamByKey(ex, 'a').joinCode ?? '', 'Alma Alpha');
  b = await Api.join(app.url, teamByKey(ex, 'b').joinCode ?? '', 'Bo Bravo');
  c = await Api.join(app.url, teamByKey(ex, 'c').joinCode ?? '', 'Cy Charlie');
  await staff.ok('POST', `/exercises/${ex.id}/start`);
  await until(
    async () => (await c.ok<{ decisionId: string }[]>('GET', '/play/decisions')).length >= 3,
    30_000,
    'the three decisions',
  );
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

const staffDecision = async (id: string) =>
  (await staff.ok<StaffDecision[]>('GET', `/exercises/${ex.id}/decisions`)).find((d) => d.decisionId === id)!;

describe('a block states its reason', () => {
  it('refuses a block without a reason, a reason over 500 characters and a reason on any other vote — naming the field, on both vote paths', async () => {
    const missing = await b.post('/play/votes', { decisionId: 'd-veto', choice: 'block' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('reason: a block must state its reason');
    const blank = await b.post('/play/votes', { decisionId: 'd-veto', choice: 'block', reason: '   ' });
    expect(blank.status).toBe(400);
    const long = await b.post('/play/votes', { decisionId: 'd-veto', choice: 'block', reason: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('reason: at most 500 characters');
    const onYes = await a.post('/play/votes', { decisionId: 'd-veto', choice: 'yes', reason: 'because' });
    expect(onYes.status).toBe(400);
    expect(JSON.stringify(onYes.body)).toContain('reason: only a block carries a reason');

    // the same rules when the vote rides on a response; nothing of the response is written
    const viaResponse = await b.post('/play/responses', {
      injectId: 'ask-veto',
      text: 'We object.',
      vote: { decisionId: 'd-veto', choice: 'block' },
    });
    expect(viaResponse.status).toBe(400);
    expect(JSON.stringify(viaResponse.body)).toContain('vote.reason: a block must state its reason');
    const abstainReason = await c.post('/play/responses', {
      injectId: 'ask-veto',
      text: '',
      vote: { decisionId: 'd-veto', choice: 'abstain', reason: 'no view' },
    });
    expect(abstainReason.status).toBe(400);
    expect(JSON.stringify(abstainReason.body)).toContain('vote.reason: only a block carries a reason');
    expect(await b.ok<unknown[]>('GET', '/play/responses')).toEqual([]);

    // nothing was recorded by the refused votes
    expect((await staffDecision('d-veto')).votes).toEqual([]);
    expect(
      (await staff.ok<{ type: string }[]>('GET', `/exercises/${ex.id}/events`)).filter(
        (e) => e.type === 'decision.vote',
      ),
    ).toEqual([]);
  });

  it('stores the reason with the vote (POST /play/votes and a response carrying a vote), in the event and in the staff views', async () => {
    // d-pass: team C's block rides on a response (checked before team B's, which closes d-veto)
    await a.ok('POST', '/play/votes', { decisionId: 'd-pass', choice: 'yes' });
    await c.ok('POST', '/play/responses', {
      injectId: 'ask-pass',
      text: 'We cannot agree yet.',
      vote: { decisionId: 'd-pass', choice: 'block', reason: `  ${REASON_C}  ` },
    });
    await a.ok('POST', '/play/votes', { decisionId: 'd-veto', choice: 'yes' });
    await b.ok('POST', '/play/votes', { decisionId: 'd-veto', choice: 'block', reason: REASON_B });

    const veto = await staffDecision('d-veto');
    expect(veto).toMatchObject({ status: 'closed', outcome: 'blocked' });
    expect(veto.votes.find((v) => v.teamId === b.teamId)).toMatchObject({
      choice: 'block',
      reason: REASON_B,
      participantName: 'Bo Bravo',
    });
    expect(veto.votes.find((v) => v.teamId === a.teamId)).toMatchObject({ choice: 'yes', reason: null });
    const pass = await staffDecision('d-pass');
    expect(pass).toMatchObject({ status: 'closed', outcome: 'blocked' });
    // trimmed as stored
    expect(pass.votes.find((v) => v.teamId === c.teamId)).toMatchObject({ choice: 'block', reason: REASON_C });

    const events = await staff.ok<{ type: string; payload: Record<string, unknown> }[]>(
      'GET',
      `/exercises/${ex.id}/events`,
    );
    const votes = events.filter((e) => e.type === 'decision.vote').map((e) => e.payload);
    expect(votes.find((p) => p.teamId === b.teamId && p.decisionId === 'd-veto')).toMatchObject({
      choice: 'block',
      reason: REASON_B,
    });
    expect(votes.find((p) => p.teamId === c.teamId && p.decisionId === 'd-pass')).toMatchObject({
      choice: 'block',
      reason: REASON_C,
    });
    expect(votes.find((p) => p.teamId === a.teamId && p.decisionId === 'd-veto')).not.toHaveProperty('reason');
  });

  it('shows the voting team its own reason and never another team’s', async () => {
    const mineB = await b.ok<MyDecision[]>('GET', '/play/decisions');
    expect(mineB.find((d) => d.decisionId === 'd-veto')?.myVote).toMatchObject({ choice: 'block', reason: REASON_B });
    const mineC = await c.ok<MyDecision[]>('GET', '/play/decisions');
    expect(mineC.find((d) => d.decisionId === 'd-pass')?.myVote).toMatchObject({ choice: 'block', reason: REASON_C });
    // team A voted on both decisions that were blocked: it learns the outcome, not who blocked or why
    for (const [who, others] of [
      [a, [REASON_B, REASON_C]],
      [b, [REASON_C]],
      [c, [REASON_B]],
    ] as const) {
      const seen = [
        JSON.stringify(await who.ok('GET', '/play/decisions')),
        JSON.stringify(await who.ok('GET', '/play/responses')),
        JSON.stringify(await who.ok('GET', '/play/injects')),
        JSON.stringify(await who.ok('GET', '/play/session')),
      ].join('\n');
      for (const r of others) expect(seen).not.toContain(r.slice(-16));
    }
  });

  it('hides the voter’s name from observers when names are hidden, not the reason', async () => {
    await staff.ok('POST', `/exercises/${ex.id}/settings`, { observerAnonymous: true });
    const seen = (await observer.ok<StaffDecision[]>('GET', `/exercises/${ex.id}/decisions`)).find(
      (d) => d.decisionId === 'd-veto',
    )!;
    const vote = seen.votes.find((v) => v.teamId === b.teamId);
    expect(vote).toMatchObject({ choice: 'block', reason: REASON_B });
    expect(vote?.participantName).not.toBe('Bo Bravo');
    expect(JSON.stringify(seen)).not.toContain('Bo Bravo');
    await staff.ok('POST', `/exercises/${ex.id}/settings`, { observerAnonymous: false });
  });

  it('records the reason in the after-action report’s decision log (JSON, Markdown, PDF) and in the blocking team’s own report only', async () => {
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    const report = await staff.ok<{
      decisions: { decisionId: string; votes: { teamId: string; choice: string; reason?: string }[] }[];
    }>('GET', `/exercises/${ex.id}/report`);
    expect(
      report.decisions.find((d) => d.decisionId === 'd-veto')?.votes.find((v) => v.teamId === b.teamId),
    ).toMatchObject({ choice: 'block', reason: REASON_B });
    expect(
      report.decisions.find((d) => d.decisionId === 'd-pass')?.votes.find((v) => v.teamId === c.teamId),
    ).toMatchObject({ choice: 'block', reason: REASON_C });

    const md = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/markdown`);
    expect(md.status).toBe(200);
    const log = md.text.slice(md.text.indexOf('## Decision log'));
    expect(log).toContain('| Reason stated |');
    expect(log).toContain(REASON_B);
    expect(log).toContain(REASON_C);

    const pdf = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/pdf`);
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(pdf.bytes);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('Reasonstated');
    expect(flat).toContain('B-REASON-7731');
    expect(flat).toContain('C-REASON-4410');

    // each team's own report: its own reason, never another team's
    const own = JSON.stringify(await b.ok('GET', '/play/report'));
    expect(own).toContain('B-REASON-7731');
    expect(own).not.toContain('C-REASON-4410');
    const teamA = JSON.stringify(await a.ok('GET', '/play/report'));
    expect(teamA).not.toContain('B-REASON-7731');
    expect(teamA).not.toContain('C-REASON-4410');
  });
});
