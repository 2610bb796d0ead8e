import { describe, expect, it } from 'vitest';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { actionsFor, scoreCell, type ScoringEvent } from './score-rules.js';

const inject = {
  id: 'edr',
  to: 'all',
  channel: 'siem',
  from: { name: 'EDR' },
  subject: 'alert',
  body: 'b',
  artifacts: [],
  tags: { groups: [], attack: [], disarm: [], assumed: [] },
  objectives: [],
  meta: {},
  responseOptions: [
    { id: 'isolate', label: 'Isolate' },
    { id: 'reboot', label: 'Reboot' },
    { id: 'escalate', label: 'Escalate' },
  ],
  expectedActions: [
    { id: 'isolate-host', text: 'Isolate', points: 20, options: ['isolate'] },
    { id: 'notify', text: 'Notify', points: 10, options: ['escalate'] },
  ],
  respondWithin: '00:10',
} satisfies Inject;

let seq = 0;
const ev = (type: string, scenarioMs: number, payload: Record<string, unknown>, actor = 'system'): ScoringEvent => ({
  id: ++seq,
  type,
  atMs: 1000 + seq,
  scenarioMs,
  actor,
  payload: { injectId: 'edr', teamId: 'A', ...payload },
});
const delivered = ev('inject.delivered', 60_000, { teamIds: ['A'] });
const minutes = (m: number) => 60_000 + m * 60_000;

describe('score rules', () => {
  it('gives an expected action its points when a response chose one of its options', () => {
    const cell = scoreCell(inject, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r1', optionIds: ['isolate'] }),
    ]);
    expect(cell.items.find((i) => i.expectedActionId === 'isolate-host')?.points).toBe(20);
    expect(cell.items.find((i) => i.expectedActionId === 'notify')?.points).toBe(0);
    // timeliness: 25 % of 30 action points (7.5, in whole points 8), full within the 10-minute target
    expect(cell.items.find((i) => i.kind === 'timeliness')).toMatchObject({ points: 8, max: 8 });
    expect(cell).toMatchObject({ points: 28, max: 38 });
  });

  it('scores timeliness linearly down to zero at three times the target', () => {
    const at = (m: number) =>
      scoreCell(inject, undefined, 'A', [
        delivered,
        ev('response.logged', minutes(m), { responseId: 'r', optionIds: [] }),
      ]).items.find((i) => i.kind === 'timeliness')?.points;
    expect(at(10)).toBe(8);
    expect(at(20)).toBe(4); // halfway between 10 and 30 minutes
    expect(at(30)).toBe(0);
    expect(at(45)).toBe(0);
  });

  it('follows the pack and inject scoring configuration', () => {
    const custom = { ...inject, scoring: { timelinessShare: 0.5 } };
    const cell = scoreCell(custom, { zeroAfter: 2 }, 'A', [
      delivered,
      ev('response.logged', minutes(15), { responseId: 'r', optionIds: [] }),
    ]);
    expect(cell.items.find((i) => i.kind === 'timeliness')).toMatchObject({ points: 8, max: 15 }); // 7.5 in whole points
  });

  it('uses the options of the latest edit of each response', () => {
    const cell = scoreCell(inject, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(1), { responseId: 'r1', optionIds: ['reboot'] }),
      ev('response.edited', minutes(3), { responseId: 'r1', optionIds: ['isolate'] }),
    ]);
    expect(cell.items.find((i) => i.expectedActionId === 'isolate-host')?.points).toBe(20);
  });

  it('lets an evaluator decision override the rule, with who, when and why', () => {
    const cell = scoreCell(inject, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(1), { responseId: 'r1', optionIds: ['isolate'] }),
      ev(
        'evaluation.recorded',
        minutes(5),
        { expectedActionId: 'isolate-host', met: false, reason: 'isolated the wrong host' },
        'user:eva',
      ),
      ev(
        'evaluation.recorded',
        minutes(6),
        { expectedActionId: 'notify', met: true, reason: 'phoned the CISO' },
        'user:eva',
      ),
      ev('score.adjusted', minutes(7), { points: -2, reason: 'shared IOCs publicly' }, 'user:eva'),
    ]);
    const isolate = cell.items.find((i) => i.expectedActionId === 'isolate-host');
    expect(isolate).toMatchObject({ points: 0, source: { evaluator: 'user:eva', reason: 'isolated the wrong host' } });
    expect(cell.items.find((i) => i.expectedActionId === 'notify')?.points).toBe(10);
    expect(cell.items.find((i) => i.kind === 'adjustment')).toMatchObject({
      points: -2,
      source: { reason: 'shared IOCs publicly' },
    });
    expect(cell.points).toBe(10 + 8 - 2);
  });

  it('gives nothing without a response', () => {
    const cell = scoreCell(inject, undefined, 'A', [delivered]);
    expect(cell.points).toBe(0);
    expect(cell.max).toBe(38);
    expect(cell.items.every((i) => 'rule' in i.source)).toBe(true);
  });

  it("counts an action aimed at named teams only in those teams' score and maximum", () => {
    const shared = {
      ...inject,
      to: ['A', 'B'],
      expectedActions: [
        { id: 'isolate-host', text: 'Isolate', points: 20, options: ['isolate'], teams: ['A'] },
        { id: 'notify', text: 'Notify', points: 10, options: ['escalate'] },
        { id: 'brief', text: 'Brief the minister', points: 15, options: [], teams: ['B'] },
      ],
    } satisfies Inject;
    expect(actionsFor(shared, 'A').map((a) => a.id)).toEqual(['isolate-host', 'notify']);
    expect(actionsFor(shared, 'B').map((a) => a.id)).toEqual(['notify', 'brief']);
    const forB = (payload: Record<string, unknown>) => ({ ...payload, teamId: 'B' });
    const b = scoreCell(shared, undefined, 'B', [
      ev('inject.delivered', 60_000, { teamIds: ['A', 'B'] }),
      ev('response.logged', minutes(2), forB({ responseId: 'rb', optionIds: ['isolate', 'escalate'] })),
    ]);
    // B chose "isolate" but that action is A's: it earns B nothing and is not in B's maximum
    expect(b.items.map((i) => i.expectedActionId)).toEqual(['notify', 'brief', null]);
    expect(b.items.find((i) => i.expectedActionId === 'brief')?.source).toEqual({
      rule: 'judgement call: needs an evaluator (no response option maps to it)',
      code: 'action.needsEvaluator',
      params: {},
    });
    // 10 + 15 action points, timeliness 25 % = 6.25 → 6 whole points
    expect(b).toMatchObject({ points: 10 + 6, max: 10 + 15 + 6 });
    const a = scoreCell(shared, undefined, 'A', [ev('inject.delivered', 60_000, { teamIds: ['A', 'B'] })]);
    expect(a.max).toBe(20 + 10 + 8);
  });

  it('keeps every maximum in whole points whatever the action total', () => {
    for (const points of [5, 15, 25, 35, 45, 55]) {
      const odd = {
        ...inject,
        expectedActions: [{ id: 'x', text: 'x', points, options: ['isolate'] }],
      } satisfies Inject;
      const cell = scoreCell(odd, undefined, 'A', [
        delivered,
        ev('response.logged', minutes(13), { responseId: 'r', optionIds: ['isolate'] }),
      ]);
      expect(Number.isInteger(cell.max), `max for ${points} action points`).toBe(true);
      expect(Number.isInteger(cell.points), `points for ${points} action points`).toBe(true);
    }
  });

  const withDistractors = {
    ...inject,
    responseOptions: [
      { id: 'isolate', label: 'Isolate' },
      { id: 'escalate', label: 'Escalate' },
      {
        id: 'reimage-all',
        label: 'Re-image every server tonight',
        distractor: { why: 'destroys the evidence the CERT needs', penalty: 5 },
      },
      {
        id: 'pay',
        label: 'Pay quietly',
        distractor: { why: 'funds the attacker and breaks sanctions', penalty: 0, cap: 0.5 },
      },
    ],
  } satisfies Inject;

  it("takes a distractor's penalty off the inject and names its rule", () => {
    const cell = scoreCell(withDistractors, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate', 'escalate', 'reimage-all'] }),
    ]);
    const penalty = cell.items.find((i) => i.points < 0);
    expect(penalty).toMatchObject({
      kind: 'adjustment',
      points: -5,
      max: 0,
      expectedActionId: null,
      source: {
        rule: 'distractor "reimage-all" chosen (−5): destroys the evidence the CERT needs',
        code: 'distractor.penalty',
        params: { option: 'reimage-all', penalty: 5, why: 'destroys the evidence the CERT needs' },
      },
    });
    expect(cell).toMatchObject({ points: 20 + 10 + 8 - 5, max: 38 });
  });

  it('caps the score of a team that chose a capping distractor, and an evaluator can still correct it', () => {
    const events = [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate', 'escalate', 'pay'] }),
    ];
    const capped = scoreCell(withDistractors, undefined, 'A', events);
    // 38 earned, capped at half of the 38-point maximum
    expect(capped.points).toBe(19);
    expect(capped.items.find((i) => i.points < 0)?.source).toEqual({
      rule: 'score capped at 19 of 38: distractor "pay" chosen: funds the attacker and breaks sanctions',
      code: 'distractor.cap',
      params: { cap: 19, max: 38, option: 'pay', label: 'Pay quietly', why: 'funds the attacker and breaks sanctions' },
    });
    const corrected = scoreCell(withDistractors, undefined, 'A', [
      ...events,
      ev('score.adjusted', minutes(9), { points: 4, reason: 'paid only after legal advice' }, 'user:eva'),
    ]);
    expect(corrected.points).toBe(23);
    // a team that never chose it is not capped
    const fair = scoreCell(withDistractors, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate', 'escalate'] }),
    ]);
    expect(fair.points).toBe(38);
  });

  it('does not cap a score already under the cap, and drops a distractor the team edited away', () => {
    const low = scoreCell(withDistractors, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['pay'] }),
    ]);
    expect(low.items.some((i) => i.kind === 'adjustment')).toBe(false);
    expect(low.points).toBe(8);
    const edited = scoreCell(withDistractors, undefined, 'A', [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate', 'reimage-all'] }),
      ev('response.edited', minutes(3), { responseId: 'r', optionIds: ['isolate'] }),
    ]);
    expect(edited.items.some((i) => i.points < 0)).toBe(false);
  });
  it('holds a cell at its maximum when adjustments would take it beyond, saying what was cut', () => {
    const full = [
      delivered,
      ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate', 'escalate'] }),
    ];
    expect(scoreCell(inject, undefined, 'A', full)).toMatchObject({ points: 38, max: 38 });
    const bonus = scoreCell(inject, undefined, 'A', [
      ...full,
      ev('score.adjusted', minutes(5), { points: 5, reason: 'outstanding coordination' }, 'user:eva'),
    ]);
    expect(bonus).toMatchObject({ points: 38, max: 38 });
    // the evaluator's +5 stays in the trace, and the cut is named
    expect(bonus.items.find((i) => i.kind === 'adjustment' && i.points === 5)?.source).toMatchObject({
      evaluator: 'user:eva',
      reason: 'outstanding coordination',
    });
    expect(bonus.items.at(-1)).toMatchObject({
      kind: 'adjustment',
      points: -5,
      max: 0,
      source: {
        rule: 'held at the maximum of 38: the adjustment would bring this inject to 43',
        code: 'adjustment.heldAtMax',
        params: { max: 38, would: 43 },
      },
    });
    // below the maximum an adjustment counts in full
    const partial = [delivered, ev('response.logged', minutes(2), { responseId: 'r', optionIds: ['isolate'] })];
    expect(
      scoreCell(inject, undefined, 'A', [
        ...partial,
        ev('score.adjusted', minutes(5), { points: 5, reason: 'notified by phone' }, 'user:eva'),
      ]).points,
    ).toBe(33);
    expect(
      scoreCell(inject, undefined, 'A', [
        ...partial,
        ev('score.adjusted', minutes(5), { points: 50, reason: 'x' }, 'user:eva'),
      ]).points,
    ).toBe(38);
    // an inject worth nothing cannot be made to count
    const unscored = { ...inject, expectedActions: [], respondWithin: undefined };
    expect(
      scoreCell(unscored, undefined, 'A', [
        delivered,
        ev('score.adjusted', minutes(5), { points: 10, reason: 'x' }, 'user:eva'),
      ]),
    ).toMatchObject({ points: 0, max: 0 });
    // adjustments apply in turn, each from the score the evaluator saw: a penalty after a cut bonus counts from the maximum
    expect(
      scoreCell(inject, undefined, 'A', [
        ...full,
        ev('score.adjusted', minutes(5), { points: 5, reason: 'x' }, 'user:eva'),
        ev('score.adjusted', minutes(6), { points: -3, reason: 'y' }, 'user:eva'),
      ]).points,
    ).toBe(35);
    // penalties still go below what the rules gave (and below zero)
    expect(
      scoreCell(inject, undefined, 'A', [
        ...partial,
        ev('score.adjusted', minutes(5), { points: -40, reason: 'leaked IOCs' }, 'user:eva'),
      ]).points,
    ).toBe(-12);
  });
});
