import type { DeliveryTimingRow } from '../delivery/delivery-timing.js';
import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import type {
  Finding,
  HotwashQuestion,
  ImprovementItem,
  ResponseRecord,
  RfiRecord,
  TeamScore,
} from './report-model.js';

export interface LoggedEvent {
  id: number;
  type: string;
  atMs: number;
  scenarioMs: number | null;
  actor: string;
  payload: Record<string, unknown>;
}

/** Everything a report is built from, loaded in one pass (report-data.service.ts). */
export interface ReportInputs {
  exercise: {
    id: string;
    name: string;
    status: 'draft' | 'scheduled' | 'running' | 'paused' | 'ended';
    snapshot: ScenarioPack;
    startedAtMs: number | null;
    endedAtMs: number | null;
  };
  scenarioNowMs: number;
  teams: { id: string; key: string; name: string }[];
  participants: { id: string; teamId: string; displayName: string }[];
  /** user id → display name (evaluators, facilitators) */
  users: Map<string, string>;
  events: LoggedEvent[];
  responses: ResponseRecord[];
  rfis: RfiRecord[];
  /** null: nothing saved yet, the report drafts them */
  savedFindings: Finding[] | null;
  plan: ImprovementItem[];
  hotwash: {
    teamId: string;
    ratings: Record<string, number>;
    answers: Record<string, string>;
    language?: string | null;
  }[];
  hotwashQuestions: HotwashQuestion[];
  /** every team's breakdown from the scoring engine (the live scores) */
  scores: TeamScore[];
  now: number;
  /** the newest event-log id read: the version of the log the report reflects */
  lastEventId: number;
  /** every final delivery with its broadcast timing (delivery accuracy, late marks); absent: no accuracy section */
  deliveries?: DeliveryTimingRow[];
}
