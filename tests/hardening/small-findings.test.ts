import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

let app: RunningProcess;
let staff: Api;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('small-findings'));
  staff = await Api.login(app.url);
  ex = await createExercise(staff, 'demo');
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

const join = (displayName: string) =>
  new Api(app.url).post('/join', { code: teamByKey(ex, 'soc').joinCode, displayName });

describe('caching of API answers', () => {
  it('marks authenticated API JSON no-store, for players and staff, and keeps the final report revalidating with its ETag', async () => {
    const player = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'cache check');
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await until(async () => (await player.get('/play/injects/phish-email')).status === 200, 20_000, 'phish-email');
    for (const [who, path] of [
      [player, '/play/injects'],
      [player, '/play/injects/phish-email'],
      [player, '/play/session'],
      [staff, '/exercises'],
      [staff, `/exercises/${ex.id}/responses`],
      [staff, `/exercises/${ex.id}/report/export/markdown`],
    ] as const) {
      const r = await who.get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
    }
    const ended = await createExercise(staff, 'demo');
    await staff.ok('POST', `/exercises/${ended.id}/start`);
    await staff.ok('POST', `/exercises/${ended.id}/end`);
    const report = await staff.get(`/exercises/${ended.id}/report`);
    expect(report.headers.get('cache-control')).toBe('private, no-cache');
    const etag = report.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    expect(
      (await staff.request('GET', `/exercises/${ended.id}/report`, undefined, { 'if-none-match': etag })).status,
    ).toBe(304);
  }, 60_000);
});

describe('display names', () => {
  it('refuses zero-width and bidirectional control characters with a 400 that says what is wrong', async () => {
    for (const name of ['adm\u200Bin', 'Team lead\u202Eevil', '\u2066analyst\u2069', 'x\uFEFFy', 'a\u200Fb']) {
      const r = await join(name);
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(r.body), JSON.stringify(name)).toMatch(/invisible characters/);
    }
    const user = await (
      await Api.login(app.url, 'admin')
    ).post('/users', {
      username: 'lookalike',
      displayName: 'Instructor\u200B',
      password: 'lookalike-password-1',
      role: 'observer',
    });
    expect(user.status).toBe(400);
    expect(JSON.stringify(user.body)).toMatch(/invisible characters/);
  });

  it('stores names in one Unicode spelling (NFC), so "é" typed two ways is one name', async () => {
    const r = await join('Ame\u0301lie Durand');
    expect(r.status).toBe(200);
    const session = await new Api(app.url, r.body.token).ok<{ participant: { displayName: string } }>(
      'GET',
      '/play/session',
    );
    expect(session.participant.displayName).toBe('Am\u00E9lie Durand');
    // names in other scripts are fine
    expect((await join('김민준')).status).toBe(200);
    expect((await join('Zoë O’Brien-Łukasz')).status).toBe(200);
  });
});

/**
 * Sends `total` bytes as a chunked body (no Content-Length: the server only learns the size as it
 * arrives), the way a browser or curl streams a file, and resolves with the answer or the socket error.
 */
function chunkedUpload(
  url: string,
  token: string,
  total: number,
): Promise<{ status: number; body: string; sent: number } | { error: string; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
        res.on('error', (e) => resolve({ error: e.message, sent }));
      },
    );
    req.on('error', (e) => resolve({ error: `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`, sent }));
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('uploads over the size limit', () => {
  it('answers a chunked upload over the limit with 413 and a message naming the limit, without resetting the connection', async () => {
    const mib = 1024 * 1024;
    for (const [path, limitMiB] of [
      ['/api/authoring/msel/preview?fileName=huge.csv', 20],
      ['/api/authoring/images?fileName=huge.png', 5],
    ] as const) {
      const r = await chunkedUpload(`${app.url}${path}`, staff.token ?? '', (limitMiB + 2) * mib);
      expect(r, path).not.toHaveProperty('error');
      if ('error' in r) continue;
      expect(r.status, path).toBe(413);
      const body = JSON.parse(r.body) as { code: string; message: string };
      expect(body.code).toBe('upload.too-large');
      expect(body.message).toContain(`the limit is ${limitMiB} MiB`);
    }
    // with a Content-Length over the limit: refused before reading, same answer
    const declared = await fetch(`${app.url}/api/authoring/msel/preview?fileName=huge.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.token ?? ''}`, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(21 * mib),
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { message: string }).message).toMatch(
      /declares 22020096 bytes; the limit is 20 MiB/,
    );
    // a file sent as JSON (the JSON parser already read the body) is answered at once, not left hanging
    const asJson = await fetch(`${app.url}/api/authoring/packs/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.token ?? ''}`, 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    expect(asJson.status).toBe(400);
    expect(((await asJson.json()) as { message: string }).message).toMatch(
      /content-type application\/octet-stream \(this one was sent as application\/json\)/,
    );
    // and the platform goes on serving
    expect((await staff.get('/exercises')).status).toBe(200);
  });
});

describe("a team's total after an evaluator's adjustment", () => {
  it('never exceeds its maximum: the adjustment is kept in the trace and the cut is named; the recomputation agrees', async () => {
    const scored = await createExercise(staff, 'demo');
    const soc = teamByKey(scored, 'soc');
    await staff.ok('POST', `/exercises/${scored.id}/start`);
    const after = await staff.ok<{
      total: number;
      max: number;
      items: { points: number; source: { rule?: string; reason?: string } }[];
    }>('POST', `/exercises/${scored.id}/score-adjustments`, {
      teamId: soc.id,
      injectId: 'phish-email',
      points: 1000,
      reason: 'an outstanding answer',
    });
    expect(after.max).toBeGreaterThan(0);
    expect(after.total).toBeLessThanOrEqual(after.max);
    expect(after.items.some((i) => i.points === 1000 && i.source.reason === 'an outstanding answer')).toBe(true);
    expect(after.items.some((i) => /^held at the maximum of \d+/.test(i.source.rule ?? ''))).toBe(true);
    type Scores = { teamId: string; total: number; max: number }[];
    const live = (await staff.ok<Scores>('GET', `/exercises/${scored.id}/scores`)).find((t) => t.teamId === soc.id);
    const rebuilt = (await staff.ok<Scores>('GET', `/exercises/${scored.id}/scores?recompute=true`)).find(
      (t) => t.teamId === soc.id,
    );
    expect(live).toMatchObject({ total: after.total, max: after.max });
    expect(rebuilt).toMatchObject({ total: after.total, max: after.max });
    // a penalty still counts in full
    const penalised = await staff.ok<{ total: number }>('POST', `/exercises/${scored.id}/score-adjustments`, {
      teamId: soc.id,
      injectId: 'phish-email',
      points: -1000,
      reason: 'leaked the indicators',
    });
    expect(penalised.total).toBe(after.max - 1000);
  }, 60_000);
});
