import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Inserts } from '../database/transactions.js';
import type { DecisionEntity } from '../decisions/decision.entities.js';
import type { ReleasedInject } from '../delivery/branch-releases.js';
import type { InjectDeliveredEvent } from '../delivery/delivery-views.js';
import type { ExerciseEventType } from '../exercises/exercise-event.entity.js';
import type { ClockEvent } from '../exercises/exercise-views.js';
import type { ResponseView, TeamAckView } from '../responses/response-views.js';

/** An event raised inside the writer's transaction: subscribers add rows for their own tables to `write`, which the writer inserts in that same transaction. */
export interface InWrite {
  write: Inserts;
}

/**
 * What one domain tells the others, by name, and awaits. Subscribers run in the order they
 * subscribed, one after the other, and the emitter awaits them all (`DomainEvents.emit`): an event
 * raised inside a transaction is handled inside it (a subscriber's failure rolls it back), and one
 * raised before a socket emit is handled before it. There is no queue and nothing runs later.
 */
export interface AwaitedEvents {
  /** A player's response was written (in its transaction). Scoring marks the team's cell on the inject. */
  'response.logged': InWrite & { exerciseId: string; teamId: string; injectId: string };
  /** A response was edited (in its transaction). Scoring marks the team's cell on the inject. */
  'response.edited': InWrite & { exerciseId: string; teamId: string; injectId: string };
  /**
   * A delivery is being made final (in the reveal's transaction, which holds the exercise row's
   * lock). Scoring opens the teams' cells on the inject.
   */
  'inject.revealed': InWrite & { exerciseId: string; injectId: string; teamIds: string[] };
  /**
   * A delivery was broadcast (never on the clock's critical path). Scoring flushes the cells
   * opened at the reveal; delivery shows the decisions it opened and schedules what it set in motion.
   */
  'inject.delivered': {
    exerciseId: string;
    injectId: string;
    teamIds: string[];
    released: ReleasedInject[];
    decisions: DecisionEntity[];
  };
  /** A response option or a decision's outcome released branch injects (committed). Delivery schedules them. */
  'branches.released': { exerciseId: string; released: ReleasedInject[] };
}

/** The decision an announcement is about, and the teams that take part in it. */
interface DecisionRef {
  exerciseId: string;
  decisionId: string;
  memberTeamIds: string[];
}

/**
 * What a domain announces once it has happened (committed), for whoever follows the exercise:
 * the realtime layer subscribes to every one and does the socket emits. An announcement is
 * synchronous (`DomainEvents.announce`): its subscribers return nothing (an async one does not
 * type-check), run in subscription order inside the call and are not awaited, so announcing costs
 * the emitter one lookup and one call per subscriber, and adds no await to the response path or to
 * the delivery broadcast. Payloads are passed as they are (no copy): a subscriber does not keep or
 * change them.
 */
export interface Announcements {
  /** A response or edit committed, as the team's log shows it. Scoring flushes soon; realtime: the team and staff. */
  'response.saved': { exerciseId: string; teamId: string; injectId: string; response: ResponseView };
  /** A player acknowledged an inject for the first time (committed). */
  'inject.acknowledged': { exerciseId: string; teamId: string; ack: TeamAckView };
  /**
   * An inject's instant has come and its delivery is final: the clients get it now. The only work
   * on the clock's critical path; `inject.delivered` follows with everything else.
   */
  'inject.broadcast': { event: InjectDeliveredEvent; teamIds: string[] };
  /** A facilitator skipped an inject. */
  'inject.skipped': { exerciseId: string; injectId: string };
  /** A facilitator wrote an ad-hoc inject (delivered now or scheduled). */
  'inject.adhoc-created': { exerciseId: string; injectId: string };
  /**
   * The exercise clock changed (start, scheduled start, pause, resume, speed, end, re-anchoring
   * after a system clock step), committed and rescheduled: players and the control room re-anchor
   * their local clocks on `clock`.
   */
  'clock.changed': { change: ClockChange; clock: ClockEvent };
  /** A facilitator wrote in the exercise journal. */
  'journal.noted': { exerciseId: string };
  /** The exercise's settings (observer anonymity) changed. */
  'exercise.settings-changed': { exerciseId: string; observerAnonymous: boolean };
  /** A delivery opened a decision (announced after the broadcast, before its deadline is scheduled). */
  'decision.opened': DecisionRef;
  /** A team voted and the decision stays open. */
  'decision.voted': DecisionRef & { teamId: string };
  /** A facilitator moved an open decision's deadline. */
  'decision.extended': DecisionRef & { deadlineScenarioMs: number };
  /** A decision closed (outcome, timeout, block or forced); its branches were scheduled first (`branches.released`). */
  'decision.closed': DecisionRef & { outcome: string; forced: boolean };
  /** A team opened a thread (request for information). */
  'thread.opened': { exerciseId: string; teamId: string; threadId: string };
  /** A message was posted in a thread, by the team or by control in character. */
  'thread.message': { exerciseId: string; teamId: string; threadId: string; sender: 'team' | 'control' };
  /** A team's live score changed (after a flush); only staff hear of it. */
  'score.changed': { exerciseId: string; teamId: string };
  /** What teams may see of scores changed (scores after the end, the leaderboard). */
  'score.visibility-changed': { exerciseId: string; patch: { scoresVisible?: boolean; leaderboard?: boolean } };
  /** A player submitted (or replaced) their hotwash survey. */
  'hotwash.submitted': { exerciseId: string; teamId: string };
  /** Sessions were ended (logout, password or role change, account disabled, participant removed). */
  'sessions.ended': { sessionIds: readonly string[]; reason: string; message: string };
}

/** The clock changes `clock.changed` names, as the exercise's event log records them. */
export type ClockChange = Extract<
  ExerciseEventType,
  | 'exercise.started'
  | 'exercise.start-scheduled'
  | 'exercise.paused'
  | 'exercise.resumed'
  | 'exercise.speed-changed'
  | 'exercise.ended'
  | 'exercise.clock-reanchored'
>;

/** Every internal event: awaited ones (`emit`) and announcements (`announce`). */
export interface DomainEventMap extends AwaitedEvents, Announcements {}

export type DomainEventName = keyof DomainEventMap;
export type AwaitedEventName = keyof AwaitedEvents;
export type AnnouncementName = keyof Announcements;
/** An awaited event's subscriber may do I/O; an announcement's is synchronous and returns nothing. */
export type DomainEventHandler<K extends DomainEventName> = K extends AnnouncementName
  ? (event: Announcements[K]) => undefined
  : K extends AwaitedEventName
    ? (event: AwaitedEvents[K]) => void | Promise<void>
    : never;

/** Every event; each must have a subscriber once the application has booted. */
export const DOMAIN_EVENTS = [
  'response.logged',
  'response.edited',
  'inject.revealed',
  'inject.delivered',
  'branches.released',
  'response.saved',
  'inject.acknowledged',
  'inject.broadcast',
  'inject.skipped',
  'inject.adhoc-created',
  'clock.changed',
  'journal.noted',
  'exercise.settings-changed',
  'decision.opened',
  'decision.voted',
  'decision.extended',
  'decision.closed',
  'thread.opened',
  'thread.message',
  'score.changed',
  'score.visibility-changed',
  'hotwash.submitted',
  'sessions.ended',
] as const satisfies readonly DomainEventName[];

/** The in-process, typed dispatcher behind `DomainEventMap` (see there for the ordering it keeps). */
@Injectable()
export class DomainEvents implements OnApplicationBootstrap {
  private readonly handlers: { [K in DomainEventName]?: DomainEventHandler<K>[] } = {};

  /** Subscribe (at module init): handlers run in subscription order. */
  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list: DomainEventHandler<K>[] = this.handlers[name] ?? [];
    list.push(handler);
    (this.handlers as Record<K, DomainEventHandler<K>[]>)[name] = list;
  }

  /** Run every subscriber of `name`, one after the other; the first failure is the emitter's. */
  async emit<K extends AwaitedEventName>(name: K, event: AwaitedEvents[K]): Promise<void> {
    const list = this.handlers[name] as ((event: AwaitedEvents[K]) => void | Promise<void>)[] | undefined;
    if (list === undefined) return;
    for (const handler of list) await handler(event);
  }

  /** Call every subscriber of `name` now, in order, awaiting nothing; a subscriber's throw is the caller's. */
  announce<K extends AnnouncementName>(name: K, event: Announcements[K]): void {
    const list = this.handlers[name] as ((event: Announcements[K]) => undefined)[] | undefined;
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) list[i]!(event);
  }

  /** A module left out of a process would otherwise lose its events without a word: boot fails instead. */
  onApplicationBootstrap(): void {
    const missing = DOMAIN_EVENTS.filter((name) => (this.handlers[name]?.length ?? 0) === 0);
    if (missing.length > 0) throw new Error(`domain events without a subscriber: ${missing.join(', ')}`);
  }
}
