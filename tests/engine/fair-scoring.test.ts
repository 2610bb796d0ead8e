import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

interface Item {
  injectId: string;
  expectedActionId: string | null;
  kind: string;
  points: number;
  max: number;
  source: { rule?: string; evaluator?: string; reason?: string };
}
interface TeamScore {
  teamId: string;
  total: number;
  max: number;
  items: Item[];
}

/**
 * One shared inject for two teams: each team has its own expected actions (one of them a judgement
 * call for the evaluator), and two plausible-but-wrong options: one costs points, one caps the score.
 */
const PACK = `
id: fair
title: Fair scoring
summary: Per-team expected actions and distractors on one shared inject.
version: 1.0.0
duration: "00:30"
teams:
  - { id: cert, name: National CERT }
  - { id: legal, name: Legal adviser }
objectives:
  - { id: obj, text: Respond, coreCapability: Cybersecurity }
injects:
  - id: shared
    offset: "T+00:00"
    to: all
    channel: intel
    from: { name: Secretariat }
    subject: Allied networks compromised
    body: Decide what to do.
    objectives: [obj]
    responseOptions:
      - { id: contain, label: Contain the affected hosts }
      - { id: legal-basis, label: Name the legal basis for a response }
      - { id: wipe-now, label: Re-image every server tonight, distractor: { why: destroys the evidence attribution needs, penalty: 5 } }
      - { id: hack-back, label: Hack back the staging servers now, distractor: { why: no legal basis has been agreed, cap: 0.5 } }
    expectedActions:
      - { id: contain-it, text: Contain the affected hosts, points: 20, options: [contain], teams: [cert] }
      - { id: basis, text: Name the legal basis, points: 10, options: [legal-basis], teams: [legal] }
      - { id: proportionate, text: Weigh proportionality and the Allies' positions, points: 10, teams: [legal] }
    respondWithin: "00:10"
`;

function packFolder(yaml: string): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'ttx-fair-'));
  const folder = join(root, 'fair');
  mkdirSync(folder);
  writeFileSync(join(folder, 'pack.yaml'), yaml);
  return { root, folder };
}

const itemsOf = (s: TeamScore | undefined) =>
  (s?.items ?? [])
    .map(({ injectId, expectedActionId, kind, points, max, source }) => ({
      injectId,
      expectedActionId,
      kind,
      points,
      max,
      rule: source.rule ?? null,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('fair scoring on a shared inject', () => {
  it('scores each team only on its own actions, charges distractors, and the live totals equal a recomputation', async () => {
    const { root } = packFolder(PACK);
    const app = await startBackend(testEnv('fair-scoring', { injectsDir: root }));
    try {
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'fair', 60);
      const cert = await Api.join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'cert player');
      const legal = await Api.join(app.url, teamByKey(ex, 'legal').joinCode ?? '', 'legal player');
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        async () => (await legal.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'shared'),
        15_000,
        'the shared inject',
      );
      await staff.ok('POST', `/exercises/${ex.id}/pause`);

      // players see the options, never which of them are distractors or why
      const view = await cert.ok<{ responseOptions: Record<string, unknown>[] }>('GET', '/play/injects/shared');
      expect(view.responseOptions.map((o) => Object.keys(o).sort())).toEqual(Array(4).fill(['id', 'label']));
      expect(JSON.stringify(view)).not.toContain('destroys the evidence');

      // each team ticks its own action, the other team's action and one distractor
      await cert.ok('POST', '/play/responses', {
        injectId: 'shared',
        text: 'Contain, and wipe tonight.',
        optionIds: ['contain', 'legal-basis', 'wipe-now'],
      });
      await legal.ok('POST', '/play/responses', {
        injectId: 'shared',
        text: 'Basis named; hack back.',
        optionIds: ['contain', 'legal-basis', 'hack-back'],
      });

      const scores = async (recompute: boolean) =>
        staff.ok<TeamScore[]>('GET', `/exercises/${ex.id}/scores${recompute ? '?recompute=true' : ''}`);
      const check = async () => {
        const live = await scores(false);
        const recomputed = await scores(true);
        for (const teamId of [cert.teamId, legal.teamId]) {
          const l = live.find((t) => t.teamId === teamId);
          const r = recomputed.find((t) => t.teamId === teamId);
          expect({ total: l?.total, max: l?.max }, `team ${teamId}`).toEqual({ total: r?.total, max: r?.max });
          expect(itemsOf(l)).toEqual(itemsOf(r));
        }
        return { c: live.find((t) => t.teamId === cert.teamId), l: live.find((t) => t.teamId === legal.teamId) };
      };

      let { c, l } = await check();
      // CERT: its 20-point action, timeliness 25 % (5), minus the 5-point distractor; Legal's actions are not in its maximum
      expect(c?.items.map((i) => i.expectedActionId).filter(Boolean)).toEqual(['contain-it']);
      expect(c?.items.find((i) => i.points < 0)?.source.rule).toBe(
        'distractor "wipe-now" chosen (−5): destroys the evidence attribution needs',
      );
      expect(c).toMatchObject({ total: 20 + 5 - 5, max: 25 });
      // Legal: 10 by option, the judgement call waits for the evaluator, timeliness 5; "contain" earns it nothing
      expect(
        l?.items
          .map((i) => i.expectedActionId)
          .filter(Boolean)
          .sort(),
      ).toEqual(['basis', 'proportionate']);
      // 15 earned; the cap is half of its 25-point maximum (12)
      expect(l).toMatchObject({ total: 12, max: 25 });
      expect(l?.items.find((i) => i.points < 0)?.source.rule).toBe(
        'score capped at 12 of 25: distractor "hack-back" chosen: no legal basis has been agreed',
      );

      // the evaluation queue lists (before any evaluation), for each response, only its team's expected actions
      type Queue = { items: { response: { teamId: string }; inject: { expectedActions: { id: string }[] } | null }[] };
      const queue = await staff.ok<Queue>('GET', `/exercises/${ex.id}/evaluation/queue`);
      const actionsOf = (teamId: string) =>
        queue.items.find((i) => i.response.teamId === teamId)?.inject?.expectedActions.map((a) => a.id);
      expect(actionsOf(cert.teamId)).toEqual(['contain-it']);
      expect(actionsOf(legal.teamId)).toEqual(['basis', 'proportionate']);
      // the judgement call is the evaluator's, and only for the team it is aimed at
      const wrongTeam = await staff.request('POST', `/exercises/${ex.id}/evaluations`, {
        teamId: cert.teamId,
        injectId: 'shared',
        expectedActionId: 'proportionate',
        met: true,
        reason: 'x',
      });
      expect(wrongTeam.status).toBe(400);
      expect(JSON.stringify(wrongTeam.body)).toContain('evaluation.not-for-team');
      await staff.ok('POST', `/exercises/${ex.id}/evaluations`, {
        teamId: legal.teamId,
        injectId: 'shared',
        expectedActionId: 'proportionate',
        met: true,
        reason: 'weighed countermeasures against Article 51',
      });
      await staff.ok('POST', `/exercises/${ex.id}/score-adjustments`, {
        teamId: legal.teamId,
        injectId: 'shared',
        points: 3,
        reason: 'hack-back was proposed only as a contingency',
      });
      ({ c, l } = await check());
      // 25 earned by rule and evaluator, capped at 12, then the evaluator's +3
      expect(l?.total).toBe(15);
      expect(c?.total).toBe(20);
    } finally {
      await app.stop();
    }
  });
});

describe('fair scoring in the pack format', () => {
  const errors = (yaml: string) => {
    const { root, folder } = packFolder(yaml);
    const r = loadPackFolder(folder, root);
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it('loads the fair-scoring pack', () => {
    expect(errors(PACK)).toEqual([]);
  });

  it('rejects a distractor that covers an expected action', () => {
    expect(
      errors(PACK.replace('options: [contain], teams: [cert]', 'options: [contain, wipe-now], teams: [cert]')),
    ).toContain(
      'injects[0].expectedActions[0].options[1]: response option "wipe-now" is a distractor and cannot cover an expected action',
    );
  });

  it('rejects an action aimed at a team that does not receive the inject, or at no known team', () => {
    expect(errors(PACK.replace('to: all', 'to: [legal]'))).toContain(
      'injects[0].expectedActions[0].teams[0]: team "cert" does not receive this inject',
    );
    expect(errors(PACK.replace('teams: [cert] }', 'teams: [nobody] }'))).toContain(
      'injects[0].expectedActions[0].teams[0]: unknown team "nobody"',
    );
  });

  it('rejects a distractor that neither costs nor caps', () => {
    expect(errors(PACK.replace('penalty: 5', 'penalty: 0')).join('\n')).toMatch(
      /distractor needs a penalty above 0 or a cap/,
    );
  });

  it('rejects a contingency sent to teams the action is not expected of', () => {
    const withContingency = `${PACK}  - { id: nudge, trigger: { type: contingency, inject: shared, expectedAction: contain-it, at: "T+00:20" }, to: all, channel: chat, from: { name: SOC }, subject: Contained?, body: Contain it. }\n`;
    expect(errors(withContingency)).toContain(
      'injects[1].to: expected action "contain-it" is only expected of cert; this contingency also goes to legal',
    );
    expect(errors(withContingency.replace('to: all, channel: chat', 'to: [cert], channel: chat'))).toEqual([]);
  });
});
