import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readXlsx } from './read-xlsx.js';

/**
 * Workbooks written the way different producers write them, built here from their XML so that
 * each variant is explicit: the reader must not depend on one application's habits.
 */
interface Variant {
  /** element prefix bound to the main namespace (`x` as the .NET Open XML SDK writes) */
  prefix?: string;
  /** leave out the `r` attribute of rows and cells (allowed by the standard) */
  noRefs?: boolean;
  /** strings inline in the cells (`t="inlineStr"`) instead of the shared-strings part */
  inline?: boolean;
  /** part paths in relationships as absolute paths (`/xl/worksheets/sheet1.xml`) */
  absoluteTargets?: boolean;
  /** styled empty rows after the data, as LibreOffice writes them */
  styledEmptyRows?: number;
  /** formula cells with cached string results (`t="str"`), as Google Sheets writes computed cells */
  formulaStrings?: boolean;
  sheetName?: string;
}

type Cell = string | number | { time: number } | { date: number } | { formula: string; result: string };
const HEADER: Cell[] = ['Time', 'Subject', 'Message', 'To'];
const ROWS: Cell[][] = [
  HEADER,
  [{ time: 0.375 }, 'Phishing wave', 'Forty users clicked', 'SOC'],
  [{ date: 45469.40625 }, 'Outage', 'Cranes stop', 'OT'],
  ['T+01:30', { formula: 'CONCAT("Press"," call")', result: 'Press call' }, 'A reporter calls', 'Comms'],
];

export async function buildXlsx(v: Variant = {}, rows: Cell[][] = ROWS): Promise<Buffer> {
  const p = v.prefix ? `${v.prefix}:` : '';
  const ns = v.prefix
    ? `xmlns:${v.prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
    : 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const shared: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (c: number) => String.fromCharCode(65 + c);
  const cellXml = (cell: Cell, ref: string) => {
    const r = v.noRefs ? '' : ` r="${ref}"`;
    if (typeof cell === 'number') return `<${p}c${r}><${p}v>${cell}</${p}v></${p}c>`;
    if (typeof cell === 'string') {
      if (v.inline) return `<${p}c${r} t="inlineStr"><${p}is><${p}t>${esc(cell)}</${p}t></${p}is></${p}c>`;
      shared.push(cell);
      return `<${p}c${r} t="s"><${p}v>${shared.length - 1}</${p}v></${p}c>`;
    }
    if ('time' in cell) return `<${p}c${r} s="1"><${p}v>${cell.time}</${p}v></${p}c>`;
    if ('date' in cell) return `<${p}c${r} s="2"><${p}v>${cell.date}</${p}v></${p}c>`;
    if (v.formulaStrings)
      return `<${p}c${r} t="str"><${p}f>${esc(cell.formula)}</${p}f><${p}v>${esc(cell.result)}</${p}v></${p}c>`;
    return cellXml(cell.result, ref);
  };
  const rowXml = rows
    .map(
      (cells, i) =>
        `<${p}row${v.noRefs ? '' : ` r="${i + 1}"`}>${cells.map((c, k) => cellXml(c, `${col(k)}${i + 1}`)).join('')}</${p}row>`,
    )
    .join('');
  const empty = Array.from(
    { length: v.styledEmptyRows ?? 0 },
    (_, k) =>
      `<${p}row r="${rows.length + k + 1}" s="1" customFormat="1"><${p}c r="A${rows.length + k + 1}" s="1"/></${p}row>`,
  ).join('');
  const target = (path: string) => (v.absoluteTargets ? `/xl/${path}` : path);
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${v.inline ? '' : '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${v.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><${p}sheets><${p}sheet name="${v.sheetName ?? 'MSEL'}" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target('worksheets/sheet1.xml')}"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${target('styles.xml')}"/>${v.inline ? '' : `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="${target('sharedStrings.xml')}"/>`}</Relationships>`,
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${rowXml}${empty}</${p}sheetData></${p}worksheet>`,
  );
  // style 1: a time (numFmt 20, h:mm); style 2: a date and time (numFmt 22)
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}><${p}fonts count="1"><${p}font/></${p}fonts><${p}fills count="1"><${p}fill/></${p}fills><${p}borders count="1"><${p}border/></${p}borders><${p}cellXfs count="3"><${p}xf numFmtId="0"/><${p}xf numFmtId="20" applyNumberFormat="1"/><${p}xf numFmtId="22" applyNumberFormat="1"/></${p}cellXfs></${p}styleSheet>`,
  );
  if (!v.inline)
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns} count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<${p}si><${p}t>${esc(s)}</${p}t></${p}si>`).join('')}</${p}sst>`,
    );
  return zip.generateAsync({ type: 'nodebuffer' });
}

const expectTable = (rows: unknown[][]) => {
  expect(rows[0]).toEqual(['Time', 'Subject', 'Message', 'To']);
  expect(rows[1]?.[0]).toEqual(new Date(Date.UTC(1899, 11, 30, 9, 0)));
  expect(rows[1]?.slice(1)).toEqual(['Phishing wave', 'Forty users clicked', 'SOC']);
  expect(rows[2]?.[0]).toEqual(new Date(Date.UTC(2024, 5, 26, 9, 45)));
  expect(rows[3]).toEqual(['T+01:30', 'Press call', 'A reporter calls', 'Comms']);
};

describe('readXlsx: workbooks as other software writes them', () => {
  const variants: [string, Variant][] = [
    ['Excel: shared strings, r attributes, date and time styles', {}],
    [
      'the .NET Open XML SDK: x: prefixes, no r attributes, inline strings, absolute part paths',
      { prefix: 'x', noRefs: true, inline: true, absoluteTargets: true },
    ],
    ['rows and cells without r attributes only', { noRefs: true }],
    ['inline strings only', { inline: true }],
    ['LibreOffice: styled empty rows after the data', { styledEmptyRows: 200 }],
    ['Google Sheets: formula cells with cached string results', { formulaStrings: true }],
  ];
  it.each(variants)('%s', async (_name, v) => {
    const grids = await readXlsx(await buildXlsx(v), 5000, 'test.xlsx');
    expect(grids.map((g) => g.name)).toEqual(['MSEL']);
    expectTable(grids[0]?.rows ?? []);
    expect(grids[0]?.rowNumbers).toEqual([1, 2, 3, 4]);
  });

  it('refuses a sheet over the row cap before reading its cells, naming the cap and the count (styled empty rows do not count)', async () => {
    const many: Cell[][] = [
      HEADER,
      ...Array.from({ length: 30 }, (_, n): Cell[] => [
        `T+00:${String(n).padStart(2, '0')}`,
        `Inject ${n}`,
        'Text',
        'SOC',
      ]),
    ];
    await expect(readXlsx(await buildXlsx({ styledEmptyRows: 100 }, many), 20, 'big.xlsx')).rejects.toThrow(
      /Sheet "MSEL" of "big\.xlsx" has 31 rows; the limit is 20 rows per sheet/,
    );
    await expect(readXlsx(await buildXlsx({ styledEmptyRows: 100 }, many), 31, 'big.xlsx')).resolves.toHaveLength(1);
    // counted on the raw XML, before it is rewritten: prefixed elements without references too
    await expect(
      readXlsx(await buildXlsx({ prefix: 'x', noRefs: true, inline: true }, many), 20, 'sdk.xlsx'),
    ).rejects.toThrow(/Sheet "MSEL" of "sdk\.xlsx" has 31 rows; the limit is 20 rows per sheet/);
  });

  it('ISO date cells (t="d", as Excel\'s Strict Open XML and SheetJS write them) are dates and times, not numbers', async () => {
    const zip = await JSZip.loadAsync(await buildXlsx({ inline: true }));
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    zip.file(
      'xl/worksheets/sheet1.xml',
      sheet
        .replace(/<c r="A2" s="1"><v>[^<]*<\/v><\/c>/, '<c r="A2" t="d"><v>1899-12-30T09:00:00</v></c>')
        .replace(/<c r="A3" s="2"><v>[^<]*<\/v><\/c>/, '<c r="A3" t="d"><v>2024-06-26T09:45:00.000</v></c>'),
    );
    const grids = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' }), 100, 'iso.xlsx');
    expectTable(grids[0]?.rows ?? []);
  });

  it('answers a damaged file with a message, not a stack trace', async () => {
    await expect(readXlsx(Buffer.from('PK\u0003\u0004garbage'), 100, 'bad.xlsx')).rejects.toThrow(
      /"bad\.xlsx" is not a readable XLSX workbook/,
    );
    const zip = new JSZip();
    zip.file('word/document.xml', '<w/>');
    await expect(readXlsx(await zip.generateAsync({ type: 'nodebuffer' }), 100, 'letter.docx')).rejects.toThrow(
      /is a zip file but not an XLSX workbook/,
    );
  });
});
