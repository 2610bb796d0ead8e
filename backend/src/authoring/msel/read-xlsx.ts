import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { badInput, DomainError } from '../../common/domain-error.js';
import { readZip, type ZipEntry } from '../packs/safe-zip.js';
import type { CellValue } from './msel-time.js';
import { MAX_COLS, type SheetGrid, tooManyRows } from './sheet-grid.js';

const OOXML_NS =
  /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/(?:spreadsheetml\/2006\/main|package\/2006\/relationships|package\/2006\/content-types)"/g;

const colLetters = (n: number) => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};
const colNumber = (ref: string) =>
  [...(/^[A-Z]+/i.exec(ref)?.[0] ?? '').toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * Rewrite one part of a workbook into the plain form every reader takes:
 * - `<x:row>` with `xmlns:x="…main"` (the .NET Open XML SDK) becomes `<row>` with a default namespace;
 * - absolute part paths (`Target="/xl/worksheets/sheet1.xml"`) become relative ones;
 * - rows and cells without an `r` attribute (allowed by the standard, written by the Open XML SDK
 *   and some generators) get the reference their position implies.
 */
export function normalisePart(name: string, xml: string): string {
  let text = xml.replace(/^\uFEFF/, '');
  const prefixes = new Set<string>();
  for (const m of text.matchAll(OOXML_NS)) if (m[1]) prefixes.add(m[1]);
  for (const p of prefixes)
    text = text.replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1').replace(new RegExp(`xmlns:${p}=`, 'g'), 'xmlns=');
  text = text.replace(/Target="\/xl\//g, () => (name.startsWith('xl/') ? 'Target="' : 'Target="xl/'));
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) text = isoDateCells(addReferences(text));
  return text;
}

/** Marks the text of an ISO date cell for cellValue; a private-use character no spreadsheet text starts with. */
const ISO_DATE_MARK = '\uE000';

/**
 * Cells of type `d` hold an ISO 8601 date and time as text (Excel's Strict Open XML, SheetJS),
 * which the workbook reader would take for a number ("2024-06-26…" → 2024). They become marked
 * text cells that cellValue turns into dates, as Excel's own date cells are.
 */
function isoDateCells(xml: string): string {
  return xml.replace(
    /<c\b([^>]*?)\st="d"([^>]*)>([\s\S]*?)<\/c>/g,
    (whole, before: string, after: string, inner: string) => {
      const iso = /<v>\s*([^<]*?)\s*<\/v>/.exec(inner)?.[1] ?? '';
      if (!isoDate(iso)) return whole;
      return `<c${before}${after} t="inlineStr"><is><t>${ISO_DATE_MARK}${iso}</t></is></c>`;
    },
  );
}

/** An ISO date, date-time or time as written (no time zone: read as UTC, as Excel serials are); a time alone lands on 1899-12-30, Excel's day 0. */
function isoDate(text: string): Date | undefined {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?Z?$/.exec(text);
  if (!m || (!m[1] && !m[4])) return undefined;
  const ms = Date.UTC(
    Number(m[1] ?? 1899),
    Number(m[2] ?? 12) - 1,
    Number(m[3] ?? 30),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number((m[7] ?? '0').padEnd(3, '0')),
  );
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function addReferences(xml: string): string {
  let row = 0;
  let col = 0;
  return xml.replace(/<(row|c)(?=[\s/>])([^>]*?)(\/?)>/g, (whole, tag: string, attrs: string, selfClose: string) => {
    const r = /\sr="([^"]*)"/.exec(attrs)?.[1];
    if (tag === 'row') {
      row = r && /^\d+$/.test(r) ? Number(r) : row + 1;
      col = 0;
      return r ? whole : `<row r="${row}"${attrs}${selfClose}>`;
    }
    col = r ? colNumber(r) || col + 1 : col + 1;
    return r ? whole : `<c r="${colLetters(col)}${Math.max(row, 1)}"${attrs}${selfClose}>`;
  });
}

/** Rows that hold at least one value (styled empty rows, which LibreOffice writes, do not count). */
export function countValueRows(sheetXml: string): number {
  let n = 0;
  // element prefixes (`<x:row>`, as the Open XML SDK writes) are allowed: this runs before normalisePart
  for (const m of sheetXml.matchAll(/<(?:\w+:)?row(?=[\s>])[^>]*>([\s\S]*?)<\/(?:\w+:)?row>/g))
    if (/<(?:\w+:)?(v|is|t)[\s>]/.test(m[1] ?? '')) n++;
  return n;
}

/** Sheet names in workbook order with the zip part each one lives in. */
function sheetParts(entries: Map<string, string>): { name: string; part: string }[] {
  const wbXml = entries.get('xl/workbook.xml') ?? '';
  const rels = new Map<string, string>();
  for (const m of (entries.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.startsWith('xl/') ? target : `xl/${target.replace(/^\.\//, '')}`);
  }
  const out: { name: string; part: string }[] = [];
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]+)"|\bid="([^"]+)"/.exec(m[0]);
    const part = rels.get(rid?.[1] ?? rid?.[2] ?? '');
    if (part) out.push({ name, part });
  }
  return out;
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Every sheet of an XLSX workbook as plain cell values. The zip-bomb guards run first, then each
 * sheet's rows are counted from its XML: a sheet over the cap is refused before any cell is read.
 */
export async function readXlsx(data: Buffer, maxRows: number, fileName = 'the workbook'): Promise<SheetGrid[]> {
  let entries: ZipEntry[];
  try {
    entries = await readZip(data);
  } catch (e) {
    if (e instanceof DomainError && e.code !== 'zip.unreadable') throw e;
    throw badInput(
      'msel.unreadable',
      `"${fileName}" is not a readable XLSX workbook (the zip cannot be opened): save it again from the spreadsheet application`,
    );
  }
  const isSheet = (path: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(path);
  const texts = new Map<string, string>();
  // the small parts first (workbook, relationships), to find the sheets; each sheet's rows are
  // counted on its raw XML, so a sheet over the cap is refused before it is rewritten or parsed
  for (const e of entries)
    if (/\.(xml|rels)$/i.test(e.path) && !isSheet(e.path))
      texts.set(e.path, normalisePart(e.path, e.data.toString('utf8')));
  if (!texts.has('xl/workbook.xml'))
    throw badInput(
      'msel.unreadable',
      `"${fileName}" is a zip file but not an XLSX workbook (it has no xl/workbook.xml)`,
    );
  const raw = new Map(entries.filter((e) => isSheet(e.path)).map((e) => [e.path, e.data]));
  for (const s of sheetParts(texts)) {
    const data = raw.get(s.part);
    if (data === undefined) continue;
    const count = countValueRows(data.toString('utf8'));
    if (count > maxRows) throw tooManyRows(`Sheet "${s.name}" of "${fileName}"`, count.toLocaleString('en'), maxRows);
  }
  for (const [path, data] of raw) texts.set(path, normalisePart(path, data.toString('utf8')));
  const zip = new JSZip();
  for (const e of entries) zip.file(e.path, texts.get(e.path) ?? e.data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await zip.generateAsync({ type: 'nodebuffer' })) as unknown as ArrayBuffer);
  } catch (e) {
    throw badInput(
      'msel.unreadable',
      `"${fileName}" cannot be read as a workbook (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const grids: SheetGrid[] = [];
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    const rowNumbers: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: CellValue[] = [];
      const width = Math.min(row.cellCount, MAX_COLS);
      for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
      if (cells.every((c) => c === null || c === '')) return;
      rows.push(cells);
      rowNumbers.push(n);
    });
    if (rows.length > maxRows)
      throw tooManyRows(`Sheet "${ws.name}" of "${fileName}"`, rows.length.toLocaleString('en'), maxRows);
    grids.push({ name: ws.name, rows, rowNumbers });
  }
  if (grids.length === 0) throw badInput('msel.empty', `"${fileName}" has no sheet`);
  return grids;
}

export function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && v.startsWith(ISO_DATE_MARK)) return isoDate(v.slice(1)) ?? v.slice(1);
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
