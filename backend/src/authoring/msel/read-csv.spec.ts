import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mselCsv } from './msel-export.js';
import { decodeCsv, readCsv, sniffDelimiter } from './read-csv.js';

describe('readCsv: CSV as spreadsheets and planners save it', () => {
  it('UTF-8 with a BOM, comma-separated', async () => {
    const g = await readCsv(Buffer.from('\uFEFFTime,Subject\n09:00,Café ouvert\n', 'utf8'), 100);
    expect(g.rows).toEqual([
      ['Time', 'Subject'],
      ['09:00', 'Café ouvert'],
    ]);
    expect(g.encoding).toBe('utf-8');
  });

  it('European Excel: ";" delimiters, Windows-1252, CRLF', async () => {
    const g = await readCsv(
      iconv.encode(
        'Heure;Objet;Message\r\n09h00;Réunion de crise;Le directeur général convoque la cellule — 2 €\r\n',
        'windows-1252',
      ),
      100,
    );
    expect(g.delimiter).toBe(';');
    expect(g.encoding).toBe('windows-1252');
    expect(g.rows[1]).toEqual(['09h00', 'Réunion de crise', 'Le directeur général convoque la cellule — 2 €']);
  });

  it('quoted cells with line breaks, quotes and delimiters stay one cell; row numbers are the sheet rows', async () => {
    const g = await readCsv(
      Buffer.from('Time,Message\n09:00,"Line one\nLine two, with a comma\nand ""quotes"""\n\n10:00,Next\n'),
      100,
    );
    expect(g.rows).toEqual([
      ['Time', 'Message'],
      ['09:00', 'Line one\nLine two, with a comma\nand "quotes"'],
      ['10:00', 'Next'],
    ]);
    expect(g.rowNumbers).toEqual([1, 2, 4]);
  });

  it('UTF-16 with a BOM and tabs (Excel "Unicode text")', async () => {
    const g = await readCsv(
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Time\tSubject\r\n0900\tÜberflutung\r\n', 'utf-16le')]),
      100,
    );
    expect(g.delimiter).toBe('\t');
    expect(g.rows[1]).toEqual(['0900', 'Überflutung']);
  });

  it('picks the delimiter that splits every line evenly, ignoring commas inside quotes', () => {
    expect(sniffDelimiter('a;b;c\n"1,5";"2,5";3\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(decodeCsv(Buffer.from([0x63, 0x61, 0x66, 0xe9])).text).toBe('café');
  });

  it('a title line without delimiters above the table does not hide its ";" delimiter', async () => {
    const g = await readCsv(
      Buffer.from(
        'Harbour Shield MSEL\r\nVersion 2\r\n\r\nTime;Subject;Message;To\r\n09:00;Phish;Forty users clicked, then more;SOC\r\n09:30;Ransom;Server encrypted, all of it;SOC\r\n',
      ),
      100,
    );
    expect(g.delimiter).toBe(';');
    expect(g.rows[3]).toEqual(['09:00', 'Phish', 'Forty users clicked, then more', 'SOC']);
  });

  it('honours the "sep=;" line Excel writes and reads, and drops it', async () => {
    const g = await readCsv(Buffer.from('sep=;\r\nTime;Message\r\n09:00;One, two\r\n'), 100);
    expect(g.delimiter).toBe(';');
    expect(g.rows).toEqual([
      ['Time', 'Message'],
      ['09:00', 'One, two'],
    ]);
    // Excel hides that line: the header is row 1 there
    expect(g.rowNumbers).toEqual([1, 2]);
  });

  it('stops at the row cap and names the cap and the count', async () => {
    const csv = ['Time,Subject', ...Array.from({ length: 999 }, (_, n) => `T+00:${n % 60},S${n}`)].join('\n');
    await expect(readCsv(Buffer.from(csv), 50, 'long.csv')).rejects.toThrow(
      /"long\.csv" has about 999 rows; the limit is 50 rows per sheet \(MSEL_MAX_ROWS on the server, --max-rows in the command line\)/,
    );
  });
});

describe('MSEL CSV export: no live formulas', () => {
  const pack = (subject: string, body: string) =>
    ({
      id: 'p',
      title: 'P',
      summary: 'S',
      version: '1.0.0',
      duration: '01:00',
      tags: [],
      classification: 'TLP:CLEAR',
      threatActors: [],
      teams: [{ id: 'soc', name: 'SOC' }],
      objectives: [],
      phases: [],
      injects: [
        {
          id: 'a',
          offset: 'T+00:00',
          to: 'all',
          channel: 'email',
          from: { name: '+cmd' },
          subject,
          body,
          artifacts: [],
          tags: { groups: [], attack: [], disarm: [], assumed: [] },
          objectives: [],
          responseOptions: [],
          expectedActions: [],
          meta: {},
        },
      ],
    }) as Parameters<typeof mselCsv>[0];

  it.each([
    '=HYPERLINK("http://evil.example/x","Open")',
    '@SUM(1+1)',
    '+cmd',
    "-2+3+cmd|' /C calc'!A0",
    '\tleading tab',
    '\r=carriage return',
  ])('%j is written with a leading apostrophe and read back as written', async (payload) => {
    const csv = mselCsv(pack(payload, payload));
    const fields = (await readCsv(Buffer.from(csv), 100)).rows[1] ?? [];
    // every field a spreadsheet would evaluate starts with a quote character instead
    for (const line of csv.split('\r\n').slice(1))
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`'${payload.replace(/"/g, '""')}`);
    expect(fields[6]).toBe(payload);
    expect(fields[7]).toBe(payload);
    expect(fields[4]).toBe('+cmd');
  });
});
