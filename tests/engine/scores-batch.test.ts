import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { openRowCounter } from '../support/row-counts.js';
import { until } from '../support/socket-client.js';

interface TeamScore {
  teamId: string;
  total: number;
  max: number;
  items: { injectId: string; expectedActionId: string | null; kind: string; points: number; max: number }[];
}

const itemsOf = (s: TeamScore | undefined) =>
  (s?.items ?? [])
    .map(({ injectId, expectedActionId, kind, points, max }) => ({ injectId, expectedActionId, kind, points, max }))
    .sort((a, b) =>
      `${a.injectId}/${a.kind}/${a.expectedActionId}`.localeCompare(`${b.injectId}/${b.kind}/${b.expectedActionId}`),
    );

/**
 * One flush recomputes many dirty cells with a single read of the log for all their injects: each
 * cell must still see exactly its own team's events (and deliveries that name several teams), so
 * the live cells equal a recomputation from the whole log, item by item.
 */
describe('score cells recomputed in one batch', () => {
  it('gives every team, on every inject, the same items as a full recomputation', async () => {
    // no timed flush: the only flush is the one the read below starts, over every mark at once
    const env = testEnv('scores-batch');
    const app = await startBackend(env, { extraEnv: { SCORE_FLUSH_DELAY_MS: '600000' } });
    try {
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'demo', 600);
      const [soc, cert, comms] = await Promise.all(
        ['soc', 'cert', 'comms'].map((key, k) => Api.join(app.url, teamByKey(ex, key).joinCode ?? '', `player ${k}`)),
      );
      if (!soc || !cert || !comms) throw new Error('join failed');
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      // ransom-note (T+00:25, every team) is delivered 2.5 s in at ×600
      const has = async (p: Api, id: string) =>
        (await p.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === id);
      await until(
        async () =>
          (await has(soc, 'ransom-note')) && (await has(cert, 'ransom-note')) && (await has(comms, 'ransom-note')),
        15_000,
        'ransom-note to every team',
      );
      await staff.ok('POST', `/exercises/${ex.id}/pause`);

      const respond = (p: Api, injectId: string, optionIds: string[]) =>
        p.ok('POST', '/play/responses', { injectId, text: `On ${injectId}`, optionIds });
      // SOC earns two of its actions and misses a third; CERT and comms each earn one; all answer the ransom note differently
      await respond(soc, 'phish-email', ['quarantine']);
      await respond(soc, 'edr-alert', ['isolate']);
      await respond(soc, 'ransom-note', ['pay']);
      await respond(cert, 'cert-advisory', ['share']);
      await respond(cert, 'ransom-note', ['no-pay']);
      await respond(comms, 'press-call', ['holding']);
      await respond(comms, 'ransom-note', []);

      const rows = await openRowCounter(env);
      const pending = (await rows.counts()).score_dirty ?? 0;
      await rows.close();
      expect(pending, 'the responses left their cells to one later flush').toBeGreaterThanOrEqual(7);

      const live = await staff.ok<TeamScore[]>('GET', `/exercises/${ex.id}/scores`);
      const recomputed = await staff.ok<TeamScore[]>('GET', `/exercises/${ex.id}/scores?recompute=true`);
      for (const team of [soc, cert, comms]) {
        const l = live.find((t) => t.teamId === team.teamId);
        const r = recomputed.find((t) => t.teamId === team.teamId);
        expect(l?.total, `team ${team.teamId}`).toBe(r?.total);
        expect(l?.max, `team ${team.teamId}`).toBe(r?.max);
        expect(itemsOf(l)).toEqual(itemsOf(r));
      }
      const action = (s: TeamScore | undefined, injectId: string) =>
        s?.items.find((i) => i.injectId === injectId && i.kind === 'action');
      const socLive = live.find((t) => t.teamId === soc.teamId);
      const certLive = live.find((t) => t.teamId === cert.teamId);
      expect(action(socLive, 'phish-email')?.points).toBe(10);
      expect(action(socLive, 'edr-alert')?.points).toBe(20);
      expect(action(socLive, 'ransom-note')?.points, "SOC chose to pay: CERT's no-pay must not count for it").toBe(0);
      expect(action(certLive, 'ransom-note')?.points).toBe(10);
      expect(action(certLive, 'phish-email'), 'CERT never received the phishing e-mail').toBeUndefined();

      // the evaluation queue: a page of the oldest waiting, with how many wait in all and per team
      type Queue = {
        total: number;
        byTeam: Record<string, number>;
        items: { response: { teamId: string; injectId: string }; cell: { points: number } | null }[];
      };
      const page = await staff.ok<Queue>('GET', `/exercises/${ex.id}/evaluation/queue?limit=2`);
      expect(page.total).toBe(7);
      expect(page.byTeam).toEqual({ [soc.teamId]: 3, [cert.teamId]: 2, [comms.teamId]: 2 });
      expect(page.items.map((i) => i.response.injectId)).toEqual(['phish-email', 'edr-alert']);
      expect(page.items[1]?.cell?.points).toBe(action(socLive, 'edr-alert')?.points);
      const certPage = await staff.ok<Queue>('GET', `/exercises/${ex.id}/evaluation/queue?teamId=${cert.teamId}`);
      expect(certPage.items.map((i) => [i.response.teamId, i.response.injectId])).toEqual([
        [cert.teamId, 'cert-advisory'],
        [cert.teamId, 'ransom-note'],
      ]);
      await staff.ok('POST', `/exercises/${ex.id}/evaluations`, {
        teamId: soc.teamId,
        injectId: 'ransom-note',
        expectedActionId: 'law-enforcement',
        met: false,
        reason: 'Recommended paying.',
      });
      const after = await staff.ok<Queue>('GET', `/exercises/${ex.id}/evaluation/queue`);
      expect(after.total).toBe(6);
      expect(after.byTeam[soc.teamId]).toBe(2);
      for (const bad of ['limit=0', 'limit=many', 'teamId=', 'sort=new'])
        expect((await staff.request('GET', `/exercises/${ex.id}/evaluation/queue?${bad}`)).status, bad).toBe(400);
    } finally {
      await app.stop();
    }
  });
});
