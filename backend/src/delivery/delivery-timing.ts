import { percentile } from '../scheduling/delivery-metrics.js';
import type { DeliveryAccuracySummary, LatenessSpread } from '../reports/report-model.js';
import type { DeliveryEntity } from './delivery.entity.js';

/** Delivered more than this after its due instant counts as late (for example after a restart). */
export const LATE_AFTER_MS = 1000;

/** One delivery's timing, as the accuracy figures and the report's timeline read it. */
export type DeliveryTimingRow = Pick<
  DeliveryEntity,
  | 'injectId'
  | 'teamId'
  | 'dueAtMs'
  | 'deliveredAtMs'
  | 'late'
  | 'broadcastStartedAtMs'
  | 'broadcastEndedAtMs'
  | 'broadcastBy'
>;

export interface DeliveryAccuracy extends DeliveryAccuracySummary {
  /** genuinely late deliveries (restart, stall), latest first (at most 100) */
  late: {
    injectId: string;
    teamId: string;
    dueAtMs: number;
    broadcastStartedAtMs: number | null;
    latenessMs: number | null;
  }[];
  /** which processes broadcast, and how many deliveries each */
  processes: Record<string, number>;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
function spread(values: number[]): LatenessSpread {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s.at(-1) ?? null) };
}

/** How late a delivery went out: from its instant to the start of its broadcast (or, unrecorded, to when it was made). */
export const latenessOf = (d: DeliveryTimingRow): number =>
  round(d.broadcastStartedAtMs === null ? d.deliveredAtMs - d.dueAtMs : d.broadcastStartedAtMs - d.dueAtMs) ?? 0;

/**
 * A lateness in whole milliseconds for lists that show one figure per inject, from the same
 * tenth-rounded value the accuracy figures and the report carry (rounding the raw value directly
 * can differ from them by one: 1467.46 is 1467 raw but 1467.5, hence 1468, after the tenth).
 */
export const wholeLatenessMs = (raw: number): number => Math.round(round(raw) ?? 0);

/** The figures of a set of final deliveries (pure: the control room and the report read the same). */
export function summariseDeliveries(rows: DeliveryTimingRow[]): DeliveryAccuracy {
  const broadcasts = new Map<string, { due: number; start: number; end: number }>();
  const processes: Record<string, number> = {};
  for (const d of rows) {
    if (d.broadcastStartedAtMs === null || d.broadcastEndedAtMs === null) continue;
    broadcasts.set(`${d.injectId}@${d.broadcastStartedAtMs}`, {
      due: d.dueAtMs,
      start: d.broadcastStartedAtMs,
      end: d.broadcastEndedAtMs,
    });
    if (d.broadcastBy) processes[d.broadcastBy] = (processes[d.broadcastBy] ?? 0) + 1;
  }
  const measured = [...broadcasts.values()];
  const late = rows.filter((d) => d.late);
  return {
    broadcasts: measured.length,
    startLatenessMs: spread(measured.map((b) => b.start - b.due)),
    endLatenessMs: spread(measured.map((b) => b.end - b.due)),
    lateCount: late.length,
    unrecorded: rows.filter((d) => d.broadcastStartedAtMs === null).length,
    lateAfterMs: LATE_AFTER_MS,
    late: late
      .sort((a, b) => b.dueAtMs - a.dueAtMs)
      .slice(0, 100)
      .map((d) => ({
        injectId: d.injectId,
        teamId: d.teamId,
        dueAtMs: d.dueAtMs,
        broadcastStartedAtMs: d.broadcastStartedAtMs,
        latenessMs: latenessOf(d),
      })),
    processes,
  };
}
