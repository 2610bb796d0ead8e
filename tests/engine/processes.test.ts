import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { freePort, REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

const expected = clockReleasedInjects(loadPack('demo'));

describe('process layouts', () => {
  it('delivers through a separate worker process (`npm run worker`) to clients of an API without a worker', async () => {
    const env = testEnv('worker-process');
    const procs: RunningProcess[] = [];
    try {
      const api = await startBackend(env, { worker: 'off' });
      procs.push(api);
      const staff = await Api.login(api.url);
      const ex = await createExercise(staff, 'demo', 600);
      const cert = await Api.join(api.url, teamByKey(ex, 'cert').joinCode ?? '', 'cert');
      const socket = new RecordingClient(api.url, cert.token);
      await socket.ready();
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      // nothing delivers while no worker runs
      await new Promise((r) => setTimeout(r, 1200));
      expect(socket.of('inject:delivered')).toEqual([]);
      procs.push(await startBackend(env, { entry: 'worker' }));
      const want = expected.filter((i) => i.teams.includes('cert')).map((i) => i.id);
      await until(() => socket.of('inject:delivered').length >= want.length, 20_000, 'cert injects via the worker');
      await new Promise((r) => setTimeout(r, 500));
      expect(socket.of('inject:delivered').map((e) => e.injectId)).toEqual(want);
      socket.close();
    } finally {
      for (const p of procs.reverse()) await p.stop();
    }
  });

  it('says plainly that Redis is unreachable instead of printing a stack trace', async () => {
    const port = await freePort();
    const env = testEnv('no-redis');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/main.js')], {
      env: {
        ...process.env,
        REDIS_URL: `redis://127.0.0.1:${port}`,
        DATA_DIR: env.dataDir,
        DATABASE_URL: env.databaseUrl,
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(r.stderr).toMatch(/redis-server/);
    expect(r.stderr).toMatch(/docker compose up/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the variable when the configuration is invalid', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/main.js')], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'mysql://x' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/DATABASE_URL: must start with sqlite:/);
  });
});
