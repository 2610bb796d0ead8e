import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

const expected = clockReleasedInjects(loadPack('demo'));

describe('several API instances and a separate worker on one Redis and one database', () => {
  it('delivers to clients of either instance exactly once, and control actions cross instances', async () => {
    const env = testEnv('multi-instance');
    const procs: RunningProcess[] = [];
    try {
      const api1 = await startBackend(env, { worker: 'off' });
      procs.push(api1);
      const api2 = await startBackend(env, { worker: 'off' });
      procs.push(api2);
      procs.push(await startBackend(env, { entry: 'worker' }));

      const staff1 = await Api.login(api1.url);
      const staff2 = new Api(api2.url, staff1.token);
      const ex = await createExercise(staff1, 'demo', 600);
      // the SOC player sits on instance 1, the CERT player on instance 2, the control room on 2
      const soc = await Api.join(api1.url, teamByKey(ex, 'soc').joinCode ?? '', 'soc on 1');
      const cert = await Api.join(api2.url, teamByKey(ex, 'cert').joinCode ?? '', 'cert on 2');
      const socSocket = new RecordingClient(api1.url, soc.token);
      const certSocket = new RecordingClient(api2.url, cert.token);
      const control = new RecordingClient(api2.url, staff1.token);
      for (const s of [socSocket, certSocket, control]) expect(await s.ready()).toBe('ready');
      expect(await control.watch(ex.id)).toMatchObject({ ok: true });

      // started on instance 2, delivered by the worker, received through the Redis adapter
      await staff2.ok('POST', `/exercises/${ex.id}/start`);
      const want = (key: string) =>
        expected
          .filter((i) => i.teams.includes(key))
          .map((i) => i.id)
          .sort();
      await until(
        () =>
          socSocket.of('inject:delivered').length >= want('soc').length &&
          certSocket.of('inject:delivered').length >= want('cert').length,
        30_000,
        'both teams’ injects',
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(
        socSocket
          .of('inject:delivered')
          .map((e) => e.injectId)
          .sort(),
      ).toEqual(want('soc'));
      expect(
        certSocket
          .of('inject:delivered')
          .map((e) => e.injectId)
          .sort(),
      ).toEqual(want('cert'));
      expect(
        control
          .of('control:inject-delivered')
          .map((e) => e.injectId)
          .sort(),
      ).toEqual(expected.map((i) => i.id).sort());

      // a control action on instance 1 reaches the clients of instance 2 (and 1)
      await staff1.ok('POST', `/exercises/${ex.id}/pause`);
      await until(
        () =>
          certSocket.of('exercise:clock').some((c) => c.status === 'paused') &&
          socSocket.of('exercise:clock').some((c) => c.status === 'paused'),
        10_000,
        'the pause on both instances',
      );
      for (const s of [socSocket, certSocket, control]) s.close();
    } finally {
      for (const p of procs.reverse()) await p.stop();
    }
  });
});
