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

const join = (displayName: string) => new Api(app.url).post('/join', { code: teamByKey(ex, 'soc').joinCode, displayName });

describe('caching of API answers', () => {
  it('marks authenticated API JSON no-store, for players and staff, and keeps the final report revalidating with its ETag', async () => {
    const player = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'cache check');
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await until(async () => (await player.get('/play/injects/phish-email')).status === 200, 20_000, 'phish-email');
    for (const [who, path] of [[player, '/play/injects'], [player, '/play/injects/phish-email'], [player, '/play/session'], [staff, '/exercises'], [staff, `/exercises/${ex.id}/responses`], [staff, `/exercises/${ex.id}/report/export/markdown`]] as const) {
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
    expect((await staff.request('GET', `/exercises/${ended.id}/report`, undefined, { 'if-none-match': etag })).status).toBe(304);
  }, 60_000);
});

describe('display names', () => {
  it('refuses zero-width and bidirectional control characters with a 400 that says what is wrong', async () => {
    for (const name of ['adm\u200Bin', 'Team lead\u202Eevil', '\u2066analyst\u2069', 'x\uFEFFy', 'a\u200Fb']) {
      const r = await join(name);
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(r.body), JSON.stringify(name)).toMatch(/invisible characters/);
    }
    const user = await (await Api.login(app.url, 'admin')).post('/users', { username: 'lookalike', displayName: 'Instructor\u200B', password: 'lookalike-password-1', role: 'observer' });
    expect(user.status).toBe(400);
    expect(JSON.stringify(user.body)).toMatch(/invisible characters/);
  });

  it('stores names in one Unicode spelling (NFC), so "é" typed two ways is one name', async () => {
    const r = await join('Ame\u0301lie Durand');
    expect(r.status).toBe(200);
    const session = await new Api(app.url, r.body.token).ok<{ participant: { displayName: string } }>('GET', '/play/session');
    expect(session.participant.displayName).toBe('Am\u00E9lie Durand');
    // names in other scripts are fine
    expect((await join('김민준')).status).toBe(200);
    expect((await join('Zoë O’Brien-Łukasz')).status).toBe(200);
  });
});
