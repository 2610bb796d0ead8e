/**
 * Timing analysis of a scenario pack for the content-quality rules: when each inject can be
 * released on the exercise clock, how much response work each team is asked for per window,
 * how long a team waits with nothing to do, and the in-story time each inject states.
 */
import {
  parseDurationMs,
  parseOffsetMs,
  type Inject,
  type ScenarioPack,
} from '../../backend/src/scenarios/pack/pack-schema.js';

const MIN = 60_000;

export const targetsOf = (pack: ScenarioPack, inj: Inject): string[] =>
  inj.to === 'all' ? pack.teams.map((t) => t.id) : inj.to;

/** Earliest and latest exercise-clock release of every inject that can be released (ms). */
export function releaseWindows(pack: ScenarioPack): Map<string, { lo: number; hi: number; always: boolean }> {
  const end = parseDurationMs(pack.duration);
  const byId = new Map(pack.injects.map((i) => [i.id, i]));
  const decisionInject = new Map(pack.injects.flatMap((i) => (i.decision ? [[i.decision.id, i] as const] : [])));
  const out = new Map<string, { lo: number; hi: number; always: boolean }>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const inj of pack.injects) {
      if (out.has(inj.id)) continue;
      const t = inj.trigger;
      let w: { lo: number; hi: number; always: boolean } | undefined;
      if (inj.offset !== undefined) {
        const at = parseOffsetMs(inj.offset);
        w = { lo: at, hi: at, always: true };
      } else if (t?.type === 'contingency') {
        const at = parseOffsetMs(t.at);
        w = { lo: at, hi: at, always: false };
      } else if (t?.type === 'after-inject' || t?.type === 'response-option') {
        const base = out.get(t.inject);
        const ref = byId.get(t.inject);
        if (base && ref) {
          const delay = parseDurationMs(t.delay);
          // an option can be chosen any time after delivery; assume within three times the target
          const late =
            t.type === 'response-option' ? 3 * (ref.respondWithin ? parseDurationMs(ref.respondWithin) : 0) : 0;
          w = {
            lo: base.lo + delay,
            hi: Math.min(end, base.hi + delay + late),
            always: base.always && t.type === 'after-inject',
          };
        }
      } else if (t?.type === 'decision-outcome') {
        const ref = decisionInject.get(t.decision);
        const base = ref ? out.get(ref.id) : undefined;
        if (ref?.decision && base) {
          const delay = parseDurationMs(t.delay);
          const deadline = parseDurationMs(ref.decision.deadline);
          const lo = t.outcome === 'timed-out' ? base.lo + deadline : base.lo;
          w = { lo: lo + delay, hi: base.hi + deadline + delay, always: false };
        }
      }
      if (w) {
        out.set(inj.id, w);
        changed = true;
      }
    }
  }
  return out;
}

/** Response-minutes an inject asks of a team: its target time, if the team is scored or votes on it. */
export function responseMinutes(inj: Inject, teamId: string): number {
  if (!inj.respondWithin) return 0;
  const scored = inj.expectedActions.some((a) => !a.teams || a.teams.includes(teamId));
  const votes = inj.decision ? (inj.decision.members ?? [teamId]).includes(teamId) : false;
  return scored || votes ? parseDurationMs(inj.respondWithin) / MIN : 0;
}

export interface TeamLoad {
  teamId: string;
  /** response-minutes released in each window (always-released injects only) */
  perWindow: number[];
  /** the longest stretch with no response work in hand, minutes, and when it starts */
  longestIdle: { minutes: number; from: number; to: number };
}

/**
 * Per team: response-minutes released per window, and the longest idle stretch (from the end of
 * every earlier inject's target time to the next release), on the always-released injects.
 */
export function teamLoads(pack: ScenarioPack, windowMinutes: number, skipLastMinutes = 0): TeamLoad[] {
  const windows = releaseWindows(pack);
  const endMin = parseDurationMs(pack.duration) / MIN;
  const count = Math.ceil(endMin / windowMinutes);
  return pack.teams.map((team) => {
    const perWindow = Array<number>(count).fill(0);
    const work: { at: number; minutes: number }[] = [];
    for (const inj of pack.injects) {
      const w = windows.get(inj.id);
      if (!w?.always || !targetsOf(pack, inj).includes(team.id)) continue;
      const at = w.lo / MIN;
      const minutes = responseMinutes(inj, team.id);
      work.push({ at, minutes });
      const k = Math.min(count - 1, Math.floor(at / windowMinutes));
      perWindow[k] = (perWindow[k] ?? 0) + minutes;
    }
    work.sort((a, b) => a.at - b.at);
    let busyUntil = 0;
    let longestIdle = { minutes: 0, from: 0, to: 0 };
    for (const w of [...work, { at: endMin - skipLastMinutes, minutes: 0 }]) {
      if (w.at - busyUntil > longestIdle.minutes)
        longestIdle = { minutes: w.at - busyUntil, from: busyUntil, to: w.at };
      busyUntil = Math.max(busyUntil, w.at + w.minutes);
    }
    return { teamId: team.id, perWindow, longestIdle };
  });
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Offset from UTC (hours) of a military time-zone letter (J is local time and not used). */
function zoneHours(letter: string): number | null {
  if (letter === 'Z') return 0;
  const east = 'ABCDEFGHIKLM';
  const west = 'NOPQRSTUVWXY';
  if (east.includes(letter)) return east.indexOf(letter) + 1;
  if (west.includes(letter)) return -(west.indexOf(letter) + 1);
  return null;
}

/** A date-time group like 131030IOCT26 (DDHHMM, zone letter, month, year), as epoch ms. */
export function parseDtg(dtg: string): number | null {
  const m = /^(\d{2})(\d{2})(\d{2})([A-Z])([A-Z]{3})(\d{2})$/.exec(dtg.trim());
  if (!m) return null;
  const zone = zoneHours(m[4] ?? '');
  const month = MONTHS.indexOf(m[5] ?? '');
  if (zone === null || month < 0) return null;
  return Date.UTC(2000 + Number(m[6]), month, Number(m[1]), Number(m[2]) - zone, Number(m[3]));
}

/**
 * The in-story time an inject states about itself: `meta.storyTime` (ISO), the e-mail `date`,
 * the post's `published` time, or the message's `dtg`. Null when it states none.
 */
export function storyTime(inj: Inject): { ms: number; field: string; value: string } | null {
  for (const field of ['storyTime', 'date', 'published', 'dtg']) {
    const v = inj.meta[field];
    if (typeof v !== 'string') continue;
    const ms = field === 'dtg' ? parseDtg(v) : Date.parse(v);
    if (ms !== null && Number.isFinite(ms)) return { ms, field, value: v };
  }
  return null;
}

/**
 * Continuity: an inject that is certainly released after another (by at least `gapMinutes` on the
 * exercise clock) must not be set earlier in the story than it, by more than `slackMinutes`.
 */
export function storyContinuityBreaks(pack: ScenarioPack, gapMinutes = 5, slackMinutes = 10): string[] {
  const windows = releaseWindows(pack);
  const stamped = pack.injects.flatMap((i) => {
    const w = windows.get(i.id);
    const s = storyTime(i);
    return w && s ? [{ id: i.id, w, s }] : [];
  });
  const breaks: string[] = [];
  const fmt = (ms: number) =>
    `T+${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor((ms % 3_600_000) / MIN)).padStart(2, '0')}`;
  for (const later of stamped) {
    for (const earlier of stamped) {
      if (earlier.w.hi + gapMinutes * MIN > later.w.lo) continue;
      if (later.s.ms < earlier.s.ms - slackMinutes * MIN) {
        breaks.push(
          `${later.id} (released ${fmt(later.w.lo)}, story ${later.s.value}) is set before ${earlier.id} (released by ${fmt(earlier.w.hi)}, story ${earlier.s.value})`,
        );
      }
    }
  }
  return breaks;
}
