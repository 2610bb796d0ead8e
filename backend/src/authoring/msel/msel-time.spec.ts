import { describe, expect, it } from 'vitest';
import { messagesOf } from '../import-note.js';
import { type CellValue, parseMselTime, resolveTimes } from './msel-time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('parseMselTime, form by form', () => {
  const cases: [string, CellValue, ReturnType<typeof parseMselTime>][] = [
    // OpenAEV / OpenBAS French forms: J is the exercise day, H hours, M minutes, counted from the start
    ['J alone (the exercise day)', 'J', { kind: 'relative', ms: 0 }],
    ['J 09h00', 'J 09h00', { kind: 'clock', day: 0, msOfDay: 9 * HOUR }],
    ['J+1 09h00', 'J+1 09h00', { kind: 'clock', day: 1, msOfDay: 9 * HOUR }],
    ['J+3 09h05', 'J+3 09h05', { kind: 'clock', day: 3, msOfDay: 9 * HOUR + 5 * MIN }],
    ['J+1 H+2 M-5', 'J+1 H+2 M-5', { kind: 'relative', ms: DAY + 2 * HOUR - 5 * MIN }],
    ['J+4 M+5 (4 days 5 minutes)', 'J+4 M+5', { kind: 'relative', ms: 4 * DAY + 5 * MIN }],
    ['J-60', 'J-60', { kind: 'relative', ms: -60 * DAY }],
    ['J+1', 'J+1', { kind: 'relative', ms: DAY }],
    ['D+1 H+2 M-5', 'D+1 H+2 M-5', { kind: 'relative', ms: DAY + 2 * HOUR - 5 * MIN }],
    ['26/06/2024 09h00', '26/06/2024 09h00', { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9, 0) }],
    ['26.06.2024 9:05', '26.06.2024 9:05', { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9, 5) }],
    // HSEEP / planners
    ['T+2 (hours)', 'T+2', { kind: 'relative', ms: 2 * HOUR }],
    ['T-1 (an hour before STARTEX)', 'T-1', { kind: 'relative', ms: -HOUR }],
    ['T+01:30', 'T+01:30', { kind: 'relative', ms: 90 * MIN }],
    ['T+00:10:30', 'T+00:10:30', { kind: 'relative', ms: 10 * MIN + 30_000 }],
    ['T-00:10', 'T-00:10', { kind: 'relative', ms: -10 * MIN }],
    ['T+90m', 'T+90m', { kind: 'relative', ms: 90 * MIN }],
    ['T+1h30', 'T+1h30', { kind: 'relative', ms: 90 * MIN }],
    ['M-5', 'M-5', { kind: 'relative', ms: -5 * MIN }],
    ['H+2', 'H+2', { kind: 'relative', ms: 2 * HOUR }],
    ['STARTEX', 'STARTEX', { kind: 'relative', ms: 0 }],
    ['09:05', '09:05', { kind: 'clock', day: 0, msOfDay: 9 * HOUR + 5 * MIN }],
    ['0900 (text)', '0900', { kind: 'clock', day: 0, msOfDay: 9 * HOUR }],
    ['1430hrs', '1430hrs', { kind: 'clock', day: 0, msOfDay: 14 * HOUR + 30 * MIN }],
    ['9:30 AM', '9:30 AM', { kind: 'clock', day: 0, msOfDay: 9 * HOUR + 30 * MIN }],
    ['12:15 pm', '12:15 pm', { kind: 'clock', day: 0, msOfDay: 12 * HOUR + 15 * MIN }],
    ['09h00', '09h00', { kind: 'clock', day: 0, msOfDay: 9 * HOUR }],
    ['Day 2 09:00', 'Day 2 09:00', { kind: 'clock', day: 1, msOfDay: 9 * HOUR }],
    ['D+2 14:00', 'D+2 14:00', { kind: 'clock', day: 2, msOfDay: 14 * HOUR }],
    // ISO timestamps
    ['ISO with zone', '2023-03-23T04:00:00Z', { kind: 'absolute', epochMs: Date.UTC(2023, 2, 23, 4) }],
    ['ISO with offset', '2023-03-23T06:00:00+02:00', { kind: 'absolute', epochMs: Date.UTC(2023, 2, 23, 4) }],
    ['ISO wall time', '2024-06-26 09:00', { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9) }],
    // Excel cells: a time-only cell is a day fraction (exceljs gives a date on 1899-12-30), a date-time a real date
    [
      'Excel time cell',
      new Date(Date.UTC(1899, 11, 30, 9, 30)),
      { kind: 'clock', day: 0, msOfDay: 9 * HOUR + 30 * MIN },
    ],
    [
      'Excel date-time cell',
      new Date(Date.UTC(2024, 5, 26, 9, 0)),
      { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9) },
    ],
    ['Excel time as a number', 0.375, { kind: 'clock', day: 0, msOfDay: 9 * HOUR }],
    ['military time as a number', 1430, { kind: 'clock', day: 0, msOfDay: 14 * HOUR + 30 * MIN }],
    ['Excel date serial without format', 45469.375, { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9) }],
    // free text
    [
      'a weekday and a time: the time is used, the weekday reported',
      'Monday 9:30 AM',
      { kind: 'clock', day: 0, msOfDay: 9 * HOUR + 30 * MIN, ignored: 'the weekday "Monday"' },
    ],
    ['empty', '', null],
    ['nothing', null, null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseMselTime(input)).toEqual(expected);
  });

  it.each(['half past nine', 'after lunch', 'T+soon', '25:00', '31/13/2024 09h00', 'J+1 banana'])(
    '"%s" is not a time, and the message lists the forms it could be',
    (text) => {
      const r = parseMselTime(text);
      const error = r && 'error' in r ? r.error : '';
      expect(error).toContain(`"${text}" is not a time`);
      expect(error).toMatch(/J\+1 09h00/);
    },
  );
});

describe('resolveTimes: anchoring on STARTEX as the source tool does', () => {
  const start = Date.UTC(2024, 5, 26, 9, 0);
  it('counts J, H, M and T from the given start, clock times on its day, dates against it', () => {
    const r = resolveTimes(
      [
        { kind: 'relative', ms: DAY + 2 * HOUR - 5 * MIN },
        { kind: 'clock', day: 1, msOfDay: 9 * HOUR },
        { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9, 5) },
        { kind: 'clock', day: 3, msOfDay: 9 * HOUR + 5 * MIN },
      ],
      start,
    );
    expect(r.offsets).toEqual([DAY + 2 * HOUR - 5 * MIN, DAY, 5 * MIN, 3 * DAY + 5 * MIN]);
    expect(r.beforeStart).toEqual([false, false, false, false]);
  });

  it('without a start, the earliest date-time is STARTEX and clock times are read on that day (09:00, not the earliest clock)', () => {
    const r = resolveTimes(
      [
        { kind: 'absolute', epochMs: Date.UTC(2024, 5, 26, 9, 0) },
        { kind: 'clock', day: 0, msOfDay: 9 * HOUR + 5 * MIN },
        { kind: 'relative', ms: HOUR },
      ],
      undefined,
    );
    expect(r.offsets).toEqual([0, 5 * MIN, HOUR]);
    expect(r.notes).toMatchObject([{ code: 'msel.start-from-earliest-date', params: { at: '2024-06-26 09:00' } }]);
    expect(messagesOf(r.notes).join()).toMatch(/2024-06-26 09:00\) is taken as STARTEX/);
  });

  it('rows before STARTEX are marked as preparation steps when the sheet also has rows after it', () => {
    const r = resolveTimes(
      [
        { kind: 'relative', ms: -5 * MIN },
        { kind: 'relative', ms: -HOUR },
        { kind: 'relative', ms: 0 },
        { kind: 'relative', ms: HOUR },
      ],
      undefined,
    );
    expect(r.offsets).toEqual([-5 * MIN, -HOUR, 0, HOUR]);
    expect(r.beforeStart).toEqual([true, true, false, false]);
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'msel.rows-before-startex', params: { count: 2 } }));
    expect(messagesOf(r.notes).join()).toMatch(/2 row\(s\) are timed before STARTEX/);
  });

  it('when every row is before STARTEX and no start was given, STARTEX moves to the earliest row, with a note', () => {
    const r = resolveTimes(
      [
        { kind: 'relative', ms: -60 * DAY },
        { kind: 'relative', ms: -30 * DAY },
      ],
      undefined,
    );
    expect(r.offsets).toEqual([0, 30 * DAY]);
    expect(r.beforeStart).toEqual([false, false]);
    expect(r.notes).toContainEqual(
      expect.objectContaining({ code: 'msel.start-moved-earlier', params: { durationMs: 60 * 86_400_000 } }),
    );
    expect(messagesOf(r.notes).join()).toMatch(/STARTEX is moved 60 days earlier/);
  });

  it('with a given start, rows before it stay before it (the import lists them as a checklist)', () => {
    const r = resolveTimes(
      [
        { kind: 'absolute', epochMs: start - DAY },
        { kind: 'absolute', epochMs: start + HOUR },
      ],
      start,
    );
    expect(r.offsets).toEqual([-DAY, HOUR]);
    expect(r.beforeStart).toEqual([true, false]);
  });

  it('a time beyond 999 hours is a problem of its row', () => {
    const r = resolveTimes(
      [
        { kind: 'relative', ms: 0 },
        { kind: 'relative', ms: 1000 * HOUR },
      ],
      undefined,
    );
    expect(r.problems[1]).toMatchObject({
      code: 'msel.time-too-late',
      message: expect.stringMatching(/more than the 999 hours/) as string,
    });
  });
});
