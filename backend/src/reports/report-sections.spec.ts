import { describe, expect, it } from 'vitest';
import type { Inject, ScenarioPack } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import { HOTWASH_QUESTIONS, type TeamScore } from './report-model.js';
import { buildReport, readPlayLog, REVIEW_EDIT_EVENTS } from './report-builder.js';
import { buildDecisions } from './report-decisions.js';
import { ANONYMOUS } from './report-values.js';
import {
  buildCoverage,
  buildFindings,
  buildMetrics,
  buildObjectiveRatings,
  buildOverview,
  buildResponses,
  buildRfis,
  buildScores,
  draftFindings,
  reportInjectsOf,
  summariseHotwash,
} from './report-sections.js';
import { REPORT_MESSAGES } from './report-messages.js';

const MIN = 60_000;

const inject = (id: string, extra: Partial<Inject> = {}): Inject => ({
  id,
  offset: 'T+00:00',
  to: 'all',
  channel: 'email',
  from: { name: 'SOC' },
  subject: `Subject of ${id}`,
  body: 'Body',
  artifacts: [],
  tags: { groups: [], attack: [], disarm: [], assumed: [] },
  objectives: [],
  responseOptions: [],
  expectedActions: [],
  meta: {},
  ...extra,
});

const PACK: ScenarioPack = {
  id: 'tiny',
  title: 'Tiny drill',
  summary: 'Two teams, three injects',
  version: '1.0.0',
  duration: '02:00',
  tags: [],
  classification: 'TLP:CLEAR',
  threatActors: ['G0032'],
  teams: [
    { id: 'blue', name: 'Blue', description: 'Defenders' },
    { id: 'red', name: 'Red' },
  ],
  objectives: [
    { id: 'contain', text: 'Contain the outbreak', coreCapability: 'Response' },
    { id: 'inform', text: 'Inform the public', coreCapability: 'Public information' },
  ],
  phases: [],
  injects: [
    inject('phish', {
      respondWithin: '00:10',
      objectives: ['contain'],
      tags: { groups: [], attack: ['T1566'], disarm: [], assumed: ['T1078', 'T1190'] },
      expectedActions: [{ id: 'ea-1', text: 'Block the sender', points: 10, options: [] }],
      responseOptions: [{ id: 'block', label: 'Block' }],
    }),
    inject('press', {
      offset: 'T+00:20',
      respondWithin: '00:05',
      objectives: ['contain', 'inform'],
      tags: { groups: [], attack: ['T1078'], disarm: [], assumed: [] },
    }),
    inject('vote', {
      offset: 'T+00:30',
      decision: {
        id: 'pay',
        question: 'Pay the ransom?',
        options: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No' },
        ],
        mode: 'team',
        allowAbstain: true,
        allowBlock: true,
        deadline: '00:10',
      },
    }),
  ],
};

const TEAMS = [
  { id: 't-blue', key: 'blue', name: 'Blue team' },
  { id: 't-red', key: 'red', name: 'Red team' },
];

function inputs(events: Omit<LoggedEvent, 'id' | 'atMs'>[], over: Partial<ReportInputs> = {}): ReportInputs {
  return {
    exercise: { id: 'ex-1', name: 'Drill', status: 'ended', snapshot: PACK, startedAtMs: 1000, endedAtMs: 9000 },
    scenarioNowMs: 60 * MIN,
    teams: TEAMS,
    participants: [
      { id: 'p-1', teamId: 't-blue', displayName: 'Alice' },
      { id: 'p-2', teamId: 't-blue', displayName: 'Bob' },
    ],
    users: new Map([['u-1', 'Eve Evaluator']]),
    events: events.map((e, i) => ({ ...e, id: i + 1, atMs: 1_000_000 + i * 1000 })),
    responses: [],
    rfis: [],
    savedFindings: null,
    plan: [],
    hotwash: [],
    hotwashQuestions: HOTWASH_QUESTIONS,
    scores: [],
    now: 42,
    lastEventId: events.length,
    ...over,
  };
}

const ev = (type: string, scenarioMs: number | null, payload: Record<string, unknown>, actor = 'system') => ({
  type,
  scenarioMs,
  actor,
  payload,
});
const injectsOf = (pack: ScenarioPack) => new Map(pack.injects.map((i) => [i.id, i]));

/** Blue answers the phish in 4 min (on time) and the press inject in 8 min (late); Red never answers. */
const PLAYED = [
  ev('exercise.started', 0, {}),
  ev('inject.delivered', 0, { injectId: 'phish', teamIds: ['t-blue', 't-red'] }),
  ev('inject.acknowledged', 1 * MIN, { injectId: 'phish', teamId: 't-blue' }, 'participant:p-1'),
  ev('inject.acknowledged', 2 * MIN, { injectId: 'phish', teamId: 't-blue' }, 'participant:p-2'),
  ev('response.logged', 4 * MIN, { injectId: 'phish', teamId: 't-blue', optionIds: ['block'] }, 'participant:p-1'),
  ev('response.logged', 6 * MIN, { injectId: 'phish', teamId: 't-blue' }, 'participant:p-2'),
  ev('inject.delivered', 20 * MIN, { injectId: 'press', teamIds: ['t-blue', 't-red'] }),
  ev('exercise.paused', 21 * MIN, {}),
  ev('inject.acknowledged', 21 * MIN, { injectId: 'press', teamId: 't-blue' }, 'participant:p-1'),
  ev('exercise.resumed', 21 * MIN, {}),
  ev('response.logged', 28 * MIN, { injectId: 'press', teamId: 't-blue' }, 'participant:p-1'),
  ev(
    'objective.rated',
    40 * MIN,
    { teamId: 't-blue', objectiveId: 'contain', rating: 'M', observations: 'slow' },
    'user:u-1',
  ),
  ev(
    'objective.rated',
    41 * MIN,
    { teamId: 't-blue', objectiveId: 'contain', rating: 'S', observations: 'fine after all' },
    'user:u-1',
  ),
  ev('objective.rated', 42 * MIN, { teamId: 't-red', objectiveId: 'contain', rating: 'excellent' }, 'user:u-1'),
  ev('report.findings-saved', null, {}, 'user:u-1'),
];

describe('report log pass', () => {
  it('keeps the first delivery, counts responses, remembers pauses and drops review edits from the timeline', () => {
    const log = readPlayLog(inputs(PLAYED), { hideNames: false });
    expect(log.delivered.get('t-red', 'phish')).toBe(0);
    expect(log.delivered.get('t-blue', 'press')).toBe(20 * MIN);
    expect(log.firstAck.get('t-blue', 'phish')).toEqual({ ms: 1 * MIN, paused: false });
    expect(log.firstAck.get('t-blue', 'press')).toEqual({ ms: 21 * MIN, paused: true });
    expect(log.responseCount.get('t-blue', 'phish')).toBe(2);
    expect(log.ratings.get('t-blue', 'contain')).toMatchObject({
      rating: 'S',
      observations: 'fine after all',
      evaluator: 'Eve Evaluator',
    });
    expect(log.ratings.has('t-red', 'contain')).toBe(false);
    expect(log.timeline).toHaveLength(PLAYED.length - 1);
    expect(log.timeline.some((t) => REVIEW_EDIT_EVENTS.has(t.type))).toBe(false);
    expect(log.timeline.find((t) => t.type === 'response.logged')).toMatchObject({
      actor: 'Alice',
      teamIds: ['t-blue'],
      kind: 'response',
      detail: { optionIds: ['block'] },
    });
  });

  it('names no player when names are hidden', () => {
    const log = readPlayLog(inputs(PLAYED), { hideNames: true });
    expect(new Set(log.timeline.filter((t) => t.type === 'response.logged').map((t) => t.actor))).toEqual(
      new Set([ANONYMOUS]),
    );
  });

  it('marks a delivery late from the delivery records, over the log entry', () => {
    const log = readPlayLog(
      inputs([ev('inject.delivered', 0, { injectId: 'phish', teamIds: ['t-blue', 't-red'] })], {
        deliveries: [
          {
            injectId: 'phish',
            teamId: 't-blue',
            late: true,
            dueAtMs: 1000,
            deliveredAtMs: 1890,
            broadcastStartedAtMs: 1900,
            broadcastEndedAtMs: 2000,
            broadcastBy: 'w1',
          },
          {
            injectId: 'phish',
            teamId: 't-red',
            late: false,
            dueAtMs: 1000,
            deliveredAtMs: 1005,
            broadcastStartedAtMs: 1010,
            broadcastEndedAtMs: 1020,
            broadcastBy: 'w1',
          },
        ],
      }),
      { hideNames: false },
    );
    expect(log.timeline[0]?.detail).toEqual({ late: true, latenessMs: 900 });
  });
});

describe('report sections', () => {
  const inp = inputs(PLAYED);
  const log = readPlayLog(inp, { hideNames: false });
  const injects = injectsOf(PACK);

  it('metrics: on time, late, missed and pending per team; a pause-time acknowledgement stays out of the median', () => {
    const [blue, red] = buildMetrics(TEAMS, log, injects, { ended: true, scenarioNowMs: 60 * MIN });
    expect(blue?.perInject.map((x) => [x.injectId, x.status, x.ackMs, x.firstResponseMs, x.responses])).toEqual([
      ['phish', 'on-time', 1 * MIN, 4 * MIN, 2],
      ['press', 'late', 1 * MIN, 8 * MIN, 1],
    ]);
    expect(blue).toMatchObject({
      injectsDelivered: 2,
      acknowledged: 2,
      responded: 2,
      responses: 3,
      onTime: 1,
      late: 1,
      missed: 0,
      whilePaused: 1,
      medianAckMs: 1 * MIN,
      medianFirstResponseMs: 6 * MIN,
    });
    expect(red).toMatchObject({ injectsDelivered: 2, acknowledged: 0, missed: 2, pending: 0, medianAckMs: null });
    // still running and the press inject's 5 minutes are not up yet: pending, not missed
    const [, redLive] = buildMetrics(TEAMS, log, injects, { ended: false, scenarioNowMs: 22 * MIN });
    expect(redLive?.perInject.map((x) => x.status)).toEqual(['missed', 'pending']);
  });

  it('metrics: a response logged while paused is no reaction time (left out of the median)', () => {
    const l = readPlayLog(
      inputs([
        ev('inject.delivered', 0, { injectId: 'phish', teamIds: ['t-blue'] }),
        ev('exercise.paused', 1 * MIN, {}),
        ev('response.logged', 1 * MIN, { injectId: 'phish', teamId: 't-blue' }),
        ev('exercise.resumed', 1 * MIN, {}),
        ev('inject.delivered', 20 * MIN, { injectId: 'press', teamIds: ['t-blue'] }),
        ev('response.logged', 23 * MIN, { injectId: 'press', teamId: 't-blue' }),
      ]),
      { hideNames: false },
    );
    const [blue] = buildMetrics(TEAMS, l, injects, { ended: true, scenarioNowMs: 60 * MIN });
    expect(blue).toMatchObject({ medianFirstResponseMs: 3 * MIN, whilePaused: 1, onTime: 2 });
  });

  it('scores: totals rounded, sums by objective', () => {
    const scores: TeamScore[] = [
      {
        teamId: 't-blue',
        teamName: 'Blue',
        total: 0.1 + 0.2,
        max: 30,
        items: [
          {
            injectId: 'phish',
            expectedActionId: 'ea-1',
            kind: 'action',
            points: 10 / 3,
            max: 10,
            source: { rule: 'r' },
          },
          { injectId: 'press', expectedActionId: null, kind: 'timeliness', points: 2.5, max: 5, source: { rule: 'r' } },
        ],
      },
    ];
    const s = buildScores(PACK, injects, scores);
    expect(s.source).toBe('scoring-service');
    expect(s.teams[0]?.total).toBe(0.3);
    expect(s.expectedActions).toEqual([{ injectId: 'phish', id: 'ea-1', text: 'Block the sender', points: 10 }]);
    expect(s.byObjective).toEqual([
      { objectiveId: 'contain', teams: [{ teamId: 't-blue', points: 5.83, max: 15 }] },
      { objectiveId: 'inform', teams: [{ teamId: 't-blue', points: 2.5, max: 5 }] },
    ]);
  });

  it('objective ratings: the latest valid rating per team, null where none', () => {
    const o = buildObjectiveRatings(PACK, TEAMS, log.ratings);
    expect(o[0]?.teams).toEqual([
      {
        teamId: 't-blue',
        rating: 'S',
        observations: 'fine after all',
        evaluator: 'Eve Evaluator',
        at: inp.events[12]?.atMs,
        eventId: 13,
      },
      { teamId: 't-red', rating: null, observations: '', evaluator: null, at: null, eventId: null },
    ]);
  });

  it('coverage: one row per technique, assumed only when every tag is, with per-team counts', () => {
    const metrics = buildMetrics(TEAMS, log, injects, { ended: true, scenarioNowMs: 60 * MIN });
    const rows = buildCoverage(injects, metrics, [
      {
        teamId: 't-blue',
        teamName: 'Blue',
        total: 4,
        max: 10,
        items: [
          { injectId: 'phish', expectedActionId: 'ea-1', kind: 'action', points: 4, max: 10, source: { rule: 'r' } },
        ],
      },
    ]);
    expect(rows.map((r) => [r.framework, r.techniqueId, r.assumed, r.injectIds])).toEqual([
      ['attack', 'T1078', false, ['phish', 'press']],
      ['attack', 'T1190', true, ['phish']],
      ['attack', 'T1566', false, ['phish']],
    ]);
    expect(rows[0]?.teams).toEqual([
      { teamId: 't-blue', delivered: 2, responded: 2, onTime: 1, points: 4, max: 10 },
      { teamId: 't-red', delivered: 2, responded: 0, onTime: 0, points: 0, max: 0 },
    ]);
    expect(rows[2]?.teams).toEqual([
      { teamId: 't-blue', delivered: 1, responded: 1, onTime: 1, points: 4, max: 10 },
      { teamId: 't-red', delivered: 1, responded: 0, onTime: 0, points: 0, max: 0 },
    ]);
  });

  it('findings: drafted from ratings, the latest evaluator mark and response times; saved findings win', () => {
    const events = [
      ...PLAYED,
      ev(
        'evaluation.recorded',
        30 * MIN,
        { teamId: 't-red', injectId: 'phish', expectedActionId: 'ea-1', met: false, reason: 'first mark' },
        'user:u-1',
      ),
      ev(
        'evaluation.recorded',
        31 * MIN,
        { teamId: 't-red', injectId: 'phish', expectedActionId: 'ea-1', met: true, reason: 'corrected mark' },
        'user:u-1',
      ),
    ];
    const i = inputs(events);
    const l = readPlayLog(i, { hideNames: false });
    const metrics = buildMetrics(TEAMS, l, injects, { ended: true, scenarioNowMs: 60 * MIN });
    const objectives = buildObjectiveRatings(PACK, TEAMS, l.ratings);
    const f = buildFindings(i, objectives, metrics, injects, reportInjectsOf(PACK, i.events));
    expect(f.drafted).toBe(true);
    expect(f.strengths.map((x) => x.text)).toEqual([
      'Blue team — Contain the outbreak (S): fine after all',
      'Red team — “Subject of phish”: corrected mark',
    ]);
    expect(f.improvements.map((x) => x.text)).toEqual([
      'Blue team answered 1 late of the 2 injects with a response target.',
      'Red team did not answer 2 of the 2 injects with a response target.',
    ]);
    expect([...f.strengths, ...f.improvements].map((x) => x.draft)).toEqual([
      {
        code: 'rating',
        params: { team: 'Blue team', objective: 'Contain the outbreak', rating: 'S', observations: 'fine after all' },
      },
      { code: 'evaluation', params: { team: 'Red team', inject: 'Subject of phish', reason: 'corrected mark' } },
      { code: 'late', params: { team: 'Blue team', late: 1, missed: 0, targeted: 2 } },
      { code: 'late', params: { team: 'Red team', late: 0, missed: 2, targeted: 2 } },
    ]);

    // the Korean edition drafts the same findings in Korean from the names it is given (the pack's
    // translation); what the evaluators wrote stays as written
    const ko = draftFindings(
      objectives.map((o) => ({ ...o, text: '확산 차단' })),
      metrics,
      i.events,
      new Map([
        ['t-blue', '청팀'],
        ['t-red', '홍팀'],
      ]),
      (id) => `${id} 제목`,
      REPORT_MESSAGES.ko,
    );
    expect(ko.map((x) => [x.kind, x.text])).toEqual([
      ['strength', '청팀 — 확산 차단: 일부 어려움 속 수행(S) — fine after all'],
      ['strength', '홍팀 — “phish 제목”: corrected mark'],
      ['improvement', '청팀은(는) 대응 목표 시간이 있는 상황 메시지 2건 중 1건 지연 대응.'],
      ['improvement', '홍팀은(는) 대응 목표 시간이 있는 상황 메시지 2건 중 2건 미대응.'],
    ]);
    expect(ko.map((x) => x.draft?.code)).toEqual(['rating', 'evaluation', 'late', 'late']);

    const saved = buildFindings(
      {
        ...i,
        savedFindings: [
          { id: 'f-1', kind: 'improvement', text: 'Saved', objectiveId: null, teamId: null, evidence: [] },
        ],
      },
      objectives,
      metrics,
      injects,
      [],
    );
    expect(saved).toEqual({
      drafted: false,
      strengths: [],
      improvements: [{ id: 'f-1', kind: 'improvement', text: 'Saved', objectiveId: null, teamId: null, evidence: [] }],
    });
  });

  it('decisions: a team decision with its latest vote per team and its outcome label', () => {
    const events = inputs([
      ev('inject.delivered', 30 * MIN, { injectId: 'vote', teamIds: ['t-blue'] }),
      ev('decision.opened', 30 * MIN, {
        decisionId: 'pay',
        injectId: 'vote',
        mode: 'team',
        memberTeamIds: ['t-blue'],
        deadlineScenarioMs: 40 * MIN,
      }),
      ev('decision.vote', 31 * MIN, { decisionId: 'pay', teamId: 't-blue', choice: 'yes' }),
      ev('decision.vote', 32 * MIN, { decisionId: 'pay', teamId: 't-blue', choice: 'no' }),
      ev('decision.extended', 33 * MIN, { decisionId: 'pay', deadlineScenarioMs: 45 * MIN }),
      ev('decision.closed', 34 * MIN, { decisionId: 'pay', teamId: 't-blue', outcome: 'no' }),
    ]).events;
    const [d, ...more] = buildDecisions(
      events,
      injects,
      readPlayLog(inputs([]), { hideNames: false }).delivered,
      ['t-blue', 't-red'],
      new Map(TEAMS.map((t) => [t.key, t])),
    );
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      decisionId: 'pay',
      injectId: 'vote',
      question: 'Pay the ransom?',
      status: 'closed',
      outcome: 'no',
      outcomeLabel: 'No',
      forced: false,
      deadlineScenarioMs: 45 * MIN,
      closedScenarioMs: 34 * MIN,
    });
    expect(d?.votes.map((v) => [v.teamId, v.choice, v.choiceLabel])).toEqual([['t-blue', 'no', 'No']]);
  });

  it('overview: ad-hoc injects listed after the pack, participant names only when shown', () => {
    const events = [
      ev('inject.adhoc-created', 5 * MIN, { injectId: 'adhoc-1', subject: 'Extra' }),
      ev('inject.adhoc-created', 5 * MIN, { injectId: 'phish', subject: 'dup' }),
    ];
    const ri = reportInjectsOf(PACK, inputs(events).events);
    expect(ri.map((i) => [i.id, i.subject])).toEqual([
      ...PACK.injects.map((i) => [i.id, i.subject]),
      ['adhoc-1', 'Extra'],
    ]);
    const shown = buildOverview(inp, false, ri);
    expect(shown.teams[0]).toEqual({
      id: 't-blue',
      key: 'blue',
      name: 'Blue team',
      description: 'Defenders',
      participants: 2,
      participantNames: ['Alice', 'Bob'],
    });
    expect(shown.threatActorGroups[0]?.id).toBe('G0032');
    expect(shown.coreCapabilities).toEqual(['Response', 'Public information']);
    expect(buildOverview(inp, true, ri).teams[0]?.participantNames).toEqual([]);
  });

  it('RFIs and responses: players anonymous when names are hidden, control keeps its name', () => {
    const rfis = [
      {
        threadId: 'th',
        teamId: 't-blue',
        subject: 's',
        to: 'EXCON',
        openedScenarioMs: 0,
        messages: [
          { from: 'team' as const, authorName: 'Alice', text: 'q', at: 0, scenarioMs: 0 },
          { from: 'control' as const, authorName: 'EXCON desk', text: 'a', at: 1, scenarioMs: 1 },
        ],
      },
    ];
    expect(buildRfis(rfis, true, 'en')[0]?.messages.map((m) => m.authorName)).toEqual([ANONYMOUS, 'EXCON desk']);
    expect(buildRfis(rfis, false, 'en')[0]?.messages.map((m) => m.authorName)).toEqual(['Alice', 'EXCON desk']);
    const responses = [
      {
        id: 'r',
        teamId: 't-blue',
        injectId: 'phish',
        authorName: 'Alice',
        text: 't',
        optionIds: [],
        scenarioMs: 0,
        createdAt: 0,
        updatedAt: 0,
      },
    ];
    expect(buildResponses(responses, true, 'en')[0]?.authorName).toBe(ANONYMOUS);
    expect(buildResponses(responses, false, 'en')[0]?.authorName).toBe('Alice');
  });

  it('marks what people wrote with its language: as recorded, else the pack source; control answers carry none', () => {
    const rfis = [
      {
        threadId: 'th',
        teamId: 't-blue',
        subject: 's',
        to: 'EXCON',
        openedScenarioMs: 0,
        messages: [
          { from: 'team' as const, authorName: 'Alice', text: '질문', at: 0, scenarioMs: 0, language: 'ko' },
          { from: 'team' as const, authorName: 'Bob', text: 'q', at: 0, scenarioMs: 0 },
          { from: 'control' as const, authorName: 'EXCON desk', text: 'a', at: 1, scenarioMs: 1 },
        ],
      },
    ];
    expect(buildRfis(rfis, false, 'en')[0]?.messages.map((m) => m.language)).toEqual(['ko', 'en', null]);
    const base = {
      teamId: 't-blue',
      injectId: 'phish',
      authorName: 'Alice',
      text: 't',
      optionIds: [],
      scenarioMs: 0,
      createdAt: 0,
      updatedAt: 0,
    };
    expect(
      buildResponses(
        [
          { ...base, id: 'a', language: 'ko' },
          { ...base, id: 'b', language: null },
        ],
        false,
        'en',
      ).map((r) => r.language),
    ).toEqual(['ko', 'en']);
  });

  it('hotwash: mean, 1–5 distribution and per-team means of rating questions; non-empty text answers', () => {
    const rating = HOTWASH_QUESTIONS.find((q) => q.kind === 'rating');
    const text = HOTWASH_QUESTIONS.find((q) => q.kind === 'text');
    if (!rating || !text) throw new Error('the hotwash questions need a rating and a text question');
    const h = summariseHotwash(
      inputs([], {
        hotwash: [
          { teamId: 't-blue', ratings: { [rating.id]: 5 }, answers: { [text.id]: '  Good pace  ' } },
          { teamId: 't-red', ratings: {}, answers: { [text.id]: '좋은 속도' }, language: 'ko' },
          { teamId: 't-blue', ratings: { [rating.id]: 4 }, answers: { [text.id]: '   ' } },
          { teamId: 't-red', ratings: { [rating.id]: 2 }, answers: {} },
        ],
      }),
    );
    const r = h.ratings.find((x) => x.questionId === rating.id);
    expect(h.submissions).toBe(4);
    expect(r).toEqual({
      questionId: rating.id,
      mean: 3.67,
      distribution: [0, 1, 0, 1, 1],
      byTeam: [
        { teamId: 't-blue', mean: 4.5, count: 2 },
        { teamId: 't-red', mean: 2, count: 1 },
      ],
    });
    // each answer marked with the language it was written in (the pack's source when not recorded)
    expect(h.comments).toEqual([
      { questionId: text.id, teamId: 't-blue', text: 'Good pace', language: 'en' },
      { questionId: text.id, teamId: 't-red', text: '좋은 속도', language: 'ko' },
    ]);
  });

  it('buildReport puts the sections together: final once ended, draft while running', () => {
    const report = buildReport(inp, { hideNames: false });
    expect(report.state).toBe('final');
    expect(report.metrics).toEqual(buildMetrics(TEAMS, log, injects, { ended: true, scenarioNowMs: 60 * MIN }));
    expect(report.timeline).toEqual(log.timeline);
    expect(report.deliveryAccuracy).toBeNull();
    expect(buildReport({ ...inp, exercise: { ...inp.exercise, status: 'running' } }, { hideNames: false }).state).toBe(
      'draft',
    );
  });
});
