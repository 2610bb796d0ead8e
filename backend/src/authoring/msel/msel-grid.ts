import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { badInput } from '../../common/domain-error.js';
import { readZip } from '../packs/safe-zip.js';
import type { CellValue } from './msel-time.js';

export interface SheetGrid {
  name: string;
  /** rows of cells, 0-based; `rowNumbers[i]` is the row number the author sees in the sheet */
  rows: CellValue[][];
  rowNumbers: number[];
}

export const MAX_MSEL_ROWS = 5000;
const MAX_COLS = 60;

export type MselFormat = 'xlsx' | 'csv';

export function detectFormat(fileName: string | undefined, data: Buffer): MselFormat {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b) return 'xlsx';
  if (fileName && /\.xlsx$/i.test(fileName)) throw badInput('msel.unreadable', `"${fileName}" is not an XLSX workbook`);
  if (fileName && /\.xls$/i.test(fileName)) throw badInput('msel.xls', 'Old .xls workbooks are not read: save the sheet as .xlsx or .csv');
  return 'csv';
}

/** Every sheet of a workbook, or the one sheet of a CSV file, as plain cell values. */
export async function readGrids(data: Buffer, format: MselFormat): Promise<SheetGrid[]> {
  return format === 'xlsx' ? readXlsx(data) : [await readCsv(data)];
}

async function readXlsx(data: Buffer): Promise<SheetGrid[]> {
  // the zip-bomb guards run first; exceljs then reads a workbook known to be of sane size
  await readZip(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    // some writers (the .NET Open XML SDK, for one) use prefixed XML and absolute part paths,
    // which exceljs does not read: rewrite those to the plain form and try again
    try {
      await wb.xlsx.load((await normaliseOoxml(data)) as unknown as ArrayBuffer);
    } catch (e) {
      throw badInput('msel.unreadable', `The workbook cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const grids: SheetGrid[] = [];
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    const rowNumbers: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (rows.length >= MAX_MSEL_ROWS) return;
      const cells: CellValue[] = [];
      const width = Math.min(row.cellCount, MAX_COLS);
      for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
      rowNumbers.push(n);
    });
    grids.push({ name: ws.name, rows, rowNumbers });
  }
  if (grids.length === 0) throw badInput('msel.empty', 'The workbook has no sheet');
  return grids;
}

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      return r instanceof Date || typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? r : null;
    }
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('hyperlink' in v && typeof v.hyperlink === 'string') return v.hyperlink;
    if ('error' in v) return null;
  }
  return null;
}

async function normaliseOoxml(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (!f || f.dir || !/\.(xml|rels)$/.test(name)) continue;
    let text = await f.async('string');
    text = text.replace(/^\uFEFF/, '');
    // <x:sheet ...> → <sheet ...>, xmlns:x="…main" → xmlns="…main"
    const prefixes = new Set<string>();
    for (const m of text.matchAll(/xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/(?:spreadsheetml\/2006\/main|package\/2006\/relationships|package\/2006\/content-types)"/g)) {
      if (m[1]) prefixes.add(m[1]);
    }
    for (const p of prefixes) {
      text = text.replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1').replace(new RegExp(`xmlns:${p}=`, 'g'), 'xmlns=');
    }
    text = text.replace(/Target="\/xl\//g, () => (name.startsWith('xl/') ? 'Target="' : 'Target="xl/'));
    zip.file(name, text);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function readCsv(data: Buffer): Promise<SheetGrid> {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  const firstLines = text.split(/\r?\n/).slice(0, 5).join('\n');
  const count = (ch: string) => firstLines.split(ch).length - 1;
  const delimiter = [';', '\t', ','].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  const wb = new ExcelJS.Workbook();
  try {
    // map keeps every value as the text it is: "0900" stays a time, not the number 900
    await wb.csv.read(Readable.from([text]), { map: (v: unknown) => v, parserOptions: { delimiter } });
  } catch (e) {
    throw badInput('msel.unreadable', `The CSV file cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const ws = wb.worksheets[0];
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  ws?.eachRow({ includeEmpty: false }, (row, n) => {
    if (rows.length >= MAX_MSEL_ROWS) return;
    const cells: CellValue[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, MAX_COLS); c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? null : typeof v === 'string' ? v : cellValue(v));
    }
    rows.push(cells);
    rowNumbers.push(n);
  });
  return { name: 'csv', rows, rowNumbers };
}
