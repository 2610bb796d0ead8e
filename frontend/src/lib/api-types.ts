/**
 * Names for the API's shapes, each taken from the generated contract (`api-schema.d.ts`, written by
 * `npm run contract` from the backend's controllers and view types). Nothing here is typed by hand:
 * when the server changes a view, these names change with it and the type-check shows every screen
 * that relied on the old shape.
 */
import type { components } from './api-schema';
import type { ApiBody, ApiResponse } from './api-client';

type Schemas = components['schemas'];
type Item<T> = T extends readonly (infer I)[] ? I : never;

// ---- request bodies ---------------------------------------------------------------------------
export type LoginBody = ApiBody<'/auth/login', 'post'>;
export type JoinBody = ApiBody<'/join', 'post'>;
export type CreateExerciseBody = ApiBody<'/exercises', 'post'>;
export type StartExerciseBody = ApiBody<'/exercises/{id}/start', 'post'>;
export type SpeedBody = ApiBody<'/exercises/{id}/speed', 'post'>;
export type ChangePasswordBody = ApiBody<'/auth/password', 'post'>;
export type CreateResponseBody = ApiBody<'/play/responses', 'post'>;
export type UpdateResponseBody = ApiBody<'/play/responses/{id}', 'put'>;
export type CreateThreadBody = ApiBody<'/play/threads', 'post'>;
export type AdhocInjectBody = ApiBody<'/exercises/{id}/adhoc-injects', 'post'>;
export type EvaluationBody = ApiBody<'/exercises/{id}/evaluations', 'post'>;
export type ScoreAdjustmentBody = ApiBody<'/exercises/{id}/score-adjustments', 'post'>;
export type RatingBody = ApiBody<'/exercises/{id}/ratings', 'post'>;
export type VoteBody = ApiBody<'/play/votes', 'post'>;
export type ScoreVisibility = ApiBody<'/exercises/{id}/score-visibility', 'post'>;

// ---- accounts -------------------------------------------------------------------------------
export type PublicUser = Schemas['PublicUser'];
export type Role = PublicUser['role'];
export const ROLES = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const satisfies readonly Role[];
export type ChangePasswordResult = ApiResponse<'/auth/password', 'post'>;
export type LoginResult = ApiResponse<'/auth/login', 'post'>;

// ---- exercise clock -------------------------------------------------------------------------
export type ClockView = Schemas['ClockView'];
export type ExerciseStatus = ClockView['status'];

// ---- scenarios and exercises ----------------------------------------------------------------
export type ScenarioSummary = Item<ApiResponse<'/scenarios'>>;
export type ExerciseListItem = Item<ApiResponse<'/exercises'>>;
export type ExerciseDetail = ApiResponse<'/exercises/{id}'>;
export type ExerciseTeam = ExerciseDetail['teams'][number];
export type TimelineEntry = Item<ApiResponse<'/exercises/{id}/timeline'>>;
export type InjectStatus = TimelineEntry['status'];
export type FireResult = ApiResponse<'/exercises/{id}/injects/{injectId}/fire', 'post'>;
export type ExerciseEvent = Item<ApiResponse<'/exercises/{id}/events'>>;

// ---- injects as players see them -------------------------------------------------------------
export type PlayerInjectView = Schemas['PlayerInjectView'];
export type Channel = PlayerInjectView['channel'];
export const CHANNELS = [
  'email',
  'news',
  'social',
  'siem',
  'intel',
  'phone',
  'sitrep',
  'chat',
  'video',
] as const satisfies readonly Channel[];
export type Tlp = NonNullable<PlayerInjectView['tlp']>;
export type Artifact = PlayerInjectView['artifacts'][number];
export type IocType = Extract<Artifact, { kind: 'ioc-table' }>['rows'][number]['type'];
export type Sender = PlayerInjectView['from'];
export type DecisionView = NonNullable<PlayerInjectView['decision']>;
export type ContentLanguage = Schemas['ContentLanguage'];

// ---- player session -----------------------------------------------------------------------
export type PlayerSession = ApiResponse<'/play/session'>;
export type JoinResult = ApiResponse<'/join', 'post'>;

// ---- acknowledgements, responses, RFIs --------------------------------------------------------
export type AckResult = ApiResponse<'/play/injects/{injectId}/ack', 'post'>;
export type TeamAck = Schemas['TeamAckView'];
/** an option id, 'abstain' or 'block' */
export type VoteChoice = VoteBody['choice'];
export type TeamResponse = Schemas['ResponseView'];
export type ResponseRevision = TeamResponse['revisions'][number];
export type ControlResponse = ApiResponse<'/exercises/{id}/responses'>['items'][number];
export type Party = Schemas['Party'];
export type RfiThread = Item<ApiResponse<'/play/threads'>>;
export type ThreadMessage = RfiThread['messages'][number];
export type ControlThread = Item<ApiResponse<'/exercises/{id}/threads'>>;

// ---- control room read models ---------------------------------------------------------------
export type StatusGrid = ApiResponse<'/exercises/{id}/status-grid'>;
export type StatusCell = StatusGrid['cells'][number];

// ---- scoring and evaluation -----------------------------------------------------------------
export type TeamScore = Schemas['TeamScore'];
export type ScoreItem = Schemas['ScoreItem'];
/** Every point traces to a rule or to an evaluator's decision (`evaluator` is `user:<id>`). */
export type ScoreSource = ScoreItem['source'];
export type EvaluationQueuePage = ApiResponse<'/exercises/{id}/evaluation/queue'>;
export type EvaluationQueueItem = EvaluationQueuePage['items'][number];
export type ExpectedAction = NonNullable<EvaluationQueueItem['inject']>['expectedActions'][number];
export type ObjectiveRating = Item<ApiResponse<'/exercises/{id}/ratings'>>;
export type Rating = ObjectiveRating['rating'];
export const RATINGS = ['P', 'S', 'M', 'U'] as const satisfies readonly Rating[];
/** What a team may see: its own breakdown after the exercise (if allowed), the leaderboard if on. */
export type PlayerScores = ApiResponse<'/play/scores'>;
export type LeaderboardRow = NonNullable<PlayerScores['leaderboard']>[number];

/** A scenario pack as the evaluator reads it (GET /scenarios/:id, staff only). */
export type PackRecord = ApiResponse<'/scenarios/{id}'>;
export type PackDocument = PackRecord['pack'];

// ---- decisions --------------------------------------------------------------------------------
export type ControlDecision = Schemas['DecisionView'];
export type DecisionVote = ControlDecision['votes'][number];
/** an option id, 'blocked' or 'timed-out' */
export type DecisionOutcome = NonNullable<ControlDecision['outcome']>;
/** A player's view: only the team's own vote, never another team's. */
export type PlayerDecision = Item<ApiResponse<'/play/decisions'>>;
/** The longest reason a block may state (backend/src/decisions/vote-reason.ts). */
export const MAX_BLOCK_REASON = 500;

// ---- realtime -------------------------------------------------------------------------------
export type { ClientToServerEvents, ServerToClientEvents } from './socket-events';
export type InjectDeliveredEvent = Schemas['ServerEvent_inject_delivered'];
export type ControlInjectDeliveredEvent = Schemas['ServerEvent_control_inject_delivered'];
export type ClockEvent = Schemas['ServerEvent_exercise_clock'];
export type ControlChangesEvent = Schemas['ServerEvent_control_changes'];
export type SystemStatus = Schemas['ServerEvent_system_status'];
export type WatchAck = Schemas['ClientEvent_exercise_watch_ack'];
