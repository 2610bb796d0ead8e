import { describe, expect, it } from 'vitest';
import type { CellValue } from './msel-time.js';
import { mselToPack } from './msel-import.js';

const grid = (rows: CellValue[][]) => ({ name: 'MSEL', rows, rowNumbers: rows.map((_, i) => i + 1) });
const run = (rows: CellValue[][], start?: number) => mselToPack(grid(rows), ['MSEL'], { start });

describe('mselToPack: the standard MSEL column sets', () => {
  it('HSEEP: Event Type rows — Expected Action rows join the inject above, Contingency Inject rows become contingencies', () => {
    const r = run([
      ['Event Number', 'Designated Scenario Time', 'Event Type', 'Inject Mode', 'From', 'To', 'Message', 'Expected Participant Response', 'Exercise Objective', 'Notes'],
      ['1', 'T+00:00', 'Inject', 'Email', 'SOC manager', 'IT', 'Ransom note on screens', 'Isolate the hosts', 'Contain', ''],
      ['1.1', '', 'Expected Action', '', '', '', 'Call the incident lead', '', '', ''],
      ['1.2', 'T+00:30', 'Contingency Inject', 'Phone', 'CEO', 'IT', 'The CEO calls: why is nobody isolating?', '', '', 'only if they did not isolate'],
      ['2', 'T+01:00', 'Inject', 'Press release', 'Newsroom', 'Comms', 'Reporters ask questions', '', '', ''],
    ]);
    const [first, contingency, press] = r.pack.injects;
    expect(first?.expectedActions.map((a) => a.text)).toEqual(['Isolate the hosts', 'Call the incident lead']);
    expect(r.rows[2]).toMatchObject({ kind: 'attached' });
    expect(contingency).toMatchObject({ channel: 'phone', trigger: { type: 'contingency', inject: first?.id, expectedAction: 'ea-1', at: 'T+00:30' } });
    expect(contingency?.offset).toBeUndefined();
    expect(press?.channel).toBe('news');
    expect(r.mapping).toMatchObject({ number: 0, time: 1, eventType: 2, mode: 3, from: 4, to: 5, message: 6, expectedAction: 7, objective: 8, notes: 9 });
  });

  it('Blueprint: empty Delivery Time says the time is missing; To Org and From Org are mapped; Move makes phases', () => {
    const r = run([
      ['Control Number', 'Move', 'Group', 'Delivery Time', 'Title', 'Description', 'From Org', 'To Org', 'Status'],
      ['1', '1', 'A', '09:00', 'Phishing', 'Staff report a phishing wave', 'Help desk', 'SOC', 'Approved'],
      ['2', '1', 'A', '', 'Outage', 'Cranes stop', 'Port', 'OT team', 'Draft'],
      ['3', '2', 'B', '10:00', 'Press', 'Reporters call', 'Newsroom', 'Comms', 'Approved'],
    ]);
    expect(r.rows[2]).toMatchObject({ kind: 'skipped', errors: ['no time: column D "Delivery Time" is empty (expected a time like 09:00, T+01:30 or J+1 09h00)'] });
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
      ['M-01', '0900', 'Phone call', 'NOC', 'Link to the DR site is down', 'DR site exists', 'NOC escalates within 10 min'],
    ]);
    expect(r.pack.injects[0]).toMatchObject({ id: 'm-01', channel: 'phone', to: ['noc'], body: 'Link to the DR site is down' });
    expect(r.pack.injects[0]?.facilitatorNotes).toBe('Assumptions: DR site exists\nMeasure of Performance: NOC escalates within 10 min');
  });

  it('explains an almost-empty row by what it holds', () => {
    const r = run([
      ['Time', 'Subject', 'Message', 'Inject type'],
      ['09:00', 'Hello', 'World', 'mail'],
      ['09:10', '', '', '???'],
    ]);
    expect(r.rows[2]?.errors).toEqual(['nothing to send: column B "Subject" and column C "Message" are empty (the row holds only A "Time" = "09:10", D "Inject type" = "???")']);
  });
});
