import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

describe('access control, transitions and bad input', () => {
  let app: RunningProcess;
  let admin: Api;
  let instructor: Api;
  let observer: Api;
  let evaluator: Api;
  let ex: ExerciseDetail;

  beforeAll(async () => {
    app = await startBackend(testEnv('access'));
    admin = await Api.login(app.url, 'admin');
    instructor = await Api.login(app.url);
    for (const role of ['observer', 'evaluator'] as const) {
      await admin.ok('POST', '/users', {
        username: `${role}1`,
        displayName: role,
        password: 'long-enough-password',
        role,
      });
    }
    observer = await Api.login(app.url, 'observer1', 'long-enough-password');
    evaluator = await Api.login(app.url, 'evaluator1', 'long-enough-password');
    ex = await createExercise(instructor, 'demo', 600);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses unauthenticated requests with 401', async () => {
    const anon = new Api(app.url);
    for (const [method, path] of [
      ['GET', '/exercises'],
      ['POST', '/exercises'],
      ['GET', `/exercises/${ex.id}/timeline`],
      ['POST', `/exercises/${ex.id}/start`],
      ['GET', '/scenarios'],
      ['GET', '/play/injects'],
    ] as const) {
      const r = await anon.request(method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(401);
    }
    const forged = new Api(
      app.url,
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwia2luZCI6InVzZXIiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
    );
    expect((await forged.get('/exercises')).status).toBe(401);
  });

  it('refuses wrong roles with 403', async () => {
    expect((await observer.post(`/exercises/${ex.id}/start`)).status).toBe(403);
    expect((await evaluator.post(`/exercises/${ex.id}/pause`)).status).toBe(403);
    expect((await observer.post('/exercises', { packId: 'demo' })).status).toBe(403);
    expect(
      (
        await instructor.post('/users', {
          username: 'x-user',
          displayName: 'x',
          password: 'long-enough-password',
          role: 'admin',
        })
      ).status,
    ).toBe(403);
    expect((await observer.get('/scenarios/demo')).status).toBe(403);
    // observers follow the drill but never see join codes
    const seen = await observer.ok<ExerciseDetail>('GET', `/exercises/${ex.id}`);
    expect(seen.teams.every((t) => t.joinCode === undefined)).toBe(true);
    expect((await observer.get(`/exercises/${ex.id}/events`)).status).toBe(403);

    const player = await Api.join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'player');
    for (const [method, path] of [
      ['GET', '/exercises'],
      ['GET', `/exercises/${ex.id}`],
      ['GET', `/exercises/${ex.id}/timeline`],
      ['GET', `/exercises/${ex.id}/deliveries`],
      ['POST', `/exercises/${ex.id}/start`],
      ['POST', `/exercises/${ex.id}/injects/phish-email/fire`],
      ['GET', '/scenarios/demo'],
      ['GET', '/auth/me'],
    ] as const) {
      const r = await player.request(method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `player ${method} ${path}`).toBe(403);
    }
    expect((await instructor.get('/play/injects')).status).toBe(403);
  });

  it('answers illegal transitions with 409 and the reason', async () => {
    const fresh = await createExercise(instructor, 'demo');
    const pauseDraft = await instructor.post(`/exercises/${fresh.id}/pause`);
    expect(pauseDraft.status).toBe(409);
    expect(pauseDraft.body.message).toMatch(/draft/);
    expect((await instructor.post(`/exercises/${fresh.id}/resume`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/end`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/injects/phish-email/fire`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/start`)).status).toBe(200);
    expect((await instructor.post(`/exercises/${fresh.id}/start`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/resume`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/pause`)).status).toBe(200);
    expect((await instructor.post(`/exercises/${fresh.id}/pause`)).status).toBe(409);
    expect((await instructor.post(`/exercises/${fresh.id}/end`)).status).toBe(200);
    const afterEnd = await instructor.post(`/exercises/${fresh.id}/resume`);
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body.code).toBe('exercise.illegal-transition');
    expect((await instructor.post(`/exercises/${fresh.id}/speed`, { speed: 10 })).status).toBe(409);
    // joining an ended exercise is refused too
    expect(
      (await new Api(app.url).post('/join', { code: teamByKey(fresh, 'soc').joinCode, displayName: 'late' })).status,
    ).toBe(409);
  });

  it('answers bad input with a 4xx naming the field, never a 500, and writes nothing', async () => {
    const before = (await instructor.ok<unknown[]>('GET', '/exercises')).length;
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/exercises', { packId: 'no-such-pack' }, 404, /no-such-pack/],
      ['POST', '/exercises', { packId: 'demo', extra: 1 }, 400, /unknown field/],
      ['POST', '/exercises', { name: 'x' }, 400, /packId/],
      ['POST', '/exercises', '{not json', 400, /./],
      ['POST', `/exercises/${ex.id}/speed`, { speed: 0.1 }, 400, /speed/],
      ['POST', `/exercises/${ex.id}/speed`, { speed: 601 }, 400, /speed/],
      ['POST', `/exercises/${ex.id}/speed`, { speed: 'fast' }, 400, /speed/],
      ['POST', `/exercises/${ex.id}/start`, { at: 'tomorrow' }, 400, /at/],
      ['GET', '/exercises/no-such-exercise', undefined, 404, /no-such-exercise/],
      ['GET', '/exercises/bad%20id%3B', undefined, 400, /id/],
      ['POST', '/auth/login', { username: 'admin' }, 400, /password/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const r = await instructor.request(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.message).toMatch(message);
      expect(r.body.correlationId).toBeTruthy();
    }
    expect((await new Api(app.url).post('/join', { code: 'NOPE-NOPE', displayName: 'x' })).status).toBe(404);
    expect(
      (await new Api(app.url).post('/join', { code: teamByKey(ex, 'soc').joinCode, displayName: '<script>' })).status,
    ).toBe(400);
    expect((await new Api(app.url).post('/auth/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await instructor.ok<unknown[]>('GET', '/exercises')).length).toBe(before);
  });

  it('keeps each team\u2019s injects away from every other team, in the API and on the socket', async () => {
    const drill = await createExercise(instructor, 'demo', 600);
    const cert = await Api.join(app.url, teamByKey(drill, 'cert').joinCode ?? '', 'cert player');
    const comms = await Api.join(app.url, teamByKey(drill, 'comms').joinCode ?? '', 'comms player');
    const certSocket = new RecordingClient(app.url, cert.token);
    const commsSocket = new RecordingClient(app.url, comms.token);
    const anonSocket = new RecordingClient(app.url, undefined);
    expect(await certSocket.ready()).toBe('ready');
    expect(await commsSocket.ready()).toBe('ready');
    expect(await anonSocket.ready()).toBe('rejected');
    // a player cannot subscribe to the control room
    expect(await certSocket.watch(drill.id)).toMatchObject({ ok: false });
    await instructor.ok('POST', `/exercises/${drill.id}/start`);
    await until(
      async () =>
        (await instructor.ok<{ status: string }[]>('GET', `/exercises/${drill.id}/timeline`)).filter(
          (i) => i.status === 'delivered',
        ).length >= 7,
      20_000,
      'the clock-released injects',
    );
    await new Promise((r) => setTimeout(r, 300));

    const certGot = certSocket.of('inject:delivered').map((e) => e.injectId);
    const commsGot = commsSocket.of('inject:delivered').map((e) => e.injectId);
    expect(certGot).toContain('cert-advisory');
    expect(commsGot).toContain('press-call');
    for (const socOnly of ['phish-email', 'edr-alert']) {
      expect(certGot).not.toContain(socOnly);
      expect(commsGot).not.toContain(socOnly);
      expect((await cert.get(`/play/injects/${socOnly}`)).status).toBe(404);
    }
    expect(commsGot).not.toContain('cert-advisory');
    expect((await comms.get('/play/injects/cert-advisory')).status).toBe(404);
    expect(certSocket.of('control:inject-delivered')).toEqual([]);
    expect(anonSocket.received.filter((r) => r.event === 'inject:delivered')).toEqual([]);
    // an inject not yet due is invisible, even by id
    const paused = await createExercise(instructor, 'demo');
    const early = await Api.join(app.url, teamByKey(paused, 'cert').joinCode ?? '', 'early');
    expect((await early.get('/play/injects/cert-advisory')).status).toBe(404);
    expect(await early.ok('GET', '/play/injects')).toEqual([]);
    for (const s of [certSocket, commsSocket, anonSocket]) s.close();
  });
});
