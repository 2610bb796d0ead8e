/**
 * The after-action report (HSEEP AAR/IP) as the API serves it and the JSON export writes it.
 * Plain types without imports: the front end gets them through the generated contract (one source of truth).
 * Bump REPORT_VERSION on any breaking change of this shape.
 *
 * Version 2 (was 1): rows reference pack content by id instead of repeating its text, so a large
 * drill's report is smaller and quicker to build —
 * - `overview.injects` names each inject once; `metrics[].perInject[].subject` is gone (look it up by `injectId`);
 * - timeline entries carry facts (`detail`, ids) instead of an English `summary`; the sentence is rendered by
 *   `describeTimelineEntry` (report-timeline-text.ts) in the page and the exports; `decisionId` is present only
 *   on decision entries;
 * - `scores.expectedActions` words each expected action once; `scores.teams[].items[].expectedActionText` is gone.
 */
export const REPORT_SCHEMA = 'cyber-ttx/after-action-report';
export const REPORT_VERSION = 2;

export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

export const FINDING_KINDS = ['strength', 'improvement'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const CAPABILITY_ELEMENTS = ['planning', 'organisation', 'equipment', 'training', 'exercise'] as const;
export type CapabilityElement = (typeof CAPABILITY_ELEMENTS)[number];
export const IMPROVEMENT_STATUSES = ['open', 'in-progress', 'completed', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

export type ReportEdition = { kind: 'full' } | { kind: 'player'; teamId: string };

export interface ReportTeam {
  id: string;
  key: string;
  name: string;
  description: string | null;
  participants: number;
  /** empty when names are hidden (anonymous observers, player edition) */
  participantNames: string[];
}

export interface ReportOverview {
  exerciseId: string;
  name: string;
  status: 'draft' | 'scheduled' | 'running' | 'paused' | 'ended';
  /** `languages`: what the scenario's words can be read in (the pack's source first, then its translations) */
  pack: { id: string; version: string; title: string; languages: string[] };
  summary: string;
  scope: {
    plannedDuration: string;
    audience: string | null;
    classification: string;
    phases: { id: string; title: string; start: string; summary: string | null }[];
  };
  threatActors: string[];
  /** the threat actors with their ATT&CK group names ("G0094" → "Kimsuky"; null when the name is not known) */
  threatActorGroups: { id: string; name: string | null }[];
  objectives: { id: string; text: string; coreCapability: string }[];
  coreCapabilities: string[];
  /** the injects the rows below refer to: the pack's, and ad-hoc ones written during the drill */
  injects: ReportInject[];
  teams: ReportTeam[];
  startedAt: number | null;
  endedAt: number | null;
  /** exercise-clock time reached */
  scenarioElapsedMs: number;
}

export interface ReportInject {
  id: string;
  subject: string;
  /** planned exercise-clock offset (T+hh:mm[:ss]); null for ad-hoc injects */
  offset: string | null;
  /** the response options the team could pick, so rows can show labels instead of option ids */
  options: { id: string; label: string }[];
}

export interface TeamRating {
  teamId: string;
  rating: Rating | null;
  observations: string;
  evaluator: string | null;
  at: number | null;
  eventId: number | null;
}

export interface ObjectiveRatings {
  objectiveId: string;
  text: string;
  coreCapability: string;
  teams: TeamRating[];
}

/**
 * What a drafted finding says, by the sentence's code and what fills it in: each edition (the
 * report page reads the one in its interface language, an export the one asked for) words it in
 * its own language (report-messages.ts). Names, objective and inject texts come in the edition's
 * language; an evaluator's observation or reason is their own words, as written.
 */
export type FindingDraft =
  | { code: 'rating'; params: { team: string; objective: string; rating: Rating; observations: string } }
  | { code: 'evaluation'; params: { team: string; inject: string; reason: string } }
  | { code: 'onTime'; params: { team: string; onTime: number; targeted: number } }
  | { code: 'late'; params: { team: string; late: number; missed: number; targeted: number } };

export interface Finding {
  id: string;
  kind: FindingKind;
  /** the sentence in the edition's language (a saved finding: as its author wrote it) */
  text: string;
  objectiveId: string | null;
  teamId: string | null;
  evidence: number[];
  /** a finding the report drafted (none saved yet); a saved one has none and is kept as written */
  draft?: FindingDraft;
}

export const TIMELINE_KINDS = [
  'clock',
  'inject',
  'acknowledgement',
  'response',
  'decision',
  'vote',
  'evaluation',
  'facilitator',
  'journal',
  'rfi',
  'participant',
  'other',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * What a timeline entry says beyond its ids, by event type (only these keys, only when they apply):
 * speed-changed `to`; inject.delivered `late`, `latenessMs` (how late its broadcast started, when late); response.logged `optionIds`; thread.opened `to`, `subject`;
 * thread.message `sender`, `authorName`; journal.note `text`; decision.vote `choice`; decision.closed
 * `outcome`, `forced`; evaluation.recorded `met`; score.adjusted `points`; objective.rated `rating`, `objectiveId`.
 */
export type TimelineDetail = Record<string, string | number | boolean | string[] | null>;

export interface TimelineEntry {
  /** event-log id: the evidence */
  eventId: number;
  at: number;
  scenarioMs: number | null;
  type: string;
  kind: TimelineKind;
  /** the teams it concerns; empty for exercise-wide entries */
  teamIds: string[];
  injectId: string | null;
  /** decision entries only */
  decisionId?: string;
  /** who did it, as a display name */
  actor: string;
  detail?: TimelineDetail;
}

export type InjectResponseStatus = 'on-time' | 'late' | 'missed' | 'pending' | 'no-target';

export interface InjectMetrics {
  injectId: string;
  deliveredScenarioMs: number;
  /** exercise-clock milliseconds from delivery to the team's first acknowledgement */
  ackMs: number | null;
  firstResponseMs: number | null;
  /**
   * the first acknowledgement / response was logged while the exercise was paused: the exercise clock
   * stood still, so its time only says "before the clock moved on" (it counts for on time / late) and
   * is left out of medians and distributions, where it would read as an instant (often 0 s) answer
   */
  ackWhilePaused: boolean;
  firstResponseWhilePaused: boolean;
  respondWithinMs: number | null;
  status: InjectResponseStatus;
  responses: number;
}

export interface ScoreItem {
  injectId: string;
  /** worded in `scores.expectedActions` */
  expectedActionId: string | null;
  kind: 'action' | 'timeliness' | 'adjustment';
  points: number;
  max: number;
  /** a rule carries its code and params beside the English sentence (not in cells stored before codes) */
  source:
    | { rule: string; code?: string; params?: Record<string, string | number> }
    | { evaluator: string; at: number; reason: string };
}

export interface TeamScore {
  teamId: string;
  /** the team's name when the report was built (the scoring engine's rows carry it) */
  teamName: string;
  total: number;
  max: number;
  items: ScoreItem[];
}

export interface TeamMetrics {
  teamId: string;
  injectsDelivered: number;
  acknowledged: number;
  responded: number;
  responses: number;
  medianAckMs: number | null;
  medianFirstResponseMs: number | null;
  onTime: number;
  late: number;
  missed: number;
  pending: number;
  /** injects whose first acknowledgement or response came while the exercise was paused (not in the medians) */
  whilePaused: number;
  perInject: InjectMetrics[];
}

export interface ReportScores {
  /** where the numbers come from: the scoring engine (the live scores), or none (hidden from a player) */
  source: 'scoring-service' | 'hidden';
  /** staff edition only (scoring keys): each expected action as the pack words it */
  expectedActions: { injectId: string; id: string; text: string; points: number }[];
  teams: TeamScore[];
  byObjective: { objectiveId: string; teams: { teamId: string; points: number; max: number }[] }[];
}

export interface CoverageTeam {
  teamId: string;
  delivered: number;
  responded: number;
  onTime: number;
  points: number;
  max: number;
}

export interface CoverageRow {
  framework: 'attack' | 'disarm';
  techniqueId: string;
  /** the technique's ATT&CK / DISARM name; null when not known */
  name: string | null;
  /** true when the technique is a scenario assumption, not documented for the groups */
  assumed: boolean;
  injectIds: string[];
  teams: CoverageTeam[];
}

export interface DecisionVoteView {
  teamId: string;
  choice: string;
  choiceLabel: string;
  /** the reason a blocking team stated (absent on other votes) */
  reason?: string | undefined;
  at: number;
  scenarioMs: number | null;
}

export interface DecisionRecord {
  decisionId: string;
  injectId: string;
  question: string;
  mode: 'team' | 'consensus';
  options: { id: string; label: string }[];
  memberTeamIds: string[];
  status: 'open' | 'closed' | 'not-opened';
  outcome: string | null;
  outcomeLabel: string | null;
  forced: boolean;
  openedScenarioMs: number | null;
  deadlineScenarioMs: number | null;
  closedScenarioMs: number | null;
  votes: DecisionVoteView[];
}

export interface RfiRecord {
  threadId: string;
  teamId: string;
  subject: string;
  to: string;
  openedScenarioMs: number | null;
  /** `language`: what the message was written in (the author's language then; null when not recorded) */
  messages: {
    from: 'team' | 'control';
    authorName: string;
    text: string;
    at: number;
    scenarioMs: number;
    language?: string | null;
  }[];
}

export interface ResponseRecord {
  id: string;
  teamId: string;
  injectId: string;
  authorName: string;
  text: string;
  optionIds: string[];
  scenarioMs: number;
  createdAt: number;
  updatedAt: number;
  /** the language the author wrote in (their language at the time of writing); null when not recorded */
  language?: string | null;
}

export interface HotwashQuestion {
  id: string;
  kind: 'rating' | 'text';
  text: string;
}

export interface HotwashSummary {
  questions: HotwashQuestion[];
  submissions: number;
  /** per rating question: mean (1–5) and how many gave each score */
  ratings: {
    questionId: string;
    mean: number | null;
    distribution: number[];
    byTeam: { teamId: string; mean: number | null; count: number }[];
  }[];
  /** `language`: what the answer was written in (the player's language then; null when not recorded) */
  comments: { questionId: string; teamId: string; text: string; language?: string | null }[];
}

export interface ImprovementItem {
  id: string;
  position: number;
  issue: string;
  correctiveAction: string;
  capabilityElement: CapabilityElement;
  organisation: string;
  poc: string;
  startDate: string | null;
  completionDate: string | null;
  status: ImprovementStatus;
  objectiveId: string | null;
  updatedAt: number;
}

/** p50 / p99 / max of a list of milliseconds (0.1 ms); nulls when nothing was measured */
export interface LatenessSpread {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * How close to their planned instants the injects really went out, read from what each broadcast
 * recorded (its start and end on the sending process's clock).
 */
export interface DeliveryAccuracySummary {
  /** broadcasts measured (one per inject instance; a broadcast to several teams counts once) */
  broadcasts: number;
  /** from each inject's due instant to the start of its broadcast */
  startLatenessMs: LatenessSpread;
  /** from the due instant to the moment the broadcast had handed every frame to the network */
  endLatenessMs: LatenessSpread;
  /** deliveries (inject × team) that went out more than `lateAfterMs` after their instant (a restart, a stall) */
  lateCount: number;
  /** deliveries whose broadcast timing was never written (an older version, a crash right after the broadcast) */
  unrecorded: number;
  lateAfterMs: number;
}

export interface AfterActionReport {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  edition: ReportEdition;
  /** draft while the exercise is live; final once it has ended */
  state: 'draft' | 'final';
  generatedAt: number;
  overview: ReportOverview;
  objectives: ObjectiveRatings[];
  findings: { drafted: boolean; strengths: Finding[]; improvements: Finding[] };
  timeline: TimelineEntry[];
  metrics: TeamMetrics[];
  scores: ReportScores;
  coverage: CoverageRow[];
  decisions: DecisionRecord[];
  rfis: RfiRecord[];
  responses: ResponseRecord[];
  hotwash: HotwashSummary | null;
  improvementPlan: ImprovementItem[];
  /** staff edition only (null in a player edition and in reports built without delivery records) */
  deliveryAccuracy: DeliveryAccuracySummary | null;
}

export const HOTWASH_QUESTIONS: HotwashQuestion[] = [
  { id: 'realism', kind: 'rating', text: 'The scenario was realistic and relevant to our work.' },
  { id: 'objectives', kind: 'rating', text: 'The exercise let us practise what its objectives name.' },
  { id: 'coordination', kind: 'rating', text: 'Coordination with other teams and exercise control worked.' },
  { id: 'tools', kind: 'rating', text: 'The console and its tools supported our work.' },
  { id: 'overall', kind: 'rating', text: 'Overall, the exercise was worth our time.' },
  { id: 'went-well', kind: 'text', text: 'What went well?' },
  { id: 'improve', kind: 'text', text: 'What should we improve, in our team or in our plans?' },
  { id: 'exercise-design', kind: 'text', text: 'What would make the next exercise better?' },
];
