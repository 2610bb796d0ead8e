import { Injectable, Logger } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database.js';
import { ExerciseEventEntity } from '../exercises/exercise-event.entity.js';
import { ResponseEntity } from '../responses/response.entities.js';
import type { LoggedEvent } from './report-inputs.js';
import type { ResponseRecord } from './report-model.js';

export type Raw = Record<string, unknown>;
export const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const json = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

/**
 * On PostgreSQL, entries younger than this are read again on every request: a transaction may
 * commit a lower id after a higher one. SQLite has one writer at a time, which takes its ids as it
 * writes and commits before the next one starts, so there every entry read is settled.
 */
const PG_SETTLE_MS = 30_000;
const EXERCISES_KEPT = 4;
const RESPONSE_EVENTS = new Set(['response.logged', 'response.edited']);

/** when each part of a read was done, in ms from its start (the two overlap on a cold read) */
export interface ReadTiming {
  logMs: number;
  responsesMs: number;
}

interface Cached {
  /** events up to and including this id are settled and kept */
  settledId: number;
  events: LoggedEvent[];
  responses: Map<string, ResponseRecord>;
}

/**
 * The event log is append-only, so the report reads it incrementally: settled entries stay in
 * memory (a few recent exercises), each request reads only what came after them, and responses
 * are re-read only when a log entry says they were logged or edited. Several API instances each
 * keep their own copy; the database stays the truth.
 */
@Injectable()
export class ReportEventLog {
  private readonly cache = new Map<string, Cached>();
  private readonly logger = new Logger('reports');

  constructor(private readonly reads: ReadDatabase) {}

  private get db() {
    return this.reads.db;
  }

  /** `fresh`: ignore what is kept and read the whole log and every response again (a cold build). */
  async read(
    exerciseId: string,
    opts: { fresh?: boolean } = {},
  ): Promise<{ events: LoggedEvent[]; responses: ResponseRecord[]; lastEventId: number; timing: ReadTiming }> {
    const kept = opts.fresh ? undefined : this.cache.get(exerciseId);
    const c = kept ?? { settledId: 0, events: [], responses: new Map<string, ResponseRecord>() };
    const first = c.settledId === 0;
    const timing: ReadTiming = { logMs: 0, responsesMs: 0 };
    const t0 = performance.now();
    const timed = <T>(p: Promise<T>, key: keyof ReadTiming) => p.finally(() => (timing[key] = performance.now() - t0));
    let tail: LoggedEvent[];
    if (first) {
      // both at once: the database builds one aggregate while this thread parses the other
      const [log, responses] = await Promise.all([
        timed(this.wholeLog(exerciseId), 'logMs'),
        timed(this.allResponses(exerciseId), 'responsesMs'),
      ]);
      tail = log;
      for (const r of responses) c.responses.set(r.id, r);
    } else {
      tail = await timed(this.logAfter(exerciseId, c.settledId), 'logMs');
      const changed = [
        ...new Set(tail.filter((e) => RESPONSE_EVENTS.has(e.type)).map((e) => text(e.payload.responseId))),
      ].filter(Boolean);
      for (let k = 0; k < changed.length; k += 500)
        for (const r of await this.responses(exerciseId, changed.slice(k, k + 500))) c.responses.set(r.id, r);
      timing.responsesMs = performance.now() - t0;
    }

    const settleBefore = this.db.options.type === 'postgres' ? Date.now() - PG_SETTLE_MS : Infinity;
    const events = c.events.concat(tail);
    let settled = c.events.length;
    while (settled < events.length && (events[settled]?.atMs ?? Infinity) < settleBefore) settled++;
    this.cache.delete(exerciseId);
    this.cache.set(exerciseId, {
      settledId: events[settled - 1]?.id ?? 0,
      events: events.slice(0, settled),
      responses: c.responses,
    });
    while (this.cache.size > EXERCISES_KEPT) this.cache.delete(this.cache.keys().next().value ?? '');

    const responses = [...c.responses.values()];
    // read in creation order (the index): sort only when later edits or tails broke it
    if (responses.some((r, k) => k > 0 && (responses[k - 1]?.createdAt ?? 0) > r.createdAt))
      responses.sort((a, b) => a.createdAt - b.createdAt);
    return { events, responses, lastEventId: events[events.length - 1]?.id ?? 0, timing };
  }

  private async logAfter(exerciseId: string, after: number): Promise<LoggedEvent[]> {
    return (
      await this.db
        .createQueryBuilder()
        .select([
          'e.id AS id',
          'e.type AS type',
          'e.at_ms AS at_ms',
          'e.scenario_ms AS scenario_ms',
          'e.actor AS actor',
          'e.payload AS payload',
        ])
        .from(ExerciseEventEntity, 'e')
        .where('e.exercise_id = :exerciseId AND e.id > :after', { exerciseId, after })
        .orderBy('e.id', 'ASC')
        .getRawMany<Raw>()
    ).map((r): LoggedEvent => ({
      id: num(r.id),
      type: text(r.type),
      atMs: num(r.at_ms),
      scenarioMs: numOrNull(r.scenario_ms),
      actor: text(r.actor),
      payload: json<Record<string, unknown>>(r.payload, {}),
    }));
  }

  /**
   * The whole log as one JSON array built by the database: tens of thousands of rows cost far less
   * as one string and one JSON.parse than as row objects from the driver. Falls back to rows if a
   * payload is not valid JSON (the database refuses to embed it).
   */
  private async wholeLog(exerciseId: string): Promise<LoggedEvent[]> {
    const rows = await this.aggregate<[number, string, number, number | null, string, Record<string, unknown> | null]>(
      `SELECT json_group_array(json_array(id, type, at_ms, scenario_ms, actor, json(payload))) AS rows FROM (SELECT id, type, at_ms, scenario_ms, actor, payload FROM exercise_events WHERE exercise_id = ? ORDER BY id)`,
      `SELECT COALESCE(json_agg(json_build_array(id, type, at_ms, scenario_ms, actor, payload::json) ORDER BY id), '[]')::text AS rows FROM exercise_events WHERE exercise_id = $1`,
      [exerciseId],
    );
    if (!rows) return this.logAfter(exerciseId, 0);
    const events = rows.map(([id, type, atMs, scenarioMs, actor, payload]): LoggedEvent => ({
      id,
      type,
      atMs,
      scenarioMs,
      actor,
      payload: payload ?? {},
    }));
    // SQLite keeps the inner ORDER BY in practice, but does not promise it
    for (let k = 1; k < events.length; k++)
      if ((events[k - 1]?.id ?? 0) > (events[k]?.id ?? 0)) return events.sort((a, b) => a.id - b.id);
    return events;
  }

  private async allResponses(exerciseId: string): Promise<ResponseRecord[]> {
    const rows = await this.aggregate<
      [string, string, string, string, string, string[] | null, number, number, number, string | null]
    >(
      `SELECT json_group_array(json_array(id, team_id, inject_id, author_name, text, json(option_ids), scenario_ms, created_at_ms, updated_at_ms, language)) AS rows FROM (SELECT * FROM responses WHERE exercise_id = ? ORDER BY created_at_ms)`,
      `SELECT COALESCE(json_agg(json_build_array(id, team_id, inject_id, author_name, text, option_ids::json, scenario_ms, created_at_ms, updated_at_ms, language) ORDER BY created_at_ms), '[]')::text AS rows FROM responses WHERE exercise_id = $1`,
      [exerciseId],
    );
    if (!rows) return this.responses(exerciseId);
    return rows.map(
      ([id, teamId, injectId, authorName, text, optionIds, scenarioMs, createdAt, updatedAt, language]) => ({
        id,
        teamId,
        injectId,
        authorName,
        text,
        optionIds: optionIds ?? [],
        scenarioMs,
        createdAt,
        updatedAt,
        language: language ?? null,
      }),
    );
  }

  /** One JSON-array row from the dialect's aggregate query, parsed; null when the database could not build it. */
  private async aggregate<Row>(sqlite: string, postgres: string, params: unknown[]): Promise<Row[] | null> {
    const sql = this.db.options.type === 'postgres' ? postgres : sqlite;
    try {
      const [row] = await this.db.query<{ rows: string | null }[]>(sql, params);
      return JSON.parse(row?.rows ?? '[]') as Row[];
    } catch (e) {
      this.logger.warn(`reading the event log row by row: ${(e as Error).message}`);
      return null;
    }
  }

  private async responses(exerciseId: string, ids?: string[]): Promise<ResponseRecord[]> {
    const q = this.db
      .createQueryBuilder()
      .select([
        'r.id AS id',
        'r.team_id AS team_id',
        'r.inject_id AS inject_id',
        'r.author_name AS author_name',
        'r.text AS text',
        'r.option_ids AS option_ids',
        'r.scenario_ms AS scenario_ms',
        'r.created_at_ms AS created_at_ms',
        'r.updated_at_ms AS updated_at_ms',
        'r.language AS language',
      ])
      .from(ResponseEntity, 'r')
      .where('r.exercise_id = :exerciseId', { exerciseId });
    if (ids) q.andWhere('r.id IN (:...ids)', { ids });
    return (await q.getRawMany<Raw>()).map((r) => ({
      id: text(r.id),
      teamId: text(r.team_id),
      injectId: text(r.inject_id),
      authorName: text(r.author_name),
      text: text(r.text),
      optionIds: json<string[]>(r.option_ids, []),
      scenarioMs: num(r.scenario_ms),
      createdAt: num(r.created_at_ms),
      updatedAt: num(r.updated_at_ms),
      language: typeof r.language === 'string' ? r.language : null,
    }));
  }
}
