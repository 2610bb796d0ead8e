import type { InjectDeliveredEvent } from '../delivery/delivery-views.js';
import type { ClockEvent } from '../exercises/exercise-views.js';
import type { ResponseView, TeamAckView } from '../responses/response-views.js';

type TeamResponseView = ResponseView;
export type { ClockEvent, InjectDeliveredEvent, TeamAckView };

/** The control room's copy of `inject:delivered`: with the teams it reached. */
export interface ControlInjectDeliveredEvent extends InjectDeliveredEvent {
  teamIds: string[];
}

/**
 * Small payloads: clients fetch details through the API, which stays the source of truth. The one
 * exception is the team's own shared log (responses, acknowledgements), which the team room gets
 * whole, so twenty teammates do not each refetch it after every entry.
 */
/**
 * Staff rooms: what changed in an exercise's team logs and scores since the last notice, gathered
 * for up to `CONTROL_CHANGES_WINDOW_MS` (each response, acknowledgement and team listed once).
 */
export interface ControlChangesEvent {
  exerciseId: string;
  /** responses logged or edited */
  responses: { responseId: string; teamId: string; injectId: string }[];
  /** injects acknowledged */
  acks: { teamId: string; injectId: string }[];
  /** teams whose score changed */
  scoredTeamIds: string[];
}

export interface ServerToClientEvents {
  'session:ready': (info: { kind: 'user' | 'participant'; rooms: string[] }) => void;
  'session:error': (info: { code: string; message: string }) => void;
  'inject:delivered': (e: InjectDeliveredEvent) => void;
  'control:inject-delivered': (e: ControlInjectDeliveredEvent) => void;
  'exercise:clock': (e: ClockEvent) => void;
  'exercise:changed': (e: { exerciseId: string; reason: string }) => void;
  /** to the team's own room only: the response as GET /play/responses shows it */
  'response:changed': (e: {
    exerciseId: string;
    responseId: string;
    injectId: string;
    response: TeamResponseView;
  }) => void;
  /** to the team's own room only: the acknowledgement as GET /play/acks shows it */
  'ack:changed': (e: { exerciseId: string; injectId: string; ack: TeamAckView }) => void;
  'thread:changed': (e: { exerciseId: string; threadId: string }) => void;
  /** staff rooms, at most one per exercise every 200 ms: responses, acknowledgements and scores that changed */
  'control:changes': (e: ControlChangesEvent) => void;
  'control:thread': (e: { exerciseId: string; threadId: string; teamId: string }) => void;
  'decision:changed': (e: { exerciseId: string; decisionId: string }) => void;
  /** Redis went away or came back: clients show a banner while the platform cannot take changes */
  'system:status': (e: { redis: 'ok' | 'unreachable'; message: string }) => void;
  /** to the players' rooms: what teams may see of scores changed (no score, no team named) */
  'scores:visibility': (e: { exerciseId: string; scoresVisible?: boolean; leaderboard?: boolean }) => void;
  /** staff rooms: a part of the after-action report changed (e.g. a hotwash answer came in) */
  'report:changed': (e: { exerciseId: string; part: 'hotwash' }) => void;
}

export interface ClientToServerEvents {
  /** staff: follow an exercise (control room or observer view) */
  'exercise:watch': (
    req: { exerciseId: string },
    ack: (res: { ok: true; room: string } | { ok: false; code: string; message: string }) => void,
  ) => void;
}

export const rooms = {
  team: (teamId: string) => `team:${teamId}`,
  players: (exerciseId: string) => `players:${exerciseId}`,
  control: (exerciseId: string) => `control:${exerciseId}`,
  observers: (exerciseId: string) => `observers:${exerciseId}`,
  /** every socket opened with one session token: ended together with the session */
  session: (sessionId: string) => `session:${sessionId}`,
};
