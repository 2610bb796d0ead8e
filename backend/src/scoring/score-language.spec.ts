import { describe, expect, it } from 'vitest';
import type { Inject, ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { scoreCell, type ScoringEvent } from './score-rules.js';
import { scoreItemsIn, withTeamWording } from './score-language.js';

const inject = {
  id: 'swift',
  to: 'all',
  channel: 'email',
  from: { name: 'Bank CISO' },
  subject: 'SWIFT messages altered',
  body: 'b',
  artifacts: [],
  tags: { groups: [], attack: [], disarm: [], assumed: [] },
  objectives: [],
  meta: {},
  responseOptions: [
    { id: 'recall', label: 'Recall the payments' },
    {
      id: 'rebuild-first',
      label: 'Wipe and rebuild the SAA server first',
      distractor: { why: 'wipes the evidence while payments can still be recalled', penalty: 5 },
    },
    {
      id: 'pay',
      label: 'Pay the ransom quietly',
      distractor: { why: 'funds the attacker and breaks sanctions', cap: 0.5, penalty: 0 },
    },
  ],
  expectedActions: [{ id: 'recall-payments', text: 'Recall', points: 20, options: ['recall'] }],
} satisfies Inject;

const KO_REBUILD = '회수할 수 있는 지급 건이 남아 있는데 증거를 지웁니다';
const KO_PAY = '공격자에게 자금을 대고 제재를 위반합니다';
const KO_REBUILD_LABEL = 'SAA 서버를 먼저 초기화하고 재구축';
const KO_RECALL_LABEL = '지급 회수';
const pack = {
  language: 'en',
  translations: {
    ko: {
      pack: {},
      injects: {
        swift: {
          responseOptions: { 'rebuild-first': KO_REBUILD_LABEL, recall: KO_RECALL_LABEL },
          distractors: { 'rebuild-first': { why: KO_REBUILD }, pay: { why: KO_PAY } },
        },
      },
    },
    ja: { pack: {}, injects: {} },
  },
} satisfies Pick<ScenarioPack, 'language' | 'translations'>;

let seq = 0;
const ev = (type: string, payload: Record<string, unknown>): ScoringEvent => ({
  id: ++seq,
  type,
  atMs: 1000 + seq,
  scenarioMs: 60_000,
  actor: 'system',
  payload: { injectId: 'swift', teamId: 'A', ...payload },
});
const cell = scoreCell(inject, undefined, 'A', [
  ev('inject.delivered', { teamIds: ['A'] }),
  ev('response.logged', { responseId: 'r', optionIds: ['recall', 'rebuild-first', 'pay'] }),
]);
const rules = (items: typeof cell.items) =>
  items.flatMap((i) => ('rule' in i.source && i.source.code?.startsWith('distractor.') ? [i.source] : []));

describe('score items in the reader’s language', () => {
  it("gives a distractor's penalty and cap the pack's translation of its label and why, nothing else changed", () => {
    const ko = scoreItemsIn(cell.items, pack, 'ko');
    expect(rules(ko)).toEqual([
      {
        code: 'distractor.penalty',
        params: { option: 'rebuild-first', label: KO_REBUILD_LABEL, penalty: 5, why: KO_REBUILD },
        rule: 'distractor "rebuild-first" chosen (−5): wipes the evidence while payments can still be recalled',
      },
      {
        code: 'distractor.cap',
        // no translated label for "pay": the source's
        params: { cap: 10, max: 20, option: 'pay', label: 'Pay the ransom quietly', why: KO_PAY },
        rule: 'score capped at 10 of 20: distractor "pay" chosen: funds the attacker and breaks sanctions',
      },
    ]);
    expect(ko.map((i) => [i.kind, i.points, i.max])).toEqual(cell.items.map((i) => [i.kind, i.points, i.max]));
  });

  it('keeps the source’s why in the source language, in a language without it, and for cells stored before codes', () => {
    expect(scoreItemsIn(cell.items, pack, 'en')).toBe(cell.items);
    expect(rules(scoreItemsIn(cell.items, pack, 'ja')).map((s) => s.params?.why)).toEqual([
      'wipes the evidence while payments can still be recalled',
      'funds the attacker and breaks sanctions',
    ]);
    const old = [{ injectId: 'swift', source: { rule: 'distractor "pay" chosen (−5): funds the attacker' } }];
    expect(scoreItemsIn(old, pack, 'ko')).toEqual(old);
  });

  it('names a chosen option by its label, translated where the pack has it', () => {
    const chosen = (items: typeof cell.items) =>
      items.flatMap((i) => ('rule' in i.source && i.source.code === 'option.chosen' ? [i.source.params] : []));
    expect(chosen(cell.items)).toEqual([{ option: 'recall', label: 'Recall the payments' }]);
    expect(chosen(scoreItemsIn(cell.items, pack, 'ko'))).toEqual([{ option: 'recall', label: KO_RECALL_LABEL }]);
  });

  it('gives staff the team’s words beside a distractor line where the team read another language', () => {
    const beside = (reader: string, team: string[]) =>
      withTeamWording(cell.items, pack, reader, team).flatMap((i) =>
        'rule' in i.source && i.source.code?.startsWith('distractor.') ? [i.teamWording ?? null] : [],
      );
    // an English reader of a team that played in Korean (and English): the Korean words beside
    expect(beside('en', ['en', 'ko'])).toEqual([
      [{ language: 'ko', label: KO_REBUILD_LABEL, why: KO_REBUILD }],
      [{ language: 'ko', label: 'Pay the ransom quietly', why: KO_PAY }],
    ]);
    // a Korean reader: the Korean words shown, the English (source) beside them
    const ko = withTeamWording(cell.items, pack, 'ko', ['en']);
    expect(rules(ko).map((r) => r.params?.why)).toEqual([KO_REBUILD, KO_PAY]);
    expect(beside('ko', ['en'])).toEqual([
      [
        {
          language: 'en',
          label: 'Wipe and rebuild the SAA server first',
          why: 'wipes the evidence while payments can still be recalled',
        },
      ],
      [{ language: 'en', label: 'Pay the ransom quietly', why: 'funds the attacker and breaks sanctions' }],
    ]);
    // the team read what the reader reads, or a language without a translation of these words: nothing beside
    expect(beside('en', ['en'])).toEqual([null, null]);
    expect(beside('en', ['ja'])).toEqual([null, null]);
  });
});
