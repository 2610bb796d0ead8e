import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { openRowCounter } from '../support/row-counts.js';
import { until } from '../support/socket-client.js';

interface TeamScore {
  teamId: string;
  total: number;
  max: number;
  items: { expectedActionId?: string; points: number }[];
}

async function dirtyMarks(env: ReturnType<typeof testEnv>): Promise<number> {
  const rows = await openRowCounter(env);
  try {
    return (await rows.counts()).score_dirty ?? 0;
  } finally {
    await rows.close();
  }
}

/**
 * Score cells are recomputed in batches after a response, off its request path. A crash between
 * the response and that batch must not leave a stale score: the marks are written with the
 * response, and the next process to run recomputes them.
 */
describe('score cells across a crash', () => {
  it('recomputes after kill -9 the cells that responses had marked and no flush had reached', async () => {
    const env = testEnv('scores-crash');
    const procs: RunningProcess[] = [];
    try {
      // a flush that would only come after a minute: the kill certainly lands before it
      const first = await startBackend(env, { extraEnv: { SCORE_FLUSH_DELAY_MS: '60000' } });
      procs.push(first);
      const staff = await Api.login(first.url);
      const ex = await createExercise(staff, 'demo', 1);
      const soc = teamByKey(ex, 'soc');
      const players = await Promise.all(
        ['ana', 'ben', 'cho'].map((name) => Api.join(first.url, soc.joinCode ?? '', name)),
      );
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      // phish-email is due at T+00:00: wait for it, then hold the clock
      await until(
        async () =>
          (await players[0]?.ok<{ id: string }[]>('GET', '/play/injects'))?.some((i) => i.id === 'phish-email') ??
          false,
        10_000,
        'phish-email',
      );
      await staff.ok('POST', `/exercises/${ex.id}/pause`);
      const options = [['quarantine'], ['reply'], ['quarantine']];
      await Promise.all(
        players.map((p, k) =>
          p.ok('POST', '/play/responses', {
            injectId: 'phish-email',
            text: `Response ${k + 1}`,
            optionIds: options[k],
          }),
        ),
      );
      await first.kill();

      expect(await dirtyMarks(env), 'cells were still marked dirty when the process died').toBeGreaterThan(0);

      const second = await startBackend(env);
      procs.push(second);
      const staff2 = await Api.login(second.url);
      await until(async () => (await dirtyMarks(env)) === 0, 5000, 'the new process to recompute the marked cells');
      const live = await staff2.ok<TeamScore[]>('GET', `/exercises/${ex.id}/scores`);
      const recomputed = await staff2.ok<TeamScore[]>('GET', `/exercises/${ex.id}/scores?recompute=true`);
      expect(live.map(({ teamId, total, max }) => ({ teamId, total, max }))).toEqual(
        recomputed.map(({ teamId, total, max }) => ({ teamId, total, max })),
      );
      const socScore = live.find((t) => t.teamId === soc.id);
      expect(socScore?.max, 'the delivered inject opened the SOC cell').toBeGreaterThan(0);
      expect(socScore?.total, 'the quarantine option earned its points').toBeGreaterThan(0);
    } finally {
      for (const p of procs) await p.stop().catch(() => undefined);
    }
  });
});
