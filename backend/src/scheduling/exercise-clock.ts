/**
 * The exercise clock. Scenario time is derived from one anchor, never accumulated, so pauses,
 * resumes and speed changes introduce no drift: now = anchor.scenario + (wall − anchor.wall) × speed.
 */
export interface ClockAnchor {
  /** wall-clock instant of the anchor (epoch ms); null before the exercise starts */
  wallMs: number | null;
  scenarioMs: number;
  speed: number;
  running: boolean;
}

export function scenarioNow(anchor: ClockAnchor, wallMs: number): number {
  if (!anchor.running || anchor.wallMs === null) return anchor.scenarioMs;
  return Math.max(anchor.scenarioMs, anchor.scenarioMs + (wallMs - anchor.wallMs) * anchor.speed);
}

/** Wall instant at which the clock reaches `scenarioMs`; null while the clock is stopped. */
export function wallTimeAt(anchor: ClockAnchor, scenarioMs: number): number | null {
  if (!anchor.running || anchor.wallMs === null) return null;
  return anchor.wallMs + (scenarioMs - anchor.scenarioMs) / anchor.speed;
}

/*
 * A new anchor is kept in whole milliseconds: the database keeps it in integer columns (bigint on
 * PostgreSQL, which refuses a fraction), and at a speed such as ×1.25 or ×0.5 the scenario time
 * of a pause, or the instant a change takes effect at, is rarely whole. Rounding moves the clock
 * by less than half a millisecond of scenario time; every process reads the same stored anchor.
 */
export function pauseAnchor(anchor: ClockAnchor, wallMs: number): ClockAnchor {
  return {
    wallMs: Math.round(wallMs),
    scenarioMs: Math.round(scenarioNow(anchor, wallMs)),
    speed: anchor.speed,
    running: false,
  };
}

export function resumeAnchor(anchor: ClockAnchor, wallMs: number): ClockAnchor {
  return { wallMs: Math.round(wallMs), scenarioMs: anchor.scenarioMs, speed: anchor.speed, running: true };
}

export function respeedAnchor(anchor: ClockAnchor, wallMs: number, speed: number): ClockAnchor {
  return {
    wallMs: Math.round(wallMs),
    scenarioMs: Math.round(scenarioNow(anchor, wallMs)),
    speed,
    running: anchor.running,
  };
}

export const MIN_SPEED = 0.5;
export const MAX_SPEED = 600;
