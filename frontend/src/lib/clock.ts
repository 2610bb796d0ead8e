import { formatDate, TIME } from '../i18n/format';
import type { ClockEvent, ClockView } from './api-types';

/** A clock as the client holds it: the server's anchors plus the local instant they arrived. */
export interface LocalClock extends ClockView {
  /** `serverNow - Date.now()` at arrival: how far the server's wall clock is ahead of ours */
  skewMs: number;
}

export function localClock(clock: ClockView, receivedAt = Date.now()): LocalClock {
  return { ...clock, skewMs: clock.serverNow - receivedAt };
}

/** Fold a realtime clock event into the clock we hold. */
export function applyClockEvent(clock: LocalClock, e: ClockEvent, receivedAt = Date.now()): LocalClock {
  return {
    ...clock,
    status: e.status,
    speed: e.speed,
    anchorScenarioMs: e.anchorScenarioMs,
    anchorWallMs: e.anchorWallMs,
    serverNow: e.serverNow,
    skewMs: e.serverNow - receivedAt,
    startedAtMs: clock.startedAtMs ?? (e.status === 'running' ? e.anchorWallMs : null),
  };
}

const ticking = (s: ClockView['status']) => s === 'running' || s === 'scheduled';

/** Scenario time now, computed locally: anchor + elapsed wall time × speed while running. */
export function scenarioNowMs(clock: LocalClock, now = Date.now()): number {
  if (!ticking(clock.status) || clock.anchorWallMs === null) return clock.anchorScenarioMs;
  const elapsed = now + clock.skewMs - clock.anchorWallMs;
  return Math.max(clock.anchorScenarioMs, clock.anchorScenarioMs + elapsed * clock.speed);
}

/** Local wall time at which the scenario clock reaches `scenarioMs` (null while it stands still). */
export function wallTimeAt(clock: LocalClock, scenarioMs: number): number | null {
  if (!ticking(clock.status) || clock.anchorWallMs === null) return null;
  return clock.anchorWallMs - clock.skewMs + (scenarioMs - clock.anchorScenarioMs) / clock.speed;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `T+01:25:03` (or `T-00:00:10` before the start). */
export function formatScenarioTime(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `T${sign}${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** A duration as `mm:ss` or `h:mm:ss`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Wall-clock time (hh:mm:ss, 24 h) in the interface language; '—' when there is none. */
export function formatWallTime(epochMs: number | string | null | undefined): string {
  return formatDate(epochMs, TIME);
}
