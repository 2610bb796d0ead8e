import { describe, expect, it } from 'vitest';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { scoreCell, type ScoringEvent } from './score-rules.js';

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
const ev = (type: string, scenarioMs: number, payload: Record<string, unknown>, actor = 'system'): ScoringEvent => ({ id: ++seq, type, atMs: 1000 + seq, scenarioMs, actor, payload: { injectId: 'edr', teamId: 'A', ...payload } });
const delivered = ev('inject.delivered', 60_000, { teamIds: ['A'] });
const minutes = (m: number) => 60_000 + m * 60_000;

describe('score rules', () => {
  it('gives an expected action its points when a response chose one of its options', () => {
    const cell = scoreCell(inject, undefined, 'A', [delivered, ev('response.logged', minutes(2), { responseId: 'r1', optionIds: ['isolate'] })]);
    expect(cell.items.find((i) => i.expectedActionId === 'isolate-host')?.points).toBe(20);
    expect(cell.items.find((i) => i.expectedActionId === 'notify')?.points).toBe(0);
    // timeliness: 25 % of 30 action points, full within the 10-minute target
    expect(cell.items.find((i) => i.kind === 'timeliness')).toMatchObject({ points: 7.5, max: 7.5 });
    expect(cell).toMatchObject({ points: 27.5, max: 37.5 });
  });

  it('scores timeliness linearly down to zero at three times the target', () => {
    const at = (m: number) => scoreCell(inject, undefined, 'A', [delivered, ev('response.logged', minutes(m), { responseId: 'r', optionIds: [] })]).items.find((i) => i.kind === 'timeliness')?.points;
    expect(at(10)).toBe(7.5);
    expect(at(20)).toBe(3.8); // halfway between 10 and 30 minutes, rounded to 0.1
    expect(at(30)).toBe(0);
    expect(at(45)).toBe(0);
  });

  it('follows the pack and inject scoring configuration', () => {
    const custom = { ...inject, scoring: { timelinessShare: 0.5 } };
    const cell = scoreCell(custom, { zeroAfter: 2 }, 'A', [delivered, ev('response.logged', minutes(15), { responseId: 'r', optionIds: [] })]);
    expect(cell.items.find((i) => i.kind === 'timeliness')).toMatchObject({ points: 7.5, max: 15 });
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
      ev('evaluation.recorded', minutes(5), { expectedActionId: 'isolate-host', met: false, reason: 'isolated the wrong host' }, 'user:eva'),
      ev('evaluation.recorded', minutes(6), { expectedActionId: 'notify', met: true, reason: 'phoned the CISO' }, 'user:eva'),
      ev('score.adjusted', minutes(7), { points: -2, reason: 'shared IOCs publicly' }, 'user:eva'),
    ]);
    const isolate = cell.items.find((i) => i.expectedActionId === 'isolate-host');
    expect(isolate).toMatchObject({ points: 0, source: { evaluator: 'user:eva', reason: 'isolated the wrong host' } });
    expect(cell.items.find((i) => i.expectedActionId === 'notify')?.points).toBe(10);
    expect(cell.items.find((i) => i.kind === 'adjustment')).toMatchObject({ points: -2, source: { reason: 'shared IOCs publicly' } });
    expect(cell.points).toBe(10 + 7.5 - 2);
  });

  it('gives nothing without a response', () => {
    const cell = scoreCell(inject, undefined, 'A', [delivered]);
    expect(cell.points).toBe(0);
    expect(cell.max).toBe(37.5);
    expect(cell.items.every((i) => 'rule' in i.source)).toBe(true);
  });
});
