import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Inserts } from '../database/transactions.js';
import type { DecisionEntity } from '../decisions/decision.entities.js';
import type { ReleasedInject } from '../delivery/branch-releases.js';

/** An event raised inside the writer's transaction: subscribers add rows for their own tables to `write`, which the writer inserts in that same transaction. */
export interface InWrite {
  write: Inserts;
}

/**
 * What one domain tells the others, by name. Subscribers run in the order they subscribed, one
 * after the other, and the emitter awaits them all: an event raised inside a transaction is
 * handled inside it (a subscriber's failure rolls it back), and one raised before a socket emit
 * is handled before it. There is no queue and nothing runs later.
 */
export interface DomainEventMap {
  /** A player's response was written (in its transaction). Scoring marks the team's cell on the inject. */
  'response.logged': InWrite & { exerciseId: string; teamId: string; injectId: string };
  /** A response was edited (in its transaction). Scoring marks the team's cell on the inject. */
  'response.edited': InWrite & { exerciseId: string; teamId: string; injectId: string };
  /** A response or edit committed. Scoring flushes soon. */
  'response.saved': { exerciseId: string; teamId: string; injectId: string };
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

export type DomainEventName = keyof DomainEventMap;
export type DomainEventHandler<K extends DomainEventName> = (event: DomainEventMap[K]) => void | Promise<void>;

/** Every event; each must have a subscriber once the application has booted. */
export const DOMAIN_EVENTS = [
  'response.logged',
  'response.edited',
  'response.saved',
  'inject.revealed',
  'inject.delivered',
  'branches.released',
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
  async emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): Promise<void> {
    const list: DomainEventHandler<K>[] = this.handlers[name] ?? [];
    for (const handler of list) await handler(event);
  }

  /** A module left out of a process would otherwise lose its events without a word: boot fails instead. */
  onApplicationBootstrap(): void {
    const missing = DOMAIN_EVENTS.filter((name) => (this.handlers[name]?.length ?? 0) === 0);
    if (missing.length > 0) throw new Error(`domain events without a subscriber: ${missing.join(', ')}`);
  }
}
