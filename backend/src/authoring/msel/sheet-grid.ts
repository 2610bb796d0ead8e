import { badInput } from '../../common/domain-error.js';
import type { CellValue } from './msel-time.js';

export interface SheetGrid {
  name: string;
  /** rows of cells, 0-based; `rowNumbers[i]` is the row number the author sees in the sheet */
  rows: CellValue[][];
  rowNumbers: number[];
}

export type MselFormat = 'xlsx' | 'csv';

/** Rows read from one sheet at most; over it the file is refused (never cut short silently). */
export const DEFAULT_MSEL_MAX_ROWS = 5000;
export const MAX_COLS = 60;

/** The row cap: `MSEL_MAX_ROWS` in the environment, else 5,000. */
export function mselMaxRows(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MSEL_MAX_ROWS;
  if (raw === undefined || raw === '') return DEFAULT_MSEL_MAX_ROWS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new Error(`MSEL_MAX_ROWS must be a whole number from 1 to 1000000 (got "${raw}")`);
  return n;
}

export const tooManyRows = (where: string, count: string, cap: number) =>
  badInput(
    'msel.too-many-rows',
    `${where} has ${count} rows; the limit is ${cap.toLocaleString('en')} rows per sheet (MSEL_MAX_ROWS on the server, --max-rows in the command line). Split the MSEL into several files or raise the limit; nothing was imported`,
    { cap, count },
    { limit: cap },
  );

export function detectFormat(fileName: string | undefined, data: Buffer): MselFormat {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b) return 'xlsx';
  const name = fileName ? `"${fileName}"` : 'The file';
  if (fileName && /\.xlsx$/i.test(fileName))
    throw badInput(
      'msel.unreadable',
      `${name} is not an XLSX workbook (it is not a zip file): save it again from the spreadsheet application`,
    );
  if (
    (fileName && /\.xls$/i.test(fileName)) ||
    (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0)
  ) {
    throw badInput('msel.xls', `${name} is an old .xls workbook, which is not read: save the sheet as .xlsx or .csv`);
  }
  const head = data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    throw badInput(
      'msel.json',
      `${name} is JSON, not a spreadsheet: an OpenAEV export goes to import-openaev, an IcebergTTX scenario to import-icebergttx, a ttx-community timeline to import-timeline`,
    );
  }
  if (
    data.subarray(0, 4096).includes(0) &&
    !(data[0] === 0xff && data[1] === 0xfe) &&
    !(data[0] === 0xfe && data[1] === 0xff)
  ) {
    throw badInput('msel.unreadable', `${name} is a binary file, neither an XLSX workbook nor a CSV text file`);
  }
  return 'csv';
}
