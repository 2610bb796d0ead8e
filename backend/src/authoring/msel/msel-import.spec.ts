import { describe, expect, it } from 'vitest';
import { messagesOf } from '../import-note.js';
import type { CellValue } from './msel-time.js';
import { mselToPack } from './msel-import.js';

const grid = (rows: CellValue[][]) => ({ name: 'MSEL', rows, rowNumbers: rows.map((_, i) => i + 1) });
const run = (rows: CellValue[][], start?: number) => mselToPack(grid(rows), ['MSEL'], { start });

describe('mselToPack: the standard MSEL column sets', () => {
  it('HSEEP: Event Type rows — Expected Action rows join the inject above, Contingency Inject rows become contingencies', () => {
    const r = run([
      [
        'Event Number',
        'Designated Scenario Time',
        'Event Type',
        'Inject Mode',
        'From',
        'To',
        'Message',
        'Expected Participant Response',
        'Exercise Objective',
        'Notes',
      ],
      [
        '1',
        'T+00:00',
        'Inject',
        'Email',
        'SOC manager',
        'IT',
        'Ransom note on screens',
        'Isolate the hosts',
        'Contain',
        '',
      ],
      ['1.1', '', 'Expected Action', '', '', '', 'Call the incident lead', '', '', ''],
      [
        '1.2',
        'T+00:30',
        'Contingency Inject',
        'Phone',
        'CEO',
        'IT',
        'The CEO calls: why is nobody isolating?',
        '',
        '',
        'only if they did not isolate',
      ],
      ['2', 'T+01:00', 'Inject', 'Press release', 'Newsroom', 'Comms', 'Reporters ask questions', '', '', ''],
    ]);
    const [first, contingency, press] = r.pack.injects;
    expect(first?.expectedActions.map((a) => a.text)).toEqual(['Isolate the hosts', 'Call the incident lead']);
    expect(r.rows[2]).toMatchObject({ kind: 'attached' });
    expect(contingency).toMatchObject({
      channel: 'phone',
      trigger: { type: 'contingency', inject: first?.id, expectedAction: 'ea-1', at: 'T+00:30' },
    });
    expect(contingency?.offset).toBeUndefined();
    expect(press?.channel).toBe('news');
    expect(r.mapping).toMatchObject({
      number: 0,
      time: 1,
      eventType: 2,
      mode: 3,
      from: 4,
      to: 5,
      message: 6,
      expectedAction: 7,
      objective: 8,
      notes: 9,
    });
  });

  it('Blueprint: empty Delivery Time says the time is missing; To Org and From Org are mapped; Move makes phases', () => {
    const r = run([
      ['Control Number', 'Move', 'Group', 'Delivery Time', 'Title', 'Description', 'From Org', 'To Org', 'Status'],
      ['1', '1', 'A', '09:00', 'Phishing', 'Staff report a phishing wave', 'Help desk', 'SOC', 'Approved'],
      ['2', '1', 'A', '', 'Outage', 'Cranes stop', 'Port', 'OT team', 'Draft'],
      ['3', '2', 'B', '10:00', 'Press', 'Reporters call', 'Newsroom', 'Comms', 'Approved'],
    ]);
    expect(r.rows[2]).toMatchObject({
      kind: 'skipped',
      errors: [
        {
          code: 'msel.time-empty',
          params: { column: 'D', header: 'Delivery Time', field: 'time' },
          message: 'no time: column D "Delivery Time" is empty (expected a time like 09:00, T+01:30 or J+1 09h00)',
        },
      ],
    });
    expect(r.pack.injects.map((i) => [i.subject, i.to, i.from.name, i.phase])).toEqual([
      ['Phishing', ['soc'], 'Help desk', 'move-1'],
      ['Press', ['comms'], 'Newsroom', 'move-2'],
    ]);
    expect(r.pack.phases.map((p) => [p.title, p.start])).toEqual([
      ['Move 1', 'T+00:00'],
      ['Move 2', 'T+01:00'],
    ]);
    expect(r.pack.injects[0]?.facilitatorNotes).toBe('Group: A\nStatus: Approved');
  });

  it('MITRE: ID, Local Time, Delivery Method, Target, Assumptions and Measure of Performance', () => {
    const r = run([
      ['ID', 'Local Time', 'Delivery Method', 'Target', 'Message', 'Assumptions', 'Measure of Performance'],
      [
        'M-01',
        '0900',
        'Phone call',
        'NOC',
        'Link to the DR site is down',
        'DR site exists',
        'NOC escalates within 10 min',
      ],
    ]);
    expect(r.pack.injects[0]).toMatchObject({
      id: 'm-01',
      channel: 'phone',
      to: ['noc'],
      body: 'Link to the DR site is down',
    });
    expect(r.pack.injects[0]?.facilitatorNotes).toBe(
      'Assumptions: DR site exists\nMeasure of Performance: NOC escalates within 10 min',
    );
  });

  it('explains an almost-empty row by what it holds', () => {
    const r = run([
      ['Time', 'Subject', 'Message', 'Inject type'],
      ['09:00', 'Hello', 'World', 'mail'],
      ['09:10', '', '', '???'],
    ]);
    expect(r.rows[2]?.errors).toEqual([
      {
        code: 'msel.nothing-to-send',
        params: {
          column: 'B',
          header: 'Subject',
          field: 'subject',
          column2: 'C',
          header2: 'Message',
          field2: 'message',
          held: 'A "Time" = "09:10", D "Inject type" = "???"',
        },
        message:
          'nothing to send: column B "Subject" and column C "Message" are empty (the row holds only A "Time" = "09:10", D "Inject type" = "???")',
      },
    ]);
  });

  it('says which column is missing when only one of subject and message is mapped', () => {
    const r = run([
      ['Time', 'Message', 'Inject type'],
      ['09:00', 'World', 'mail'],
      ['09:10', '', 'press release'],
    ]);
    expect(r.rows[2]?.errors).toEqual([
      {
        code: 'msel.nothing-to-send-one-mapped',
        params: {
          column: 'B',
          header: 'Message',
          field: 'message',
          missing: 'subject',
          held: 'A "Time" = "09:10", C "Inject type" = "press release"',
        },
        message:
          'nothing to send: column B "Message" is empty, and no column is mapped to the subject (the row holds only A "Time" = "09:10", C "Inject type" = "press release")',
      },
    ]);
  });
});

describe('mselToPack: a day or date column beside the time column (multi-day exercises)', () => {
  it('Date and Time columns: the date counts, so day 2 at 09:00 is a day after day 1 at 09:00', () => {
    const r = run([
      ['Date', 'Time', 'Subject', 'Message', 'To'],
      ['09/03/2026', '09:00', 'Phish', 'Forty users clicked', 'SOC'],
      ['09/03/2026', '14:00', 'Ransom', 'Server encrypted', 'SOC'],
      [new Date(Date.UTC(2026, 2, 10)), new Date(Date.UTC(1899, 11, 30, 9, 30)), 'Press', 'Reporter calls', 'Comms'],
    ]);
    expect(r.mapping).toMatchObject({ date: 0, time: 1 });
    expect(r.pack.injects.map((i) => i.offset)).toEqual(['T+00:00', 'T+05:00', 'T+24:30']);
    expect(messagesOf(r.notes).join('\n')).not.toMatch(/"Date"/);
  });

  it('Day numbers: "1", "Day 2" put clock times on the exercise\'s first, second, … day', () => {
    const r = run(
      [
        ['Day', 'Time', 'Subject', 'Message', 'To'],
        ['1', '09:00', 'Phish', 'Forty users clicked', 'SOC'],
        ['Day 1', '14:00', 'Ransom', 'Server encrypted', 'SOC'],
        ['Day 2', '09:00', 'Press', 'Reporter calls', 'Comms'],
        ['3', '08:30', 'Hotwash', 'Wrap up', 'Comms'],
      ],
      Date.UTC(2026, 2, 9, 9, 0),
    );
    expect(r.pack.injects.map((i) => i.offset)).toEqual(['T+00:00', 'T+05:00', 'T+24:00', 'T+47:30']);
  });

  it('a Date column that holds no dates (T3SF\'s "Monday 9:30 AM") stays a note, as before', () => {
    const r = run([
      ['Time', 'Date', 'Subject', 'Message', 'To'],
      ['09:00', 'Monday 9:30 AM', 'Phish', 'Forty users clicked', 'SOC'],
      ['09:30', 'Monday 10:00 AM', 'Ransom', 'Server encrypted', 'SOC'],
    ]);
    expect(r.mapping.date).toBeUndefined();
    expect(r.pack.injects[0]?.facilitatorNotes).toBe('Date: Monday 9:30 AM');
  });

  it("a date or day that cannot be read is a warning, and the time is read on STARTEX's day", () => {
    const r = run([
      ['Date', 'Time', 'Subject', 'Message', 'To'],
      ['09/03/2026', '09:00', 'Phish', 'Forty users clicked', 'SOC'],
      ['10/03/2026', '09:00', 'Ransom', 'Server encrypted', 'SOC'],
      ['next week', '10:00', 'Press', 'Reporter calls', 'Comms'],
    ]);
    expect(r.rows[3]?.warnings).toContainEqual({
      code: 'msel.day-unreadable',
      params: { column: 'A', header: 'Date', field: 'date', value: 'next week' },
      message: expect.stringMatching(/^column A "Date": "next week" is not a date or a day number/) as string,
    });
    expect(r.pack.injects.map((i) => i.offset)).toEqual(['T+00:00', 'T+24:00', 'T+01:00']);
  });
});
