import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

const pack = loadPack('demo');
const expected = clockReleasedInjects(pack);

describe('a whole pack at ×600', () => {
  let app: RunningProcess;
  let staff: Api;
  let ex: ExerciseDetail;
  const players = new Map<string, { api: Api & { teamId: string }; socket: RecordingClient; key: string }>();
  let control: RecordingClient;

  beforeAll(async () => {
    app = await startBackend(testEnv('delivery'));
    staff = await Api.login(app.url);
    ex = await createExercise(staff, 'demo', 600);
    // one player per team, and a second SOC player to check every teammate gets it
    for (const [name, key] of [
      ['cert-1', 'cert'],
      ['soc-1', 'soc'],
      ['soc-2', 'soc'],
      ['comms-1', 'comms'],
    ] as const) {
      const api = await Api.join(app.url, teamByKey(ex, key).joinCode ?? '', name);
      const socket = new RecordingClient(app.url, api.token);
      expect(await socket.ready()).toBe('ready');
      players.set(name, { api, socket, key });
    }
    control = new RecordingClient(app.url, staff.token);
    await control.ready();
    expect(await control.watch(ex.id)).toMatchObject({ ok: true });
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    const total = expected.reduce((n, i) => n + i.teams.length, 0);
    await until(
      async () => (await staff.ok<unknown[]>('GET', `/exercises/${ex.id}/deliveries`)).length >= total,
      20_000,
      'every delivery',
    );
    // let any duplicate have a chance to arrive before we count
    await new Promise((r) => setTimeout(r, 500));
  });

  afterAll(async () => {
    for (const p of players.values()) p.socket.close();
    control?.close();
    await app?.stop();
  });

  it('delivers every inject exactly once, in order, to exactly its target teams', () => {
    for (const [name, p] of players) {
      const got = p.socket.of('inject:delivered');
      const want = expected.filter((i) => i.teams.includes(p.key)).map((i) => i.id);
      // exactly once each (injects due at the same instant may arrive in either order)
      expect([...got.map((e) => e.injectId)].sort(), `${name} received`).toEqual([...want].sort());
      // the event names no team: nothing about who else received it
      for (const e of got)
        expect(Object.keys(e).sort()).toEqual(['deliveredAt', 'dueAt', 'exerciseId', 'injectId', 'late', 'scenarioMs']);
      const scenarioTimes = got.map((e) => e.scenarioMs);
      expect(scenarioTimes).toEqual([...scenarioTimes].sort((a, b) => a - b));
    }
  });

  it('records one delivery per inject and team, and the player API shows the same', async () => {
    const deliveries = await staff.ok<{ injectId: string; teamId: string }[]>('GET', `/exercises/${ex.id}/deliveries`);
    const keys = deliveries.map((d) => `${d.injectId}/${d.teamId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const byTeamKey = new Map(ex.teams.map((t) => [t.id, t.key]));
    const got = deliveries.map((d) => `${d.injectId}/${byTeamKey.get(d.teamId)}`).sort();
    const want = expected.flatMap((i) => i.teams.map((t) => `${i.id}/${t}`)).sort();
    expect(got).toEqual(want);
    for (const p of players.values()) {
      const listed = await p.api.ok<{ id: string }[]>('GET', '/play/injects');
      expect(listed.map((i) => i.id).sort()).toEqual(
        expected
          .filter((i) => i.teams.includes(p.key))
          .map((i) => i.id)
          .sort(),
      );
    }
  });

  it('tells the control room once per inject with the list of teams', () => {
    const events = control.of('control:inject-delivered');
    expect(events.map((e) => e.injectId).sort()).toEqual(expected.map((i) => i.id).sort());
    const times = events.map((e) => e.scenarioMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const byTeamKey = new Map(ex.teams.map((t) => [t.id, t.key]));
    for (const e of events) {
      const want = expected.find((i) => i.id === e.injectId)?.teams ?? [];
      expect(e.teamIds.map((id: string) => byTeamKey.get(id)).sort()).toEqual([...want].sort());
    }
  });

  it('appends one inject.delivered event per inject to the event log', async () => {
    const log = await staff.ok<{ type: string; payload: { injectId?: string } }[]>('GET', `/exercises/${ex.id}/events`);
    const delivered = log.filter((e) => e.type === 'inject.delivered').map((e) => e.payload.injectId);
    expect([...delivered].sort()).toEqual(expected.map((i) => i.id).sort());
    expect(log[0]?.type).toBe('exercise.created');
    expect(log.some((e) => e.type === 'exercise.started')).toBe(true);
  });

  it('never sends a player the scoring key, notes, tags or triggers', async () => {
    const p = players.get('soc-1');
    const listed = await p!.api.ok<Record<string, unknown>[]>('GET', '/play/injects');
    const text = JSON.stringify(listed);
    for (const secret of [
      'expectedActions',
      'facilitatorNotes',
      'trigger',
      'objectives',
      'tags',
      'isolate-host',
      'CISA',
    ]) {
      expect(text, `player view contains ${secret}`).not.toContain(secret);
    }
  });
});
