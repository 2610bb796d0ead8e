/**
 * API types in one place. Request bodies come from the OpenAPI document the backend generates
 * from its zod schemas (`npm run gen:api`); response bodies are not yet described there, so they
 * mirror the backend's view types (backend/src/exercises/exercise-views.ts,
 * exercise-queries.service.ts, realtime/realtime-events.ts). Importing those files directly
 * would drag TypeORM entities with legacy decorators into the front-end type check.
 */
import type { paths } from './api-schema';

type JsonBodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The JSON body of an endpoint as the backend's OpenAPI document declares it. */
export type RequestBody<P extends keyof paths, M extends 'post' | 'put'> = JsonBodyOf<paths[P][M]>;

export type LoginBody = RequestBody<'/api/auth/login', 'post'>;
export type JoinBody = RequestBody<'/api/join', 'post'>;
export type CreateExerciseBody = RequestBody<'/api/exercises', 'post'>;
export type StartExerciseBody = RequestBody<'/api/exercises/{id}/start', 'post'>;
export type SpeedBody = RequestBody<'/api/exercises/{id}/speed', 'post'>;

// ---- accounts -------------------------------------------------------------------------------
export const ROLES = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** a generated or reset password: nothing else is possible until a new one is chosen */
  mustChangePassword: boolean;
  disabled: boolean;
  authSource: 'local' | 'oidc';
  createdAt: number;
  lastSignInAt: number | null;
}
export type ChangePasswordBody = RequestBody<'/api/auth/password', 'post'>;
export interface ChangePasswordResult {
  token: string;
  user: PublicUser;
}
export interface LoginResult {
  token: string;
  user: PublicUser;
}

// ---- exercise clock -------------------------------------------------------------------------
export type ExerciseStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'ended';
export interface ClockView {
  status: ExerciseStatus;
  speed: number;
  anchorWallMs: number | null;
  anchorScenarioMs: number;
  scenarioNowMs: number;
  serverNow: number;
  startedAtMs: number | null;
  endedAtMs: number | null;
}

// ---- scenarios and exercises ----------------------------------------------------------------
export interface ScenarioSummary {
  id: string;
  packId: string;
  version: string;
  title: string;
  summary: string;
  duration: string;
  /** number of teams and injects in the pack */
  teams: number;
  injects: number;
}
export interface ExerciseListItem {
  id: string;
  name: string;
  status: ExerciseStatus;
  createdAt: string;
  clock: ClockView;
}
export interface ExerciseTeam {
  id: string;
  key: string;
  name: string;
  joinCode?: string;
}
export interface ExerciseDetail {
  id: string;
  name: string;
  pack: { id: string; title: string; version: string; duration: string; summary: string };
  clock: ClockView;
  teams: ExerciseTeam[];
  createdAt: string;
  /** observers see responses without author names when set */
  observerAnonymous?: boolean;
}
export type InjectStatus = 'waiting' | 'pending' | 'delivered' | 'skipped';
export interface TimelineEntry {
  injectId: string;
  subject: string;
  channel: Channel | null;
  to: string[];
  trigger: string | null;
  status: InjectStatus;
  dueScenarioMs: number | null;
  dueAt: number | null;
  deliveredAt: number | null;
  deliveredTeams: number;
  /** exercise time it really went out (fire-now: when fired); null until delivered */
  deliveredScenarioMs?: number | null;
  late: boolean;
  /** a late delivery: ms from its instant to the start of its broadcast */
  latenessMs?: number | null;
}
export interface FireResult {
  injectId: string;
  teams: string[];
  scenarioMs: number;
}
export interface ExerciseEvent {
  id: number;
  type: string;
  atMs: number;
  scenarioMs: number | null;
  actor: string;
  payload: Record<string, unknown>;
}

// ---- injects as players see them -------------------------------------------------------------
export const CHANNELS = ['email', 'news', 'social', 'siem', 'intel', 'phone', 'sitrep', 'chat', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Tlp = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
export type IocType = 'ip' | 'domain' | 'url' | 'sha256' | 'sha1' | 'md5' | 'email' | 'filename' | 'registry' | 'wallet' | 'other';
export type Artifact =
  | { kind: 'ioc-table'; title?: string; rows: { type: IocType; value: string; note?: string }[] }
  | { kind: 'log'; title?: string; format?: string; content: string }
  | { kind: 'image'; title?: string; path: string; alt: string };
export interface Sender {
  name: string;
  address?: string;
  organisation?: string;
}
export interface DecisionView {
  id: string;
  question: string;
  mode: 'team' | 'consensus';
  options: { id: string; label: string }[];
  deadline: string;
}
export interface PlayerInjectView {
  id: string;
  channel: Channel;
  from: Sender;
  subject: string;
  body: string;
  tlp: Tlp | null;
  artifacts: Artifact[];
  meta: Record<string, string | number | boolean>;
  responseOptions: { id: string; label: string }[];
  respondWithinMs: number | null;
  decision: DecisionView | null;
  scenarioMs: number;
  deliveredAt: number;
  late: boolean;
  /** the language this copy is in; `untranslated` names the fields shown in the pack's source language */
  content?: ContentLanguage;
}
export interface ContentLanguage {
  language: string;
  untranslated: string[];
}

// ---- player session -----------------------------------------------------------------------
export interface PlayerSession {
  /** `language`: the language the player reads scenario content in */
  participant: { id: string; displayName: string; language?: string };
  /** the languages the scenario content can be read in (the pack's source first) */
  languages?: string[];
  team: { id: string; key: string; name: string; description: string | null };
  exercise: { id: string; name: string; title: string; classification: Tlp };
  clock: ClockView;
}
export interface JoinResult extends PlayerSession {
  token: string;
}

// ---- acknowledgements, responses, RFIs --------------------------------------------------------
export interface AckResult {
  injectId: string;
  acknowledgedAt: number | string;
}
export interface TeamAck {
  injectId: string;
  participantId: string;
  displayName: string;
  at: number | string;
}
export type VoteChoice = string; // an option id, 'abstain' or 'block'
export interface ResponseRevision {
  text: string;
  optionIds: string[];
  editedAt: number | string;
  authorName: string;
}
export interface TeamResponse {
  id: string;
  injectId: string;
  authorName: string;
  text: string;
  optionIds: string[];
  vote: { decisionId: string; choice: VoteChoice; reason?: string } | null;
  createdAt: number | string;
  updatedAt: number | string;
  revisions: ResponseRevision[];
}
export interface CreateResponseBody {
  injectId: string;
  text: string;
  optionIds?: string[];
  /** `reason`: required with a block (at most MAX_BLOCK_REASON characters), refused on any other choice */
  vote?: { decisionId: string; choice: VoteChoice; reason?: string };
}
export interface UpdateResponseBody {
  text: string;
  optionIds?: string[];
}
export interface ControlResponse extends TeamResponse {
  teamId: string;
  teamName: string;
  /** exercise time it was logged */
  scenarioMs?: number;
  /** labels of the chosen options, in the order of optionIds (what the players saw) */
  optionLabels?: string[];
  voteLabel?: string | null;
}
export interface Party {
  id: string;
  name: string;
  organisation?: string;
}
export interface ThreadMessage {
  id: string;
  from: 'team' | 'control';
  authorName: string;
  text: string;
  at: number | string;
  scenarioMs: number | null;
}
export interface RfiThread {
  id: string;
  party: { id: string; name: string } | null;
  subject: string;
  messages: ThreadMessage[];
}
export interface ControlThread extends RfiThread {
  teamId: string;
  teamName: string;
}
export interface CreateThreadBody {
  partyId?: string;
  subject: string;
  text: string;
}

// ---- control room read models ---------------------------------------------------------------
export interface StatusCell {
  teamId: string;
  injectId: string;
  delivered: boolean;
  acknowledged: boolean;
  responded: boolean;
  overdue: boolean;
}
export interface StatusGrid {
  teams: { id: string; name: string }[];
  injects: { injectId: string; subject: string; dueScenarioMs: number | null; respondWithinMs: number | null }[];
  cells: StatusCell[];
}
export interface AdhocInjectBody {
  channel: Channel;
  from: { name: string; address?: string };
  subject: string;
  body: string;
  to: string[];
  /** exercise-clock time of release; now when omitted */
  at?: number;
}

// ---- scoring and evaluation (backend/src/scoring) -------------------------------------------
/** Every point traces to a rule or to an evaluator's decision (`evaluator` is `user:<id>`). */
export type ScoreSource = { rule: string } | { evaluator: string; at: number; reason: string };
export interface ScoreItem {
  injectId: string;
  expectedActionId: string | null;
  kind: 'action' | 'timeliness' | 'adjustment';
  points: number;
  max: number;
  source: ScoreSource;
}
export interface TeamScore {
  teamId: string;
  teamName: string;
  total: number;
  max: number;
  items: ScoreItem[];
}
export interface ExpectedAction {
  id: string;
  text: string;
  points: number;
  options: string[];
}
export interface EvaluationQueueItem {
  response: { id: string; teamId: string; teamName: string; injectId: string; authorName: string; text: string; optionIds: string[]; updatedAt: number; scenarioMs?: number };
  inject: { id: string; subject: string; responseOptions: { id: string; label: string }[]; expectedActions: ExpectedAction[]; respondWithin: string | null } | null;
  cell: { points: number; max: number; items: ScoreItem[] } | null;
}
export interface EvaluationBody {
  teamId: string;
  injectId: string;
  expectedActionId: string;
  met: boolean;
  reason: string;
}
export interface ScoreAdjustmentBody {
  teamId: string;
  injectId: string;
  points: number;
  reason: string;
}
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];
export interface ObjectiveRating {
  teamId: string;
  objectiveId: string;
  rating: Rating;
  observations: string;
  /** the evaluator's username */
  evaluator: string;
  at: number;
}
export interface RatingBody {
  teamId: string;
  objectiveId: string;
  rating: Rating;
  observations: string;
}
export interface ScoreVisibility {
  scoresVisible?: boolean;
  leaderboard?: boolean;
}
export interface LeaderboardRow {
  teamName: string;
  total: number;
  max: number;
}
/** What a team may see: its own breakdown after the exercise (if allowed), the leaderboard if on. */
export interface PlayerScores {
  own: TeamScore | null;
  leaderboard: LeaderboardRow[] | null;
}

/** The parts of a scenario pack document (GET /scenarios/:id, staff only) the evaluator uses. */
export interface PackDocument {
  id: string;
  title: string;
  version: string;
  objectives: { id: string; text: string; coreCapability?: string }[];
  injects: { id: string; subject: string; to?: 'all' | string[]; objectives?: string[]; expectedActions?: (ExpectedAction & { teams?: string[] })[] }[];
}
export interface PackRecord {
  id: string;
  packId: string;
  version: string;
  pack: PackDocument;
}

// ---- decisions (backend/src/decisions) -------------------------------------------------------
export type DecisionOutcome = string; // an option id, 'blocked' or 'timed-out'
export interface DecisionVote {
  teamId: string;
  choice: VoteChoice;
  /** what a blocking team stated (null on every other vote) */
  reason: string | null;
  at: number;
  participantName: string;
}
export interface ControlDecision {
  /** the row id (one per decision, or per team for team decisions) */
  id: string;
  decisionId: string;
  injectId: string;
  question: string;
  mode: 'team' | 'consensus';
  options: { id: string; label: string }[];
  memberTeamIds: string[];
  status: 'open' | 'closed';
  outcome: DecisionOutcome | null;
  forced: boolean;
  deadlineScenarioMs: number;
  votes: DecisionVote[];
}
/** A player's view: only the team's own vote, never another team's. */
export interface PlayerDecision extends Omit<ControlDecision, 'votes' | 'memberTeamIds'> {
  members: number;
  content?: ContentLanguage;
  myVote: DecisionVote | null;
}
export interface VoteBody {
  decisionId: string;
  choice: VoteChoice;
  /** required with a block, refused on any other choice */
  reason?: string;
}
/** The longest reason a block may state (backend/src/decisions/vote-reason.ts). */
export const MAX_BLOCK_REASON = 500;

// ---- realtime -------------------------------------------------------------------------------
export interface InjectDeliveredEvent {
  exerciseId: string;
  injectId: string;
  teamId: string;
  scenarioMs: number;
  dueAt: number;
  deliveredAt: number;
  late: boolean;
}
export interface ControlInjectDeliveredEvent extends Omit<InjectDeliveredEvent, 'teamId'> {
  teamIds: string[];
}
export interface ClockEvent {
  exerciseId: string;
  status: ExerciseStatus;
  speed: number;
  anchorScenarioMs: number;
  anchorWallMs: number | null;
  serverNow: number;
}
export interface ServerToClientEvents {
  'session:ready': (info: { kind: 'user' | 'participant'; rooms: string[] }) => void;
  'session:error': (info: { code: string; message: string }) => void;
  'inject:delivered': (e: InjectDeliveredEvent) => void;
  'control:inject-delivered': (e: ControlInjectDeliveredEvent) => void;
  'exercise:clock': (e: ClockEvent) => void;
  'exercise:changed': (e: { exerciseId: string; reason: string }) => void;
  /** the team's own room: the response whole, so nobody refetches the team's log */
  'response:changed': (e: { exerciseId: string; responseId: string; injectId: string; response: TeamResponse }) => void;
  'ack:changed': (e: { exerciseId: string; injectId: string; ack: TeamAck }) => void;
  'thread:changed': (e: { exerciseId: string; threadId: string }) => void;
  'control:response': (e: { exerciseId: string; responseId: string; teamId: string; injectId: string }) => void;
  'control:ack': (e: { exerciseId: string; teamId: string; injectId: string }) => void;
  'control:thread': (e: { exerciseId: string; threadId: string; teamId: string }) => void;
  'decision:changed': (e: { exerciseId: string; decisionId: string }) => void;
  'score:changed': (e: { exerciseId: string; teamId: string }) => void;
  /** Redis went away or came back (every connected client): an app-wide banner says so */
  'system:status': (e: SystemStatus) => void;
  /** players: what teams may see of scores changed */
  'scores:visibility': (e: { exerciseId: string; scoresVisible?: boolean; leaderboard?: boolean }) => void;
  /** staff: a part of the after-action report changed */
  'report:changed': (e: { exerciseId: string; part: 'hotwash' }) => void;
}
export interface SystemStatus {
  redis: 'ok' | 'unreachable';
  message: string;
}
export type WatchAck = { ok: true; room: string } | { ok: false; code: string; message: string };
export interface ClientToServerEvents {
  'exercise:watch': (req: { exerciseId: string }, ack: (res: WatchAck) => void) => void;
}
