import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

interface LogEvent {
  type: string;
  actor: string;
  atMs: number;
  scenarioMs: number | null;
  payload: Record<string, any>;
}

const events = (api: Api, id: string) => api.ok<LogEvent[]>('GET', `/exercises/${id}/events`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exercise clock across pause, resume and speed changes', () => {
  let app: RunningProcess;
  let staff: Api;

  beforeAll(async () => {
    app = await startBackend(testEnv('clock'));
    staff = await Api.login(app.url);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shifts every pending inject by exactly the pause length', async () => {
    // demo: edr-alert at T+00:05 → 5 s of wall time at ×60
    const ex = await createExercise(staff, 'demo', 60);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const socket = new RecordingClient(app.url, soc.token);
    await socket.ready();
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await sleep(1500);
    await staff.ok('POST', `/exercises/${ex.id}/pause`);
    await sleep(2000);
    const paused = await staff.ok('GET', `/exercises/${ex.id}`);
    await sleep(300);
    // the clock stands still while paused
    expect((await staff.ok('GET', `/exercises/${ex.id}`)).clock.scenarioNowMs).toBe(paused.clock.scenarioNowMs);
    await staff.ok('POST', `/exercises/${ex.id}/resume`);
    await until(() => socket.of('inject:delivered').some((e) => e.injectId === 'edr-alert'), 10_000, 'edr-alert');

    const log = await events(staff, ex.id);
    const started = log.find((e) => e.type === 'exercise.started');
    const pause = log.find((e) => e.type === 'exercise.paused');
    const resume = log.find((e) => e.type === 'exercise.resumed');
    expect(started && pause && resume).toBeTruthy();
    // the audit trail names who steered the clock
    for (const e of [started, pause, resume]) expect(e?.actor).toMatch(/^user:[0-9a-f-]{36}$/);
    const pauseLength = resume!.atMs - pause!.atMs;
    expect(pauseLength).toBeGreaterThanOrEqual(2000);
    const edr = socket.of('inject:delivered').find((e) => e.injectId === 'edr-alert');
    // planned: start + 300 000 / 60; after the pause: exactly pauseLength later (ms rounding only)
    const planned = started!.atMs + 300_000 / 60;
    expect(Math.abs(edr.dueAt - (planned + pauseLength))).toBeLessThanOrEqual(1);
    // and it really arrived at that instant, not at the original one
    expect(edr.deliveredAt).toBeGreaterThanOrEqual(edr.dueAt);
    expect(edr.deliveredAt - edr.dueAt).toBeLessThan(250);
    expect(edr.scenarioMs).toBe(300_000);
    socket.close();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  });

  it('re-times the rest of the timeline when the speed changes', async () => {
    const ex = await createExercise(staff, 'demo', 60);
    const comms = await Api.join(app.url, teamByKey(ex, 'comms').joinCode ?? '', 'spokesperson');
    const socket = new RecordingClient(app.url, comms.token);
    await socket.ready();
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await sleep(1000);
    // press-call is at T+00:20: 20 s away at ×60, 2 s at ×600
    await staff.ok('POST', `/exercises/${ex.id}/speed`, { speed: 600 });
    await until(() => socket.of('inject:delivered').some((e) => e.injectId === 'press-call'), 10_000, 'press-call');
    const log = await events(staff, ex.id);
    const change = log.find((e) => e.type === 'exercise.speed-changed' && e.payload.to === 600);
    expect(change).toBeTruthy();
    const press = socket.of('inject:delivered').find((e) => e.injectId === 'press-call');
    const expectedDue = change!.atMs + (1_200_000 - change!.scenarioMs!) / 600;
    expect(Math.abs(press.dueAt - expectedDue)).toBeLessThanOrEqual(1);
    expect(press.deliveredAt - press.dueAt).toBeLessThan(250);
    // clients are told about every clock change
    expect(socket.of('exercise:clock').some((c) => c.speed === 600 && c.status === 'running')).toBe(true);
    socket.close();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  });

  it('takes a pause and speed changes at fractional speeds, keeping the anchor in whole milliseconds', async () => {
    // at ×1.25 or ×0.5 the scenario time of a pause is rarely whole; PostgreSQL's bigint refused it (500)
    const ex = await createExercise(staff, 'demo', 60);
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    for (const speed of [1.25, 0.5, 2.5]) {
      await sleep(37);
      await staff.ok('POST', `/exercises/${ex.id}/speed`, { speed });
      await sleep(41);
      const paused = await staff.ok('POST', `/exercises/${ex.id}/pause`);
      expect(paused.clock.status).toBe('paused');
      expect(Number.isInteger(paused.clock.anchorScenarioMs)).toBe(true);
      await sleep(13);
      const resumed = await staff.ok('POST', `/exercises/${ex.id}/resume`);
      expect(resumed.clock.speed).toBe(speed);
      expect(Number.isInteger(resumed.clock.anchorWallMs)).toBe(true);
    }
    const log = await events(staff, ex.id);
    expect(log.filter((e) => e.type === 'exercise.paused')).toHaveLength(3);
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  });

  it('starts at a planned wall time and keeps injects until then', async () => {
    const ex = await createExercise(staff, 'demo', 600);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const socket = new RecordingClient(app.url, soc.token);
    await socket.ready();
    const at = Date.now() + 2500;
    const started = await staff.ok('POST', `/exercises/${ex.id}/start`, { at: new Date(at).toISOString() });
    expect(started.clock.status).toBe('scheduled');
    await sleep(1500);
    expect(socket.of('inject:delivered')).toEqual([]);
    await until(() => socket.of('inject:delivered').some((e) => e.injectId === 'phish-email'), 10_000, 'phish-email');
    const first = socket.of('inject:delivered')[0];
    expect(first.dueAt).toBe(at);
    // the start job runs at the same instant as the first inject; it flips the status right after
    await until(
      async () => (await staff.ok('GET', `/exercises/${ex.id}`)).clock.status === 'running',
      2000,
      'status running',
    );
    socket.close();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  });

  it('fires an inject now and skips another, each once', async () => {
    const ex = await createExercise(staff, 'demo', 1);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const socket = new RecordingClient(app.url, soc.token);
    await socket.ready();
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    const fired = await staff.post(`/exercises/${ex.id}/injects/edr-alert/fire`);
    expect(fired.status).toBe(200);
    await until(() => socket.of('inject:delivered').some((e) => e.injectId === 'edr-alert'), 5000, 'fired edr-alert');
    expect((await staff.post(`/exercises/${ex.id}/injects/edr-alert/fire`)).status).toBe(409);
    expect((await staff.post(`/exercises/${ex.id}/injects/wrap-up/skip`)).status).toBe(200);
    expect((await staff.post(`/exercises/${ex.id}/injects/wrap-up/skip`)).status).toBe(409);
    expect((await staff.post(`/exercises/${ex.id}/injects/wrap-up/fire`)).status).toBe(409);
    expect((await staff.post(`/exercises/${ex.id}/injects/no-such-inject/fire`)).status).toBe(404);
    const timeline = await staff.ok<{ injectId: string; status: string }[]>('GET', `/exercises/${ex.id}/timeline`);
    expect(timeline.find((i) => i.injectId === 'wrap-up')?.status).toBe('skipped');
    expect(socket.of('inject:delivered').filter((e) => e.injectId === 'edr-alert')).toHaveLength(1);
    socket.close();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  });
});
