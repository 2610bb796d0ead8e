import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { messagesOf } from '../import-note.js';
import { importRefusal, previewMsel } from './msel-preview.js';

async function workbook(sheets: [string, (string | null)[][]][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MSEL: (string | null)[][] = [
  ['Time', 'Subject', 'Message', 'To'],
  ['09:00', 'Phish', 'Forty users clicked', 'SOC'],
  ['09:30', 'Ransom', 'Server encrypted', 'SOC'],
];

describe('previewMsel: which sheet of a workbook is the MSEL', () => {
  it.each([
    [
      'an Instructions sheet',
      [
        'Instructions',
        [
          ['How to use this MSEL template'],
          ['Fill one row per inject. Times are local; use the Event Type column for expected actions.'],
        ],
      ],
    ],
    [
      'a cover sheet with the exercise details',
      ['Cover', [['Exercise Harbour Shield'], ['Date', '2026-03-09'], ['Version', '1.2']]],
    ],
  ] as [string, [string, (string | null)[][]]][])(
    'skips %s in front of the MSEL and says which sheet it read',
    async (_what, first) => {
      const p = await previewMsel(await workbook([first, ['MSEL', MSEL]]), { fileName: 'template.xlsx' });
      expect(p.sheet).toBe('MSEL');
      expect(p.pack.injects.map((i) => i.subject)).toEqual(['Phish', 'Ransom']);
      expect(messagesOf(p.notes).join('\n')).toContain(
        `Sheet "MSEL" was read: it is the first that has an MSEL header row (the workbook's sheets: "${first[0]}", "MSEL"; pick another with --sheet or the sheet menu)`,
      );
    },
  );

  it('reads the first sheet when no sheet has a header row, and the sheet asked for when one is named', async () => {
    const data = await workbook([
      ['A', [['09:00', 'Phish', 'Forty users clicked on the link in the message']]],
      ['B', MSEL],
    ]);
    expect((await previewMsel(data, { fileName: 'x.xlsx', sheet: 'A' })).sheet).toBe('A');
    expect(
      (
        await previewMsel(
          await workbook([['A', [['09:00', 'Phish', 'Forty users clicked on the link in the message']]]]),
          { fileName: 'x.xlsx' },
        )
      ).sheet,
    ).toBe('A');
  });
});

describe('previewMsel: sheets that make nothing are refused, never saved empty', () => {
  const csv = (text: string) => previewMsel(Buffer.from(text), { fileName: 'x.csv' });

  it('an empty file and a header-only sheet make no inject, and the import says to check the time and message columns', async () => {
    for (const text of ['', 'Time,Subject,Message\n']) {
      const p = await csv(text);
      expect(p.counts.injects).toBe(0);
      expect(p.counts.skipped).toBe(0);
      expect(p.pack.injects).toEqual([]);
      expect(importRefusal(p, { fileName: 'x.csv' })).toEqual({
        code: 'msel.no-injects',
        message:
          '"x.csv", sheet "csv": no row became an inject (check the time and message columns); nothing was saved',
      });
    }
  });

  it('a sheet whose only row has an unreadable time: the row is skipped with a coded reason, and the refusal quotes it', async () => {
    const p = await csv('Time,Subject,Message\nhalf past nine,Hi,There\n');
    expect(p.rows[1]).toMatchObject({
      kind: 'skipped',
      errors: [
        {
          code: 'msel.time-unreadable',
          params: { column: 'A', header: 'Time', field: 'time', value: 'half past nine' },
        },
      ],
    });
    expect(importRefusal(p, { fileName: 'x.csv' })?.message).toMatch(
      /no row became an inject; first problems: column A "Time": "half past nine" is not a time this importer reads/,
    );
  });

  it('strict mode refuses a sheet with one skipped row among good ones, naming the row', async () => {
    const p = await csv('Time,Subject,Message\n09:00,Phish,Forty users clicked\n,Outage,Cranes stop\n');
    expect(p.counts).toMatchObject({ injects: 1, skipped: 1 });
    expect(importRefusal(p, { fileName: 'x.csv' })).toBeNull();
    expect(importRefusal(p, { fileName: 'x.csv', strict: true })).toMatchObject({
      code: 'msel.rows-skipped',
      message: expect.stringContaining('(rows 3)') as string,
    });
  });
});
