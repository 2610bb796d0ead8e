import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

type Work<T> = (m: EntityManager) => Promise<T>;

/** Rows to insert, table by table (in this order): a transaction that is nothing but inserts. */
export type Inserts = { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }[];

/** rows per multi-row INSERT: under SQLite's 999 bound parameters for a dozen columns */
const ROWS_PER_INSERT = 50;

/** A transaction on the exercise clock's critical path (a delivery): it goes ahead of the queue. */
export const URGENT = Symbol('urgent transaction');
/**
 * A small transaction that only touches the database (no other side effect, safe to run again),
 * such as logging a response: on SQLite, several queued ones commit together.
 */
export const GROUPABLE = Symbol('groupable transaction');

type Kind = typeof URGENT | typeof GROUPABLE;

interface Queued {
  work: Work<unknown>;
  /** set when the work is only these inserts: a group then writes each table's rows in one statement */
  inserts?: Inserts;
  /** a check run in the transaction before the inserts (e.g. the exercise has not ended) */
  guard?: Work<void> | undefined;
  /** guards with the same key check the same thing: in a group, the first one's pass holds for the rest */
  guardKey?: string | undefined;
  groupable: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** at most this many groupable transactions commit together (bounds how long a delivery can wait) */
const GROUP_MAX = 12;

/** PostgreSQL: connections kept apart for URGENT transactions (and the delivery's own reads), per process */
const URGENT_CONNECTIONS = 4;

/**
 * PostgreSQL: insert-only transactions (`insert`) in flight at once, per process. Those that arrive
 * while all lanes are busy wait and then commit together, as on SQLite (group commit).
 */
const INSERT_LANES = 2;

/**
 * Every write goes through here. TypeORM drives SQLite through one shared connection, so two
 * overlapping transactions would interleave on it; on SQLite they are queued and run one at a time
 * (SQLite allows a single writer anyway):
 * - an URGENT one (an inject's delivery) runs next, before those queued earlier;
 * - GROUPABLE ones waiting at the head of the queue run one after the other inside one
 *   transaction (group commit): the same result as one at a time, with one BEGIN/COMMIT for all.
 *   If any of them fails, that group is rolled back and each runs again alone, so one failure
 *   never undoes another's write.
 * PostgreSQL transactions run concurrently, each on its own connection from the pool; an URGENT one
 * takes its connection from a small pool of its own (see `urgentDb`), and insert-only ones are
 * group-committed too, behind a couple of lanes (see `drainInserts`).
 */
@Injectable()
export class Transactions implements OnModuleInit, OnModuleDestroy {
  private readonly serial: boolean;
  private readonly urgent: Queued[] = [];
  private readonly normal: Queued[] = [];
  private busy = false;
  /** PostgreSQL: insert-only transactions waiting for a lane, and the lanes in use */
  private readonly inserts: Queued[] = [];
  private insertLanes = 0;
  private urgentPool: DataSource | undefined;
  private readonly logger = new Logger('database');

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.serial = db.options.type === 'sqlite';
  }

  async onModuleInit(): Promise<void> {
    if (this.db.options.type !== 'postgres') return;
    // Under load every connection of the main pool can be busy with players' writes, and the pool
    // hands out connections first come, first served: a delivery then waited behind hundreds of
    // queued responses (prepare and reveal took 11-17 s on a starved machine). Deliveries get their own.
    const options = this.db.options;
    const pool = new DataSource({
      ...options,
      migrationsRun: false,
      extra: { ...(options.extra as object | undefined), max: URGENT_CONNECTIONS },
    });
    try {
      this.urgentPool = await pool.initialize();
    } catch (e) {
      this.logger.warn(`no connections of their own for deliveries, they share the pool: ${(e as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.urgentPool?.isInitialized) await this.urgentPool.destroy();
  }

  /**
   * PostgreSQL: the delivery path's own connections, for the short reads it makes on the clock's
   * critical path (never a long read: there are only a few). Undefined on SQLite.
   */
  get urgentDb(): DataSource | undefined {
    return this.urgentPool?.isInitialized ? this.urgentPool : undefined;
  }

  /**
   * A transaction of inserts only (a response and its log entry, say). It is groupable (on
   * PostgreSQL too, see `drainInserts`), and a group writes all its members' rows of a table in one multi-row INSERT: a handful of
   * statements per group instead of a handful per member. A `guard` runs first in the same
   * transaction; when it throws, nothing of these inserts is written. Guards that share a
   * `guardKey` check the same database state (the exercise has not ended, say): in a group, the
   * first one that passes stands for the others until a member with other work runs.
   */
  insert(inserts: Inserts, guard?: Work<void>, guardKey?: string): Promise<void> {
    const work = async (m: EntityManager) => {
      if (guard) await guard(m);
      await writeRows(m, inserts);
    };
    return new Promise<void>((resolve, reject) => {
      (this.serial ? this.normal : this.inserts).push({
        work,
        inserts,
        guard,
        guardKey,
        groupable: true,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      void (this.serial ? this.drain() : this.drainInserts());
    });
  }

  /**
   * PostgreSQL: at most INSERT_LANES insert-only transactions at once; whatever queued meanwhile
   * commits together (one BEGIN/COMMIT, one guard per key, one multi-row INSERT per table). At
   * 200 responses a second each response was its own transaction of seven round trips (begin, the
   * exercise's advisory lock, its status, three inserts, commit); a group of n responses to one
   * exercise takes those seven for all n. Nothing waits when a lane is free.
   */
  private drainInserts(): void {
    while (this.insertLanes < INSERT_LANES && this.inserts.length > 0) {
      const group = this.inserts.splice(0, GROUP_MAX);
      this.insertLanes++;
      void (group.length === 1 ? this.alone(group[0] as Queued) : this.together(group)).finally(() => {
        this.insertLanes--;
        this.drainInserts();
      });
    }
  }

  run<T>(work: Work<T>): Promise<T>;
  run<T>(kind: Kind, work: Work<T>): Promise<T>;
  run<T>(a: Work<T> | Kind, b?: Work<T>): Promise<T> {
    const kind = typeof a === 'function' ? null : a;
    const work = (typeof a === 'function' ? a : b) as Work<T>;
    if (!this.serial) return ((kind === URGENT ? this.urgentDb : undefined) ?? this.db).transaction(work);
    return new Promise<T>((resolve, reject) => {
      (kind === URGENT ? this.urgent : this.normal).push({
        work,
        groupable: kind === GROUPABLE,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        const next = this.urgent.shift() ?? this.normal.shift();
        if (!next) return;
        const group = [next];
        while (next.groupable && group.length < GROUP_MAX && this.normal[0]?.groupable)
          group.push(this.normal.shift() as Queued);
        if (group.length === 1) await this.alone(next);
        else await this.together(group);
      }
    } finally {
      this.busy = false;
    }
  }

  private async alone(q: Queued): Promise<void> {
    try {
      q.resolve(await this.db.transaction(q.work));
    } catch (e) {
      q.reject(e);
    }
  }

  private async together(group: Queued[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction(async (m) => {
        const out: unknown[] = [];
        // consecutive insert-only members are written together; any other member runs in its
        // place in the queue, after the rows queued before it
        let pending: Inserts = [];
        // guards that passed in this transaction, by key: nothing but inserts ran since
        const passed = new Set<string>();
        for (const q of group) {
          if (q.inserts) {
            // a refusing guard fails the group, and then each member runs alone (below)
            if (q.guard && !(q.guardKey !== undefined && passed.has(q.guardKey))) {
              await q.guard(m);
              if (q.guardKey !== undefined) passed.add(q.guardKey);
            }
            pending.push(...q.inserts);
            out.push(undefined);
            continue;
          }
          await writeRows(m, pending);
          pending = [];
          // other work may change what a guard checked: the next member checks again
          passed.clear();
          out.push(await q.work(m));
        }
        await writeRows(m, pending);
        return out;
      });
    } catch {
      for (const q of group) await this.alone(q);
      return;
    }
    group.forEach((q, i) => q.resolve(results[i]));
  }
}

/** Each table's rows in as few multi-row INSERTs as the parameter limit allows, tables in first-seen order. */
export async function writeRows(m: EntityManager, inserts: Inserts): Promise<void> {
  const byEntity = new Map<EntityTarget<ObjectLiteral>, ObjectLiteral[]>();
  for (const { entity, rows } of inserts) {
    const list = byEntity.get(entity) ?? [];
    list.push(...rows);
    byEntity.set(entity, list);
  }
  for (const [entity, rows] of byEntity) {
    for (let k = 0; k < rows.length; k += ROWS_PER_INSERT) {
      await m
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(k, k + ROWS_PER_INSERT))
        .updateEntity(false)
        .execute();
    }
  }
}
