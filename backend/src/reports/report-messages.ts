/**
 * The after-action report's own words (headings, table headers, labels, built sentences) in every
 * language the report can be handed out in. One typed catalogue: a language misses no message, since
 * each one is checked against `ReportMessages`. The report page has its own words in the interface's message files.
 *
 * The scenario's words (pack title, objectives, inject subjects, options) come from the pack's
 * translations (report-language.ts); what people wrote is never translated.
 */
import type {
  CapabilityElement,
  FindingDraft,
  ImprovementStatus,
  InjectResponseStatus,
  Rating,
} from './report-model.js';

export const REPORT_LANGUAGES = ['en', 'ko'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

type Sections =
  | 'overview'
  | 'objectives'
  | 'findings'
  | 'metrics'
  | 'scores'
  | 'coverage'
  | 'decisions'
  | 'timeline'
  | 'rfis'
  | 'hotwash'
  | 'plan'
  | 'delivery'
  | 'responses';

export interface ReportMessages {
  language: ReportLanguage;
  /** BCP 47 locale and time zone for wall-clock times */
  locale: string;
  timeZone: string;
  /** the zone's name after a wall time: "UTC", "KST" */
  zoneLabel: string;
  title: (exerciseName: string, team: string | null) => string;
  planTitle: (exerciseName: string) => string;
  pageOf: (page: number, pages: number) => string;
  sections: Record<Sections, string>;
  state: { final: string; draft: string; finalReport: string; liveDraftBanner: string };
  generated: (when: string) => string;
  /** the PDF's line under the title */
  pdfSubtitle: (state: string, when: string, classification: string) => string;
  generatedFormat: (state: string, when: string, schema: string) => string;
  overview: {
    scenario: string;
    pack: string;
    classification: string;
    dates: string;
    datesLine: (started: string, ended: string, reached: string, planned: string) => string;
    audience: string;
    threatActors: string;
    coreCapabilities: string;
    participatingTeams: string;
    objectives: string;
  };
  h: {
    team: string;
    description: string;
    participants: string;
    phase: string;
    start: string;
    summary: string;
    objective: string;
    coreCapability: string;
    rating: string;
    observations: string;
    evaluator: string;
    injects: string;
    acknowledged: string;
    responded: string;
    medianAck: string;
    medianFirstResponse: string;
    onTime: string;
    late: string;
    missed: string;
    inject: string;
    delivered: string;
    ackAfter: string;
    firstResponseAfter: string;
    target: string;
    status: string;
    responses: string;
    measure: string;
    median: string;
    worst: string;
    points: string;
    of: string;
    item: string;
    kind: string;
    max: string;
    source: string;
    framework: string;
    technique: string;
    teamsAnswered: string;
    vote: string;
    at: string;
    reasonStated: string;
    question: string;
    mean: string;
    exerciseTime: string;
    wallTime: string;
    wallTimeZone: string;
    event: string;
    teams: string;
    objectiveCapability: string;
    author: string;
    response: string;
    language: string;
    options: string;
  };
  /** the PDF's narrower column headers (an A4 page has less room than a Markdown table) */
  short: {
    acked: string;
    medianAck: string;
    medianFirstResponse: string;
    ackAfter: string;
    firstResponse: string;
    responses: string;
    element: string;
    organisation: string;
  };
  notRated: string;
  ratingsLegend: string;
  coreCapabilityLine: string;
  draftedNote: string;
  strengths: string;
  improvements: string;
  timingNote: string;
  duringPause: string;
  deliveryNote: string;
  deliveryStarted: string;
  deliveryEnded: string;
  deliveryCounts: (broadcasts: number, late: number, lateAfterS: number, unrecorded: number) => string[];
  scoresHidden: string;
  scoreSource: string;
  scoreByObjective: string;
  noTechniques: string;
  assumed: string;
  coverageCell: (responded: number, delivered: number, onTime: number, pts: string | null) => string;
  noDecisions: string;
  decisionMode: (mode: 'team' | 'consensus', members: string) => string;
  decisionStatus: (status: 'open' | 'closed' | 'not-opened', outcome: string | null, forced: boolean) => string;
  decisionTimes: (opened: string, deadline: string, closed: string) => string;
  noVotes: string;
  none: string;
  noResponses: string;
  surveyResponses: (n: number) => string;
  capabilityElementsLine: string;
  noCorrectiveActions: string;
  byInjectAcrossTeams: string;
  byInjectNote: (rows: number) => string;
  timelineCondensed: (n: number) => string;
  condensedLine: (count: number, kind: 'acknowledgement' | 'response', teams: number, inject: string) => string;
  responsesCapped: (shown: number, total: number) => string;
  planHeaders: {
    issue: string;
    correctiveAction: string;
    element: string;
    organisation: string;
    poc: string;
    start: string;
    completion: string;
    status: string;
    objective: string;
  };
  ratings: Record<Rating, string>;
  status: Record<InjectResponseStatus, string>;
  capabilityElements: Record<CapabilityElement, string>;
  planStatus: Record<ImprovementStatus, string>;
  scoreKind: Record<'action' | 'timeliness' | 'adjustment', string>;
  /** a scoring rule by its code (score-rules.ts), or null to keep the rule's English sentence */
  scoreRule: (code: string, p: Readonly<Record<string, string | number>>) => string | null;
  hotwashQuestions: Record<string, string>;
  participantsCount: (n: number) => string;
  /** a drafted finding (ratings, the evaluators' latest marks, response times), by its code */
  draftedFinding: (draft: FindingDraft) => string;
  duration: (h: number, m: number, s: number) => string;
  lateBy: (m: number, s: string) => string;
  /** CSV column names */
  csv: { responses: string[]; scores: string[]; plan: string[] };
  /** the timeline's sentences */
  tl: {
    clock: Record<string, string>;
    speedTo: (x: string) => string;
    by: (who: string) => string;
    aTeam: string;
    noTeam: string;
    exerciseControl: string;
    control: string;
    delivered: (subject: string, teams: string, late: string | null) => string;
    late: (by: string | null) => string;
    fired: (who: string, subject: string) => string;
    skipped: (who: string, subject: string) => string;
    adhoc: (who: string, subject: string) => string;
    released: (subject: string) => string;
    joined: (who: string, team: string) => string;
    removed: (who: string, team: string) => string;
    codeRotated: (who: string, team: string) => string;
    seatCap: (who: string, team: string, seats: number | null) => string;
    acknowledged: (team: string, subject: string, who: string) => string;
    responded: (team: string, subject: string, who: string, options: string) => string;
    edited: (team: string, subject: string, who: string) => string;
    asked: (team: string, to: string, subject: string) => string;
    controlAnswered: (author: string, team: string) => string;
    teamWrote: (team: string, who: string) => string;
    journal: (who: string, text: string) => string;
    settings: (who: string) => string;
    decisionOpened: (decision: string, teams: string) => string;
    voted: (team: string, choice: string, decision: string, reason: string | null) => string;
    decisionClosed: (decision: string, outcome: string | null, forcedBy: string | null) => string;
    extended: (who: string, decision: string) => string;
    evaluated: (who: string, team: string, subject: string, met: boolean) => string;
    adjusted: (who: string, team: string, subject: string, points: number) => string;
    rated: (who: string, team: string, rating: string, objective: string) => string;
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const EN: ReportMessages = {
  language: 'en',
  locale: 'en-GB',
  timeZone: 'UTC',
  zoneLabel: 'UTC',
  title: (name, team) => `After-Action Report${team ? ` — ${team} (player edition)` : ''}: ${name}`,
  planTitle: (name) => `Improvement plan: ${name}`,
  pageOf: (page, pages) => `page ${page} of ${pages}`,
  sections: {
    overview: 'Exercise overview',
    objectives: 'Objectives and core capabilities',
    findings: 'Strengths and areas for improvement',
    metrics: 'Team performance',
    scores: 'Score breakdown',
    coverage: 'ATT&CK and DISARM coverage',
    decisions: 'Decision log',
    timeline: 'Timeline',
    rfis: 'Requests for information',
    hotwash: 'Hotwash',
    plan: 'Improvement plan',
    delivery: 'Delivery accuracy',
    responses: 'Team responses',
  },
  state: { final: 'Final', draft: 'Live draft', finalReport: 'Final report', liveDraftBanner: 'LIVE DRAFT' },
  generated: (when) => `Generated ${when}`,
  pdfSubtitle: (state, when, cls) => `${state} generated ${when} — ${cls}`,
  generatedFormat: (state, when, schema) => `${state} — generated ${when}; format ${schema}`,
  overview: {
    scenario: 'Scenario',
    pack: 'pack',
    classification: 'Classification',
    dates: 'Dates',
    datesLine: (started, ended, reached, planned) =>
      `started ${started}, ended ${ended}; exercise clock reached ${reached} of a planned ${planned}`,
    audience: 'Scope / audience',
    threatActors: 'Threat actors',
    coreCapabilities: 'Core capabilities',
    participatingTeams: 'Participating teams',
    objectives: 'Objectives',
  },
  h: {
    team: 'Team',
    description: 'Description',
    participants: 'Participants',
    phase: 'Phase',
    start: 'Start',
    summary: 'Summary',
    objective: 'Objective',
    coreCapability: 'Core capability',
    rating: 'Rating',
    observations: 'Observations',
    evaluator: 'Evaluator',
    injects: 'Injects',
    acknowledged: 'Acknowledged',
    responded: 'Responded',
    medianAck: 'Median time to acknowledge',
    medianFirstResponse: 'Median time to first response',
    onTime: 'On time',
    late: 'Late',
    missed: 'Missed',
    inject: 'Inject',
    delivered: 'Delivered',
    ackAfter: 'Acknowledged after',
    firstResponseAfter: 'First response after',
    target: 'Target',
    status: 'Status',
    responses: 'Responses',
    measure: 'Measure',
    median: 'Median (p50)',
    worst: 'Worst',
    points: 'Points',
    of: 'Of',
    item: 'Item',
    kind: 'Kind',
    max: 'Max',
    source: 'Source',
    framework: 'Framework',
    technique: 'Technique',
    teamsAnswered: 'Teams answered',
    vote: 'Vote',
    at: 'At',
    reasonStated: 'Reason stated',
    question: 'Question',
    mean: 'Mean (1–5)',
    exerciseTime: 'Exercise time',
    wallTime: 'Wall time',
    wallTimeZone: 'Wall time (UTC)',
    event: 'Event',
    teams: 'Teams',
    objectiveCapability: 'Objective (core capability)',
    author: 'Author',
    response: 'Response (as written)',
    language: 'Language',
    options: 'Options chosen',
  },
  short: {
    acked: 'Acked',
    medianAck: 'Median ack',
    medianFirstResponse: 'Median 1st response',
    ackAfter: 'Ack after',
    firstResponse: '1st response',
    responses: 'Resp.',
    element: 'Element',
    organisation: 'Organisation',
  },
  notRated: 'not rated',
  ratingsLegend: 'Ratings',
  coreCapabilityLine: 'Core capability',
  draftedNote: 'Drafted from evaluator notes and response times; edit before release.',
  strengths: 'Strengths',
  improvements: 'Areas for improvement',
  timingNote:
    'Times are on the exercise clock, from delivery to the team. The clock stands still while the exercise is paused: an acknowledgement or response logged during a pause counts (on time if its target had not passed) but its time is marked “during a pause” and left out of the medians.',
  duringPause: 'during a pause',
  deliveryNote:
    'How close to their planned instants the injects reached the teams, as each broadcast recorded it: from the instant an inject was due to the start of its broadcast to the teams, and to its end (every connected player handed the inject).',
  deliveryStarted: 'Broadcast started after its instant',
  deliveryEnded: 'Broadcast ended after its instant',
  deliveryCounts: (b, late, s, un) => [
    `${b} broadcast(s) measured`,
    `${late} delivery(ies) late (broadcast over ${s} s after the instant: after a restart or a stall); each is marked in the timeline`,
    `${un} delivery(ies) without a recorded broadcast time`,
  ],
  scoresHidden: 'Scores are not shared with teams for this exercise.',
  scoreSource: 'Scores as recorded during the exercise: the pack’s scoring rules and the evaluators’ marks.',
  scoreByObjective: 'Score by objective',
  noTechniques: 'No tagged techniques were played.',
  assumed: '(assumed)',
  coverageCell: (r, d, o, pts) => `${r}/${d} answered, ${o} on time${pts ? `, ${pts} pts` : ''}`,
  noDecisions: 'No decisions.',
  decisionMode: (mode, members) => `Mode: ${mode}; members: ${members}`,
  decisionStatus: (status, outcome, forced) =>
    `Status: ${status}${outcome ? `; outcome: ${outcome}${forced ? ' (forced by exercise control)' : ''}` : ''}`,
  decisionTimes: (o, d, c) => `Opened ${o}, deadline ${d}, closed ${c}`,
  noVotes: 'No votes.',
  none: 'None.',
  noResponses: 'No responses logged.',
  surveyResponses: (n) => `${n} survey response(s).`,
  capabilityElementsLine: 'Capability elements',
  noCorrectiveActions: 'No corrective actions recorded yet.',
  byInjectAcrossTeams: 'By inject, across teams',
  byInjectNote: (rows) =>
    `${rows} team × inject rows: counted per inject here; the Markdown, JSON and responses CSV exports list each team's row.`,
  timelineCondensed: (n) =>
    `${n} entries: acknowledgements and responses are counted per inject here; the JSON and Markdown exports list every entry.`,
  condensedLine: (count, kind, teams, inject) =>
    `${count} ${kind === 'acknowledgement' ? 'acknowledgement(s)' : 'response(s)'} from ${teams} team(s) to “${inject}”, the first at this time`,
  responsesCapped: (shown, total) =>
    `The first ${shown} of ${total} responses; the Markdown, JSON and responses CSV exports list every response.`,
  planHeaders: {
    issue: 'Issue / area for improvement',
    correctiveAction: 'Corrective action',
    element: 'Capability element',
    organisation: 'Primary responsible organisation',
    poc: 'POC',
    start: 'Start',
    completion: 'Completion',
    status: 'Status',
    objective: 'Objective',
  },
  ratings: {
    P: 'Performed without challenges',
    S: 'Performed with some challenges',
    M: 'Performed with major challenges',
    U: 'Unable to be performed',
  },
  status: { 'on-time': 'on time', late: 'late', missed: 'missed', pending: 'pending', 'no-target': 'no target' },
  capabilityElements: {
    planning: 'planning',
    organisation: 'organisation',
    equipment: 'equipment',
    training: 'training',
    exercise: 'exercise',
  },
  planStatus: { open: 'open', 'in-progress': 'in-progress', completed: 'completed', cancelled: 'cancelled' },
  scoreKind: { action: 'action', timeliness: 'timeliness', adjustment: 'adjustment' },
  // the rule's own sentence is English already
  scoreRule: () => null,
  hotwashQuestions: {},
  participantsCount: (n) => (n === 0 ? 'no players joined' : plural(n, 'player', 'players')),
  draftedFinding: ({ code, params: p }) => {
    switch (code) {
      case 'rating':
        return `${p.team} — ${p.objective} (${p.rating})${p.observations ? `: ${p.observations}` : ''}`;
      case 'evaluation':
        return `${p.team} — “${p.inject}”: ${p.reason}`;
      case 'onTime':
        return `${p.team} answered ${p.onTime} of ${p.targeted} injects within their response target.`;
      case 'late':
        return `${p.team} ${p.late === 0 ? `did not answer ${p.missed}` : p.missed === 0 ? `answered ${p.late} late` : `answered ${p.late} late and did not answer ${p.missed}`} of the ${p.targeted} injects with a response target.`;
    }
  },
  duration: (h, m, s) => (h ? (m ? `${h} h ${m} min` : `${h} h`) : m ? (s ? `${m} min ${s} s` : `${m} min`) : `${s} s`),
  lateBy: (m, s) => (m ? `${m} min ${s} s` : `${s} s`),
  csv: {
    responses: [
      'team',
      'inject_id',
      'inject_subject',
      'author',
      'exercise_time',
      'exercise_ms',
      'created_at',
      'updated_at',
      'option_ids',
      'text',
      'delivered_exercise_ms',
      'respond_within_ms',
      'team_status_on_inject',
      'language',
    ],
    scores: [
      'team',
      'inject_id',
      'expected_action_id',
      'expected_action',
      'kind',
      'points',
      'max',
      'source',
      'evaluator',
      'reason',
    ],
    plan: [
      'position',
      'issue',
      'corrective_action',
      'capability_element',
      'primary_responsible_organisation',
      'poc',
      'start_date',
      'completion_date',
      'status',
      'objective_id',
    ],
  },
  tl: {
    clock: {
      'exercise.created': 'Exercise created',
      'exercise.start-scheduled': 'Start scheduled',
      'exercise.started': 'Exercise started',
      'exercise.paused': 'Exercise paused',
      'exercise.resumed': 'Exercise resumed',
      'exercise.speed-changed': 'Clock speed changed',
      'exercise.ended': 'Exercise ended',
      'exercise.clock-reanchored': 'System clock corrected; the exercise clock ran on unchanged',
    },
    speedTo: (x) => ` to ×${x}`,
    by: (who) => ` by ${who}`,
    aTeam: 'a team',
    noTeam: 'no team',
    exerciseControl: 'exercise control',
    control: 'Control',
    delivered: (subject, teams, late) => `Inject ${subject} delivered to ${teams}${late ? ` ${late}` : ''}`,
    late: (by) => `(late${by ? ` by ${by}` : ''})`,
    fired: (who, s) => `${who} fired inject ${s} ahead of plan`,
    skipped: (who, s) => `${who} skipped inject ${s}`,
    adhoc: (who, s) => `${who} wrote an ad-hoc inject ${s}`,
    released: (s) => `Inject ${s} released by its trigger`,
    joined: (who, team) => `${who} joined ${team}`,
    removed: (who, team) => `${who} removed a player from ${team}`,
    codeRotated: (who, team) => `${who} gave ${team} a new join code`,
    seatCap: (who, team, seats) =>
      `${who} ${seats !== null ? `capped ${team} at ${seats} seats` : `lifted the seat cap of ${team}`}`,
    acknowledged: (team, s, who) => `${team} acknowledged ${s} (${who})`,
    responded: (team, s, who, options) => `${team} responded to ${s} (${who})${options ? ` choosing ${options}` : ''}`,
    edited: (team, s, who) => `${team} edited its response to ${s} (${who})`,
    asked: (team, to, s) => `${team} asked ${to}: “${s}”`,
    controlAnswered: (author, team) => `${author} answered ${team}`,
    teamWrote: (team, who) => `${team} wrote in its request thread (${who})`,
    journal: (who, text) => `Journal (${who}): ${text}`,
    settings: (who) => `${who} changed the exercise settings`,
    decisionOpened: (d, teams) => `Decision ${d} opened for ${teams}`,
    voted: (team, choice, d, reason) =>
      `${team} voted “${choice}” on decision ${d}${reason ? ` — reason: ${reason}` : ''}`,
    decisionClosed: (d, outcome, forcedBy) =>
      `Decision ${d} closed: ${outcome ? `“${outcome}”` : 'no outcome'}${forcedBy ? ` (forced by ${forcedBy})` : ''}`,
    extended: (who, d) => `${who} extended the deadline of decision ${d}`,
    evaluated: (who, team, s, met) => `${who} evaluated ${team} on ${s}: ${met ? 'met' : 'not met'}`,
    adjusted: (who, team, s, p) => `${who} adjusted ${team}'s score on ${s} by ${p}`,
    rated: (who, team, rating, objective) => `${who} rated ${team} “${rating}” on objective “${objective}”`,
  },
};

/** Korean as a Korean CERT or government reader expects an AAR/IP (사후검토 보고서 및 개선계획). */
const KO_RATINGS: Record<Rating, string> = {
  P: '문제없이 수행',
  S: '일부 어려움 속 수행',
  M: '중대한 어려움 속 수행',
  U: '수행 불가',
};

const KO: ReportMessages = {
  language: 'ko',
  locale: 'ko-KR',
  timeZone: 'Asia/Seoul',
  zoneLabel: 'KST',
  title: (name, team) => `사후검토 보고서${team ? ` — ${team} (팀용)` : ''}: ${name}`,
  planTitle: (name) => `개선계획: ${name}`,
  pageOf: (page, pages) => `${pages}쪽 중 ${page}쪽`,
  sections: {
    overview: '훈련 개요',
    objectives: '훈련 목표 및 핵심 역량',
    findings: '강점 및 개선 필요 사항',
    metrics: '팀별 대응 실적',
    scores: '점수 내역',
    coverage: 'ATT&CK 및 DISARM 적용 범위',
    decisions: '의사결정 기록',
    timeline: '훈련 경과',
    rfis: '정보 요청(RFI)',
    hotwash: '즉시 강평(핫워시)',
    plan: '개선계획',
    delivery: '상황 메시지 전달 정확도',
    responses: '팀 대응 기록',
  },
  state: { final: '최종본', draft: '진행 중 초안', finalReport: '최종 보고서', liveDraftBanner: '진행 중 초안' },
  generated: (when) => `작성 일시 ${when}`,
  pdfSubtitle: (state, when, cls) => `${state} — 작성 일시 ${when} — ${cls}`,
  generatedFormat: (state, when, schema) => `${state} — 작성 일시 ${when}; 형식 ${schema}`,
  overview: {
    scenario: '시나리오',
    pack: '팩',
    classification: '보안 등급',
    dates: '일시',
    datesLine: (started, ended, reached, planned) =>
      `시작 ${started}, 종료 ${ended}; 훈련 시계 ${reached} 경과 (계획 ${planned})`,
    audience: '범위 / 참가 대상',
    threatActors: '위협 행위자',
    coreCapabilities: '핵심 역량',
    participatingTeams: '참가 팀',
    objectives: '훈련 목표',
  },
  h: {
    team: '팀',
    description: '설명',
    participants: '참가자',
    phase: '단계',
    start: '시작',
    summary: '요약',
    objective: '훈련 목표',
    coreCapability: '핵심 역량',
    rating: '평가 등급',
    observations: '관찰 내용',
    evaluator: '평가관',
    injects: '상황 메시지',
    acknowledged: '수신 확인',
    responded: '대응',
    medianAck: '수신 확인 소요 시간(중앙값)',
    medianFirstResponse: '최초 대응 소요 시간(중앙값)',
    onTime: '기한 내',
    late: '지연',
    missed: '미대응',
    inject: '상황 메시지',
    delivered: '전달 시각',
    ackAfter: '수신 확인까지',
    firstResponseAfter: '최초 대응까지',
    target: '대응 목표 시간',
    status: '상태',
    responses: '대응 건수',
    measure: '측정 항목',
    median: '중앙값(p50)',
    worst: '최대',
    points: '점수',
    of: '만점',
    item: '항목',
    kind: '유형',
    max: '최대',
    source: '근거',
    framework: '프레임워크',
    technique: '기법',
    teamsAnswered: '대응한 팀',
    vote: '투표',
    at: '시각',
    reasonStated: '제시 사유',
    question: '문항',
    mean: '평균(1–5)',
    exerciseTime: '훈련 시각',
    wallTime: '실제 시각',
    wallTimeZone: '실제 시각(KST)',
    event: '내용',
    teams: '팀',
    objectiveCapability: '훈련 목표(핵심 역량)',
    author: '작성자',
    response: '대응 내용(원문)',
    language: '작성 언어',
    options: '선택한 조치',
  },
  short: {
    acked: '수신 확인',
    medianAck: '수신 확인(중앙값)',
    medianFirstResponse: '최초 대응(중앙값)',
    ackAfter: '수신 확인까지',
    firstResponse: '최초 대응까지',
    responses: '대응',
    element: '역량 요소',
    organisation: '주관 기관',
  },
  notRated: '미평가',
  ratingsLegend: '평가 등급',
  coreCapabilityLine: '핵심 역량',
  draftedNote: '평가관 기록과 대응 시간을 바탕으로 자동 작성된 초안입니다. 배포 전에 검토·수정하십시오.',
  strengths: '강점',
  improvements: '개선 필요 사항',
  timingNote:
    '시간은 팀에 전달된 시점부터 잰 훈련 시계 기준입니다. 훈련이 일시 중지된 동안에는 시계가 멈추므로, 중지 중에 기록된 수신 확인이나 대응은 인정되지만(목표 시간이 지나지 않았다면 기한 내) “일시 중지 중”으로 표시하고 중앙값 계산에서 제외합니다.',
  duringPause: '일시 중지 중',
  deliveryNote:
    '상황 메시지가 계획된 시각에 얼마나 가깝게 각 팀에 도달했는지를 전파 기록으로 보여 줍니다: 예정 시각부터 팀 전파 시작까지, 그리고 전파 종료(접속한 모든 참가자에게 전달)까지의 시간입니다.',
  deliveryStarted: '예정 시각 대비 전파 시작 지연',
  deliveryEnded: '예정 시각 대비 전파 종료 지연',
  deliveryCounts: (b, late, s, un) => [
    `측정한 전파 ${b}건`,
    `지연 전달 ${late}건 (예정 시각보다 ${s}초 이상 늦게 전파: 재시작 또는 일시 정체 후). 각각 훈련 경과에 표시됨`,
    `전파 시각이 기록되지 않은 전달 ${un}건`,
  ],
  scoresHidden: '이 훈련에서는 점수를 팀에 공개하지 않습니다.',
  scoreSource: '훈련 중 기록된 점수: 팩의 채점 규칙과 평가관의 판정에 따름.',
  scoreByObjective: '훈련 목표별 점수',
  noTechniques: '태그된 기법이 사용되지 않았습니다.',
  assumed: '(가정)',
  coverageCell: (r, d, o, pts) => `${d}건 중 ${r}건 대응, 기한 내 ${o}건${pts ? `, ${pts}점` : ''}`,
  noDecisions: '의사결정 사항이 없습니다.',
  decisionMode: (mode, members) => `방식: ${mode === 'consensus' ? '합의' : '팀 단독'}; 참여 팀: ${members}`,
  decisionStatus: (status, outcome, forced) =>
    `상태: ${status === 'closed' ? '종결' : status === 'open' ? '진행 중' : '미개시'}${outcome ? `; 결과: ${outcome}${forced ? ' (훈련 통제관이 종결)' : ''}` : ''}`,
  decisionTimes: (o, d, c) => `개시 ${o}, 기한 ${d}, 종결 ${c}`,
  noVotes: '투표 없음.',
  none: '없음.',
  noResponses: '기록된 대응이 없습니다.',
  surveyResponses: (n) => `설문 응답 ${n}건.`,
  capabilityElementsLine: '역량 요소',
  noCorrectiveActions: '아직 기록된 시정 조치가 없습니다.',
  byInjectAcrossTeams: '상황 메시지별 (전 팀)',
  byInjectNote: (rows) =>
    `팀 × 상황 메시지 ${rows}행: 여기서는 상황 메시지별로 집계합니다. Markdown, JSON 및 대응 CSV 내보내기에는 팀별 행이 모두 있습니다.`,
  timelineCondensed: (n) =>
    `${n}개 항목: 여기서는 수신 확인과 대응을 상황 메시지별로 집계합니다. JSON과 Markdown 내보내기에는 모든 항목이 있습니다.`,
  condensedLine: (count, kind, teams, inject) =>
    `“${inject}”에 대한 ${teams}개 팀의 ${kind === 'acknowledgement' ? '수신 확인' : '대응'} ${count}건 (이 시각이 최초)`,
  responsesCapped: (shown, total) =>
    `대응 ${total}건 중 처음 ${shown}건; Markdown, JSON 및 대응 CSV 내보내기에는 모든 대응이 있습니다.`,
  planHeaders: {
    issue: '문제점 / 개선 필요 사항',
    correctiveAction: '시정 조치',
    element: '역량 요소',
    organisation: '주관 기관',
    poc: '담당자',
    start: '시작일',
    completion: '완료일',
    status: '상태',
    objective: '훈련 목표',
  },
  ratings: KO_RATINGS,
  status: { 'on-time': '기한 내', late: '지연', missed: '미대응', pending: '대기', 'no-target': '목표 없음' },
  capabilityElements: { planning: '계획', organisation: '조직', equipment: '장비', training: '교육', exercise: '훈련' },
  planStatus: { open: '미착수', 'in-progress': '진행 중', completed: '완료', cancelled: '취소' },
  scoreKind: { action: '조치', timeliness: '적시성', adjustment: '조정' },
  // the same words as the interface (scoreRule.* in common.json); an option by its label, a distractor's `why` as the edition's pack translation words them
  scoreRule: (code, p) => {
    const v = (k: string) => String(p[k] ?? '');
    // an option by its label (in the edition's language where the pack translates it); cells stored before labels: its id
    const option = () => String(p.label ?? p.option ?? '');
    switch (code) {
      case 'option.chosen':
        return `대응 선택지 "${option()}" 선택`;
      case 'option.noneChosen':
        return `아직 선택되지 않음: 선택지 ${v('options')}`;
      case 'action.needsEvaluator':
        return '평가관 판단 필요 (이 조치에 해당하는 대응 선택지 없음)';
      case 'timeliness.noResponse':
        return '아직 대응 없음';
      case 'timeliness.elapsed':
        return `첫 대응까지 ${v('elapsed')}분 (${v('within')}분 이내 만점, ${v('zeroAt')}분 이후 0점)`;
      case 'distractor.penalty':
        return `오답 선택지 "${option()}" 선택 (−${v('penalty')}점): ${v('why')}`;
      case 'distractor.cap':
        return `점수 상한 적용 (${v('max')}점 중 ${v('cap')}점): 오답 선택지 "${option()}" 선택: ${v('why')}`;
      case 'adjustment.heldAtMax':
        return `최고점 ${v('max')}점으로 제한: 조정을 모두 반영하면 이 상황 메시지의 점수가 ${v('would')}점이 됨`;
      default:
        return null;
    }
  },
  hotwashQuestions: {
    realism: '시나리오가 현실적이었고 우리 업무와 관련이 있었다.',
    objectives: '훈련을 통해 훈련 목표에 제시된 내용을 연습할 수 있었다.',
    coordination: '다른 팀 및 훈련 통제반과의 협조가 원활했다.',
    tools: '콘솔과 도구가 우리 업무를 잘 지원했다.',
    overall: '전반적으로 시간을 들일 가치가 있는 훈련이었다.',
    'went-well': '잘된 점은 무엇입니까?',
    improve: '우리 팀이나 계획에서 개선할 점은 무엇입니까?',
    'exercise-design': '다음 훈련을 더 낫게 하려면 무엇이 필요합니까?',
  },
  participantsCount: (n) => (n === 0 ? '참가자 없음' : `${n}명`),
  draftedFinding: ({ code, params: p }) => {
    switch (code) {
      case 'rating':
        return `${p.team} — ${p.objective}: ${KO_RATINGS[p.rating]}(${p.rating})${p.observations ? ` — ${p.observations}` : ''}`;
      case 'evaluation':
        return `${p.team} — “${p.inject}”: ${p.reason}`;
      case 'onTime':
        return `${p.team}은(는) 대응 목표 시간이 있는 상황 메시지 ${p.targeted}건 중 ${p.onTime}건에 기한 내 대응함.`;
      case 'late':
        return `${p.team}은(는) 대응 목표 시간이 있는 상황 메시지 ${p.targeted}건 중 ${[p.late ? `${p.late}건 지연 대응` : '', p.missed ? `${p.missed}건 미대응` : ''].filter(Boolean).join(', ')}.`;
    }
  },
  duration: (h, m, s) => (h ? (m ? `${h}시간 ${m}분` : `${h}시간`) : m ? (s ? `${m}분 ${s}초` : `${m}분`) : `${s}초`),
  lateBy: (m, s) => (m ? `${m}분 ${s}초` : `${s}초`),
  csv: {
    responses: [
      '팀',
      '상황 메시지 ID',
      '상황 메시지 제목',
      '작성자',
      '훈련 시각',
      '훈련 시각(ms)',
      '작성 일시',
      '수정 일시',
      '선택 조치 ID',
      '대응 내용',
      '전달 시각(ms)',
      '대응 목표(ms)',
      '팀 대응 상태',
      '작성 언어',
    ],
    scores: ['팀', '상황 메시지 ID', '기대 조치 ID', '기대 조치', '유형', '점수', '최대', '근거', '평가관', '사유'],
    plan: [
      '순번',
      '문제점',
      '시정 조치',
      '역량 요소',
      '주관 기관',
      '담당자',
      '시작일',
      '완료일',
      '상태',
      '훈련 목표 ID',
    ],
  },
  tl: {
    clock: {
      'exercise.created': '훈련 생성',
      'exercise.start-scheduled': '시작 예약',
      'exercise.started': '훈련 시작',
      'exercise.paused': '훈련 일시 중지',
      'exercise.resumed': '훈련 재개',
      'exercise.speed-changed': '훈련 시계 배속 변경',
      'exercise.ended': '훈련 종료',
      'exercise.clock-reanchored': '시스템 시계 보정 (훈련 시계는 변동 없음)',
    },
    speedTo: (x) => ` (×${x})`,
    by: (who) => ` — ${who}`,
    aTeam: '한 팀',
    noTeam: '대상 팀 없음',
    exerciseControl: '훈련 통제반',
    control: '통제반',
    delivered: (subject, teams, late) => `상황 메시지 ${subject} 전달 → ${teams}${late ? ` ${late}` : ''}`,
    late: (by) => `(지연${by ? ` ${by}` : ''})`,
    fired: (who, s) => `${who}: 상황 메시지 ${s} 계획보다 먼저 부여`,
    skipped: (who, s) => `${who}: 상황 메시지 ${s} 생략`,
    adhoc: (who, s) => `${who}: 임시 상황 메시지 ${s} 작성`,
    released: (s) => `상황 메시지 ${s} 조건 충족으로 부여`,
    joined: (who, team) => `${who}, ${team} 합류`,
    removed: (who, team) => `${who}: ${team}에서 참가자 제외`,
    codeRotated: (who, team) => `${who}: ${team} 참가 코드 재발급`,
    seatCap: (who, team, seats) =>
      `${who}: ${seats !== null ? `${team} 인원 상한 ${seats}명으로 설정` : `${team} 인원 상한 해제`}`,
    acknowledged: (team, s, who) => `${team}, ${s} 수신 확인 (${who})`,
    responded: (team, s, who, options) => `${team}, ${s}에 대응 (${who})${options ? ` — 선택: ${options}` : ''}`,
    edited: (team, s, who) => `${team}, ${s}에 대한 대응 수정 (${who})`,
    asked: (team, to, s) => `${team} → ${to} 문의: “${s}”`,
    controlAnswered: (author, team) => `${author}, ${team}에 회신`,
    teamWrote: (team, who) => `${team}, 정보 요청 스레드에 작성 (${who})`,
    journal: (who, text) => `통제 일지 (${who}): ${text}`,
    settings: (who) => `${who}: 훈련 설정 변경`,
    decisionOpened: (d, teams) => `의사결정 ${d} 개시 — 대상: ${teams}`,
    voted: (team, choice, d, reason) =>
      `${team}, 의사결정 ${d}에 “${choice}” 투표${reason ? ` — 사유: ${reason}` : ''}`,
    decisionClosed: (d, outcome, forcedBy) =>
      `의사결정 ${d} 종결: ${outcome ? `“${outcome}”` : '결과 없음'}${forcedBy ? ` (${forcedBy} 강제 종결)` : ''}`,
    extended: (who, d) => `${who}: 의사결정 ${d} 기한 연장`,
    evaluated: (who, team, s, met) => `${who}: ${team}의 ${s} 대응 평가 — ${met ? '충족' : '미충족'}`,
    adjusted: (who, team, s, p) => `${who}: ${team}의 ${s} 점수 ${p}점 조정`,
    rated: (who, team, rating, objective) => `${who}: ${team}의 훈련 목표 “${objective}” 평가 등급 “${rating}”`,
  },
};

export const REPORT_MESSAGES: Record<ReportLanguage, ReportMessages> = { en: EN, ko: KO };

export const isReportLanguage = (v: string): v is ReportLanguage => (REPORT_LANGUAGES as readonly string[]).includes(v);

/** The frame for a content language: its own when the report speaks it, else English. */
export const reportMessages = (language: string | null | undefined): ReportMessages =>
  language && isReportLanguage(language) ? REPORT_MESSAGES[language] : EN;

/** A language in its own name ("한국어", "English"): how a marker beside a player's words reads in any edition. */
export function languageAutonym(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Exercise control as a request's addressee (stored in English when the team wrote to control itself). */
/** A score item's rule in the report's language: by its code, else (cells stored before codes) its English sentence. */
export const ruleText = (
  source: { rule: string; code?: string; params?: Record<string, string | number> },
  t: ReportMessages,
): string => (source.code ? t.scoreRule(source.code, source.params ?? {}) : null) ?? source.rule;

export const addressee = (to: string, t: ReportMessages): string =>
  to === 'Exercise control' ? t.tl.exerciseControl : to;

/** The mark beside words as written: "[한국어]". */
export const languageMark = (tag: string | null | undefined): string => (tag ? `[${languageAutonym(tag)}]` : '');
