import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { type MselFormat, mselMaxRows, type SheetGrid } from './sheet-grid.js';

export { detectFormat, type MselFormat, type SheetGrid } from './sheet-grid.js';

export interface GridOptions {
  fileName?: string | undefined;
  /** row cap per sheet (default: MSEL_MAX_ROWS or 5,000) */
  maxRows?: number | undefined;
}

/** Every sheet of a workbook, or the one sheet of a CSV file, as plain cell values. */
export async function readGrids(data: Buffer, format: MselFormat, opts: GridOptions = {}): Promise<SheetGrid[]> {
  const maxRows = opts.maxRows ?? mselMaxRows();
  const fileName = opts.fileName ?? (format === 'xlsx' ? 'workbook.xlsx' : 'sheet.csv');
  return format === 'xlsx' ? readXlsx(data, maxRows, fileName) : [await readCsv(data, maxRows, fileName)];
}
