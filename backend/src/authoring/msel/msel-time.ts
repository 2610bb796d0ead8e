import { type ImportNote, importNote } from '../import-note.js';

/**
 * MSEL times in the notations planners use, parsed into one of three kinds that are resolved
 * against the exercise start afterwards (see resolveTimes):
 * - relative: `T+01:30`, `T+2` (hours), `T+90m`, `D+1 H+2 M-5`, `J-60`, `H+2`
 * - clock: a wall-clock time, optionally on a relative day: `09:30`, `0900`, `9:30 AM`, `09h00`,
 *   `J+1 09h00`, `D+2 14:00`, an Excel time cell
 * - absolute: a date and time: `2023-03-23T04:00:00Z`, `26/06/2024 09h00`, `2024-06-26 09:00`,
 *   an Excel date-time cell
 */
export type MselTime = (
  | { kind: 'relative'; ms: number }
  | { kind: 'clock'; day: number; msOfDay: number }
  | { kind: 'absolute'; epochMs: number }
) & {
  /** part of the cell that was not used (a weekday), for the row's warnings */
  ignored?: string;
};

export type CellValue = string | number | boolean | Date | null;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function parseMselTime(value: CellValue): MselTime | { error: string } | null {
  if (value === null || value === '') return null;
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value === 'boolean') return { error: `"${String(value)}" is not a time` };
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return (
    parseText(text) ?? {
      error: `"${text}" is not a time this importer reads (expected hh:mm, 0900, T+01:30, T-1, M-5, J, J+1 09h00, J+1 H+2 M-5 or a date and time)`,
    }
  );
}

function fromDate(d: Date): MselTime {
  // Excel time-only cells are day fractions on 1899-12-30/31; exceljs hands them over as UTC dates
  if (d.getUTCFullYear() < 1901) {
    const msOfDay = d.getUTCHours() * HOUR + d.getUTCMinutes() * MIN + d.getUTCSeconds() * 1000;
    const day = Math.round(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(1899, 11, 30)) / DAY,
    );
    return { kind: 'clock', day: Math.max(0, day), msOfDay };
  }
  return { kind: 'absolute', epochMs: d.getTime() };
}

function fromNumber(n: number): MselTime | { error: string } {
  if (n >= 0 && n < 1) return { kind: 'clock', day: 0, msOfDay: Math.round((n * DAY) / 1000) * 1000 };
  // 900 or 1430 written as a number: military time
  if (Number.isInteger(n) && n >= 0 && n <= 2359 && n % 100 < 60)
    return { kind: 'clock', day: 0, msOfDay: Math.floor(n / 100) * HOUR + (n % 100) * MIN };
  if (n >= 1 && n < 200_000) {
    // an Excel date serial that lost its format
    const epochMs = Math.round(((n - 25_569) * DAY) / 1000) * 1000;
    return { kind: 'absolute', epochMs };
  }
  return { error: `${n} is not a time` };
}

const CLOCK = /^(\d{1,2})(?:[:h.](\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?h?$/i;
const MILITARY = /^(\d{2})(\d{2})\s*h?(?:rs?)?$/i;

function parseClock(text: string): number | null {
  const t = text.trim();
  const mil = MILITARY.exec(t);
  if (mil) {
    const h = Number(mil[1]);
    const m = Number(mil[2]);
    return h < 24 && m < 60 ? h * HOUR + m * MIN : null;
  }
  const c = CLOCK.exec(t);
  if (!c) return null;
  // a bare number is not a clock time ("2" could be anything); it needs ":" / "h" or am/pm
  if (c[2] === undefined && c[4] === undefined && !/h$/i.test(t)) return null;
  let h = Number(c[1]);
  const m = Number(c[2] ?? 0);
  const s = Number(c[3] ?? 0);
  const ampm = c[4]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === 'pm' && h !== 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
  }
  if (h > 23 || m > 59 || s > 59) return null;
  return h * HOUR + m * MIN + s * 1000;
}

const UNIT_MS: Record<string, number> = { d: DAY, j: DAY, h: HOUR, m: MIN, s: 1000 };

function parseText(text: string): MselTime | null {
  if (/^(startex|start|t|h-hour|h hour|j|d|t\s*[+-]?\s*0)$/i.test(text)) return { kind: 'relative', ms: 0 };
  // T+01:30, T+01:30:15, T+2 (hours), T+90m, T+1h30, T-00:10
  const t = /^T\s*([+-])\s*(.+)$/i.exec(text);
  if (t) {
    const sign = t[1] === '-' ? -1 : 1;
    const body = (t[2] ?? '').trim();
    const hms = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(body);
    if (hms)
      return {
        kind: 'relative',
        ms: sign * (Number(hms[1]) * HOUR + Number(hms[2]) * MIN + Number(hms[3] ?? 0) * 1000),
      };
    const hm = /^(\d{1,3})\s*h\s*(\d{2})$/i.exec(body);
    if (hm) return { kind: 'relative', ms: sign * (Number(hm[1]) * HOUR + Number(hm[2]) * MIN) };
    const units =
      /^(?:(\d+(?:\.\d+)?)\s*d)?\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(body);
    if (units && units.slice(1).some((u) => u !== undefined)) {
      const ms =
        Number(units[1] ?? 0) * DAY +
        Number(units[2] ?? 0) * HOUR +
        Number(units[3] ?? 0) * MIN +
        Number(units[4] ?? 0) * 1000;
      return { kind: 'relative', ms: sign * Math.round(ms) };
    }
    if (/^\d+(\.\d+)?$/.test(body)) return { kind: 'relative', ms: sign * Math.round(Number(body) * HOUR) };
    return null;
  }

  // "Day 2 09:00", "Jour 2 9h": the exercise's second day (day 1 is STARTEX's day)
  const dayN = /^(?:day|jour|tag|dia)\s*(\d{1,3})(?:\s*[,:-]?\s+(.+))?$/i.exec(text);
  if (dayN) {
    const day = Math.max(0, Number(dayN[1]) - 1);
    if (!dayN[2]) return { kind: 'relative', ms: day * DAY };
    const c = parseClock(dayN[2]);
    return c === null ? null : { kind: 'clock', day, msOfDay: c };
  }

  // D+1 H+2 M-5, J-60, J+1 H+2, J (the exercise day), and J+1 09h00 / J 09h00 / D+2 14:00
  // (a relative day, then a clock time); OpenAEV counts J, H and M from the exercise start
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  if (tokens.length > 0 && /^(?:[DJHMS][+-]\d+|[DJ])$/i.test(tokens[0] ?? '')) {
    let rel = 0;
    let day = 0;
    let clock: number | null = null;
    for (const tok of tokens) {
      if (/^[DJ]$/i.test(tok)) continue;
      const u = /^([DJHMS])([+-])(\d+)$/i.exec(tok);
      if (u) {
        const unit = (u[1] ?? '').toLowerCase();
        const v = (u[2] === '-' ? -1 : 1) * Number(u[3]);
        if (unit === 'd' || unit === 'j') day += v;
        else rel += v * (UNIT_MS[unit] ?? 0);
        continue;
      }
      const c = parseClock(tok);
      if (c === null || clock !== null) return null;
      clock = c;
    }
    if (clock !== null) return { kind: 'clock', day, msOfDay: clock + rel };
    return { kind: 'relative', ms: day * DAY + rel };
  }

  const clock = parseClock(text);
  if (clock !== null) return { kind: 'clock', day: 0, msOfDay: clock };
  // "Monday 9:30 AM": the weekday of a simulated calendar; only the time is kept
  const weekday = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+(.+)$/i.exec(text);
  if (weekday) {
    const c = parseClock(weekday[2] ?? '');
    if (c !== null) return { kind: 'clock', day: 0, msOfDay: c, ignored: `the weekday "${text.split(' ')[0] ?? ''}"` };
  }
  const abs = parseDateTime(text);
  if (abs !== null) return { kind: 'absolute', epochMs: abs };
  return null;
}

/** Dates are read as written (no time zone unless the text has one), in UTC, so that differences are exact. */
export function parseDateTime(text: string): number | null {
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2})[:h](\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    if (iso[7]) {
      const ms = Date.parse(text.replace(' ', 'T'));
      return Number.isNaN(ms) ? null : ms;
    }
    return Date.UTC(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
    );
  }
  // 26/06/2024 09h00, 26/06/2024 09:00, 26.06.2024 9:00 (day first, as in Europe)
  const eu = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+(.+))?$/.exec(text);
  if (eu) {
    const day = Number(eu[1]);
    const month = Number(eu[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const clock = eu[4] ? parseClock(eu[4]) : 0;
    if (clock === null) return null;
    return Date.UTC(Number(eu[3]), month - 1, day) + clock;
  }
  return null;
}

export interface ResolvedTimes {
  /** offset from STARTEX in ms per input index (undefined when the input had no time) */
  offsets: (number | undefined)[];
  /** per input index: why its time could not be placed */
  problems: (ImportNote | undefined)[];
  /** per input index: timed before STARTEX (a preparation step, not an inject) */
  beforeStart: boolean[];
  notes: ImportNote[];
}

/**
 * Turn parsed times into offsets from STARTEX. Relative times (T, J, H, M) count from STARTEX, as
 * OpenAEV and HSEEP count them. STARTEX is the start given; without one, the earliest date and
 * time in the sheet, or else the earliest clock time, with a note. Clock times are read on
 * STARTEX's day (J+1 09h00 on the day after).
 *
 * Rows before STARTEX (T-1, M-5, J-60, planners' preparation steps) are not errors: when the sheet
 * also has rows at or after STARTEX they are marked `beforeStart` (the importer lists them as a
 * pre-exercise checklist); when every row is before it and no start was given, STARTEX moves to
 * the earliest row, with a note.
 */
export function resolveTimes(times: (MselTime | undefined)[], start: number | undefined): ResolvedTimes {
  const notes: ImportNote[] = [];
  const problems: (ImportNote | undefined)[] = times.map(() => undefined);
  const absolutes = times.flatMap((t) => (t?.kind === 'absolute' ? [t.epochMs] : []));
  const clocks = times.flatMap((t) => (t?.kind === 'clock' ? [t.day * DAY + t.msOfDay] : []));
  const startMs = start ?? (absolutes.length ? Math.min(...absolutes) : undefined);
  const timeOfDay = (ms: number) => ((ms % DAY) + DAY) % DAY;
  const clockBase = startMs !== undefined ? timeOfDay(startMs) : clocks.length ? Math.min(...clocks) : 0;
  if (start === undefined && startMs !== undefined) {
    const at = new Date(startMs).toISOString().slice(0, 16).replace('T', ' ');
    notes.push(
      importNote(
        'msel.start-from-earliest-date',
        { at },
        `No start was given: the earliest date and time (${at}) is taken as STARTEX (T+00:00)`,
      ),
    );
  } else if (start === undefined && clocks.length)
    notes.push(
      importNote(
        'msel.start-from-earliest-clock',
        { at: fmtClock(clockBase) },
        `No start was given: the earliest clock time (${fmtClock(clockBase)}) is taken as STARTEX (T+00:00)`,
      ),
    );
  let offsets = times.map((t) => {
    if (!t) return undefined;
    if (t.kind === 'relative') return t.ms;
    if (t.kind === 'clock') return t.day * DAY + t.msOfDay - clockBase;
    return t.epochMs - (startMs ?? t.epochMs);
  });
  const known = offsets.filter((o): o is number => o !== undefined);
  const min = Math.min(...known);
  let beforeStart = offsets.map((o) => o !== undefined && o < 0);
  if (Number.isFinite(min) && min < 0 && !known.some((o) => o >= 0)) {
    if (start === undefined) {
      offsets = offsets.map((o) => (o === undefined ? o : o - min));
      beforeStart = offsets.map(() => false);
      notes.push(
        importNote(
          'msel.start-moved-earlier',
          { durationMs: -min },
          `Every row is timed before STARTEX: STARTEX is moved ${fmtDuration(-min)} earlier, to the earliest row, and every time is shifted by that much`,
        ),
      );
    }
  } else if (beforeStart.some(Boolean)) {
    const count = beforeStart.filter(Boolean).length;
    notes.push(
      importNote(
        'msel.rows-before-startex',
        { count },
        `${count} row(s) are timed before STARTEX: they are preparation steps, listed as a pre-exercise checklist for the facilitator instead of injects`,
      ),
    );
  }
  offsets.forEach((o, i) => {
    if (o !== undefined && o >= 1000 * HOUR)
      problems[i] = importNote(
        'msel.time-too-late',
        { durationMs: o },
        `${fmtDuration(o)} after STARTEX: more than the 999 hours an exercise can last`,
      );
  });
  return { offsets, problems, beforeStart, notes };
}

const pad = (n: number) => String(n).padStart(2, '0');
const fmtClock = (ms: number) => `${pad(Math.floor(ms / HOUR) % 24)}:${pad(Math.floor((ms % HOUR) / MIN))}`;
export function fmtDuration(ms: number): string {
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MIN);
  return h >= 48 ? `${Math.round(h / 24)} days` : `${h}h${pad(m)}`;
}
