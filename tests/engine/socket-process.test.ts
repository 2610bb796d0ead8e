import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

const expected = clockReleasedInjects(loadPack('demo'));
const want = (key: string) =>
  expected
    .filter((i) => i.teams.includes(key))
    .map((i) => i.id)
    .sort();
const ids = (events: { injectId: string }[]) => events.map((e) => e.injectId).sort();

/** The API process's socket process (its child running `sockets.js`; the pack readers are children too). */
const children = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('sockets.js');
      } catch {
        return false;
      }
    });

describe('SOCKETS=process: a process of its own holds the sockets', () => {
  it('admits each client to its rooms there, delivers exactly once, and a crashed socket process is replaced', async () => {
    const env = testEnv('socket-process');
    const api = await startBackend(env, { extraEnv: { SOCKETS: 'process' } });
    let current = 0;
    try {
      const apiPid = api.child.pid ?? 0;
      await until(() => children(apiPid).length === 1, 30_000, 'the socket process');
      const [first] = children(apiPid);

      const staff = await Api.login(api.url);
      const ex = await createExercise(staff, 'demo', 600);
      const soc = await Api.join(api.url, teamByKey(ex, 'soc').joinCode ?? '', 'soc player');
      const cert = await Api.join(api.url, teamByKey(ex, 'cert').joinCode ?? '', 'cert player');
      const connect = async () => {
        const clients = {
          soc: new RecordingClient(api.url, soc.token),
          cert: new RecordingClient(api.url, cert.token),
          control: new RecordingClient(api.url, staff.token),
        };
        for (const c of Object.values(clients)) expect(await c.ready()).toBe('ready');
        expect(await clients.control.watch(ex.id)).toMatchObject({ ok: true });
        return clients;
      };

      // the connections live in the socket process: when it dies, every client is dropped while the
      // API process goes on answering, and a new socket process takes the reconnecting clients
      const before = await connect();
      const dropped: string[] = [];
      for (const [name, c] of Object.entries(before)) c.socket.on('disconnect', () => dropped.push(name));
      process.kill(first, 'SIGKILL');
      await until(() => dropped.length === 3, 10_000, 'the clients of the killed socket process to drop');
      expect((await staff.request('GET', '/health')).status).toBe(200);
      await until(() => children(apiPid).length === 1 && children(apiPid)[0] !== first, 30_000, 'a new socket process');
      expect(api.output()).toContain('starting another');

      current = children(apiPid)[0]!;
      const { soc: socSocket, cert: certSocket, control } = await connect();
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        () =>
          socSocket.of('inject:delivered').length >= want('soc').length &&
          certSocket.of('inject:delivered').length >= want('cert').length,
        30_000,
        'both teams’ injects',
      );
      await new Promise((r) => setTimeout(r, 500));
      // each team its own injects, each once; the control room all of them
      expect(ids(socSocket.of('inject:delivered'))).toEqual(want('soc'));
      expect(ids(certSocket.of('inject:delivered'))).toEqual(want('cert'));
      expect(ids(control.of('control:inject-delivered'))).toEqual(expected.map((i) => i.id).sort());

      // a response reaches the team's own sockets and the control room, not the other team
      const injectId = want('soc')[0];
      await soc.ok('POST', '/play/responses', { injectId, text: 'Isolated the host.' });
      await until(() => socSocket.of('response:changed').length === 1, 5000, 'the response on the team socket');
      // the control room's notices (scores may have come in their own before): this response, once
      const noticed = () => control.of('control:changes').flatMap((e) => e.responses);
      await until(() => noticed().length > 0, 5000, 'the response in the control room');
      expect(noticed()).toEqual([{ responseId: expect.any(String), teamId: soc.teamId, injectId }]);
      expect(socSocket.of('response:changed')[0]).toMatchObject({ exerciseId: ex.id, injectId });
      expect(certSocket.of('response:changed')).toEqual([]);

      // the clock reaches every socket; ending a session disconnects its socket (sent through Redis)
      await staff.ok('POST', `/exercises/${ex.id}/pause`);
      await until(
        () => [socSocket, certSocket, control].every((c) => c.of('exercise:clock').some((e) => e.status === 'paused')),
        5000,
        'the pause on every socket',
      );
      expect((await cert.request('POST', '/auth/logout')).status).toBe(204);
      await until(() => !certSocket.socket.connected, 5000, 'the ended session’s socket to close');
      expect(socSocket.socket.connected).toBe(true);
      for (const c of [socSocket, control]) c.close();
    } finally {
      await api.stop();
    }
    // the socket process goes with the API process
    await until(
      () => {
        try {
          process.kill(current, 0);
          return false;
        } catch {
          return true;
        }
      },
      10_000,
      'the socket process to exit with the API',
    );
  });
});
