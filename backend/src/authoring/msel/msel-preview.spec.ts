import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { messagesOf } from '../import-note.js';
import { previewMsel } from './msel-preview.js';

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
