import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { badInput } from '../../common/domain-error.js';
import type { CellValue } from './msel-time.js';
import { MAX_COLS, type SheetGrid, tooManyRows } from './sheet-grid.js';

/**
 * The text of a CSV file: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode
 * text"), and otherwise Windows-1252, which European Excel writes when it saves "CSV".
 */
export function decodeCsv(data: Buffer): {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
} {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return { text: data.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (data[0] === 0xff && data[1] === 0xfe)
    return { text: iconv.decode(data.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff)
    return { text: iconv.decode(data.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(data, 'windows-1252'), encoding: 'windows-1252' };
  }
}

/**
 * `,`, `;` (European Excel), tab or `|`: the one that splits the most lines into the same number
 * of cells, quotes skipped. Lines holding none of them (a title above the table) do not vote.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 8192).replace(/"(?:[^"]|"")*"/g, '""');
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1).filter((c) => c > 0);
    // the most common count of this delimiter per line, and how many lines have exactly it
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [count, support] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = support + count / 1000;
    if (count > 0 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Excel's `sep=;` first line: the delimiter it names, and the text after that line. */
function separatorHint(text: string): { delimiter: string; skipLines: number } | undefined {
  const m = /^sep=(.)\r?\n/i.exec(text);
  return m?.[1] ? { delimiter: m[1], skipLines: 1 } : undefined;
}

/** Our CSV export puts `'` before a leading = + - @ tab (so spreadsheets never run a formula); reading it back removes it. */
export const undefuse = (s: string) => (/^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/**
 * One CSV file as a sheet, read as a stream that stops as soon as the row cap is passed. Every
 * cell stays text ("0900" is a time, not the number 900); quoted cells may span lines.
 */
export async function readCsv(
  data: Buffer,
  maxRows: number,
  fileName = 'the CSV file',
): Promise<SheetGrid & { encoding: string; delimiter: string }> {
  // UTF-8 without a BOM (the common case) is parsed as it is; only its head is decoded, to sniff
  // the delimiter. Other encodings are decoded whole and parsed as UTF-8.
  const plainUtf8 =
    !(data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) &&
    !(data[0] === 0xff && data[1] === 0xfe) &&
    !(data[0] === 0xfe && data[1] === 0xff) &&
    isUtf8(data);
  const { text, encoding } = plainUtf8
    ? { text: data.subarray(0, 16_384).toString('utf8'), encoding: 'utf-8' as const }
    : decodeCsv(data);
  const hint = separatorHint(text.replace(/^\uFEFF/, ''));
  const delimiter = hint?.delimiter ?? sniffDelimiter(text);
  const bytes = plainUtf8 ? data : Buffer.from(text, 'utf8');
  const CHUNK = 64 * 1024;
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
    })(),
  );
  const parser = source.pipe(
    parse({
      delimiter,
      from_line: (hint?.skipLines ?? 0) + 1,
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    }),
  );
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  let record = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      record++;
      const cells = rec.slice(0, MAX_COLS).map((c) => undefuse(c));
      if (cells.every((c) => c.trim() === '')) continue;
      if (rows.length >= maxRows) {
        // stop here: the rest is only counted, line by line, to say how far over the cap the file is
        source.destroy();
        parser.destroy();
        let lines = 0;
        for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
        throw tooManyRows(`"${fileName}"`, `about ${Math.max(lines, rows.length + 1).toLocaleString('en')}`, maxRows);
      }
      rows.push(cells.map((c) => (c === '' ? null : c)));
      rowNumbers.push(record);
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'DomainError') throw e;
    throw badInput(
      'msel.unreadable',
      `"${fileName}" cannot be read as CSV near row ${record + 1} (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return { name: 'csv', rows, rowNumbers, encoding, delimiter };
}
