import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';

/**
 * GET /api/join/preview/:code tells the join page which exercise and team a code leads to before
 * the player commits. It is public, reveals only the exercise title, the team name, whether the
 * exercise has started or ended, and the languages its content can be read in, answers the same 404 for unknown and rotated codes, and
 * shares the join rate limit (Redis): a wrong code previewed counts as a wrong code joined.
 */
let app: RunningProcess;
let staff: Api;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('join-preview'), { extraEnv: { TRUST_PROXY: 'loopback' } });
  staff = await Api.login(app.url);
  ex = await createExercise(staff, 'demo');
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

async function preview(code: string, client = '203.0.113.1'): Promise<Answer> {
  const res = await fetch(`${app.url}/api/join/preview/${encodeURIComponent(code)}`, {
    headers: { 'x-forwarded-for': client },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('join preview', () => {
  it('names the exercise and the team, and nothing else', async () => {
    const soc = teamByKey(ex, 'soc');
    const r = await preview(soc.joinCode ?? '');
    expect(r.status).toBe(200);
    // (plus the languages the scenario can be read in, with the title and team name in each)
    expect(Object.keys(r.body).sort()).toEqual([
      'ended',
      'exerciseTitle',
      'languages',
      'started',
      'teamName',
      'translated',
    ]);
    for (const names of Object.values(r.body.translated as Record<string, object>))
      expect(Object.keys(names).sort()).toEqual(['exerciseTitle', 'teamName']);
    expect(r.body).toMatchObject({ teamName: soc.name, started: false, ended: false });
    expect(typeof r.body.exerciseTitle).toBe('string');
    expect(String(r.body.exerciseTitle).length).toBeGreaterThan(0);
    // nothing that identifies the exercise, the team or anyone in it
    const text = JSON.stringify(r.body);
    for (const secret of [ex.id, soc.id, soc.joinCode ?? '']) expect(text).not.toContain(secret);
  });

  it('reads a code as a player types it (any case, without the dash)', async () => {
    const code = teamByKey(ex, 'cert').joinCode ?? '';
    const r = await preview(code.replace('-', '').toLowerCase());
    expect(r.status).toBe(200);
    expect(r.body.teamName).toBe(teamByKey(ex, 'cert').name);
  });

  it('answers 400 naming the code when it cannot be one', async () => {
    const r = await preview('AB');
    expect(r.status).toBe(400);
    expect(String(r.body.message)).toMatch(/code/);
  });

  it('answers the same 404 for an unknown code and for a rotated one', async () => {
    const unknown = await preview('ZZZZ-ZZZZ', '203.0.113.2');
    expect(unknown.status).toBe(404);
    const team = teamByKey(ex, 'comms');
    const old = team.joinCode ?? '';
    expect((await preview(old, '203.0.113.2')).status).toBe(200);
    const rotated = await staff.ok<{ joinCode: string }>('POST', `/exercises/${ex.id}/teams/${team.id}/rotate-code`);
    const stale = await preview(old, '203.0.113.2');
    expect(stale.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, correlationId: undefined });
    expect(strip(stale.body)).toEqual(strip(unknown.body));
    expect((await preview(rotated.joinCode, '203.0.113.2')).body.teamName).toBe(team.name);
  });

  it('says when the exercise has started and when it has ended', async () => {
    const other = await createExercise(staff, 'demo');
    const code = teamByKey(other, 'soc').joinCode ?? '';
    await staff.ok('POST', `/exercises/${other.id}/start`);
    expect((await preview(code)).body).toMatchObject({ started: true, ended: false });
    await staff.ok('POST', `/exercises/${other.id}/end`);
    expect((await preview(code)).body).toMatchObject({ started: true, ended: true });
  });

  it(
    'shares the join limit: 30 wrong codes previewed, then 429 for previews and joins from that address',
    { timeout: 120_000 },
    async () => {
      const client = '203.0.113.50';
      for (let i = 0; i < 30; i++)
        expect(
          (
            await preview(
              `QQQQ-${String(i)
                .padStart(4, 'Q')
                .replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)] ?? 'A')}`,
              client,
            )
          ).status,
          `guess ${i}`,
        ).toBe(404);
      const limited = await preview('QQQQ-WWWW', client);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('join.rate-limited');
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
      // even a right code is refused from there now, previewed or joined
      const code = teamByKey(ex, 'soc').joinCode ?? '';
      expect((await preview(code, client)).status).toBe(429);
      const join = await fetch(`${app.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ code, displayName: 'late' }),
      });
      expect(join.status).toBe(429);
      // another address previews as usual, and right codes never count
      for (let i = 0; i < 40; i++) expect((await preview(code, '203.0.113.51')).status).toBe(200);
    },
  );
});
