import PDFDocument from 'pdfkit';
import { reportFonts } from './pdf-fonts.js';

const FONT = 'body';
const BOLD = 'bold';
const NOTE_COLOUR = '#555555';

/** Text as the PDF gets it: composed (NFC, so Hangul and accents use the font's precomposed glyphs), no control characters. */
export function pdfText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

export interface Column {
  header: string;
  /** numbers and times read better right-aligned */
  align?: 'left' | 'right';
}

/** A heading, or a short note under one: drawn only together with what follows it. */
interface Heading {
  text: string;
  size: number;
  before: number;
  after: number;
  note?: boolean;
}

const PAD = 3;
/** Rows measured to size a table's columns: enough to be representative, few enough to stay quick on a long table. */
const SIZING_SAMPLE = 400;
/** Cells up to this wide (points) are kept on one line when the columns allow it. */
const SHORT_CELL = 70;

/**
 * A small layout layer over pdfkit: headings kept with what follows them, paragraphs, lists, and
 * tables whose columns are sized to their content and whose cells wrap (nothing is cut or overlaps).
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private pending: Heading[] = [];

  /** `pageOf`: the footer's page count in the report's language ("page 2 of 4", "4쪽 중 2쪽"). */
  constructor(
    title: string,
    private readonly footer: string,
    private readonly pageOf: (page: number, pages: number) => string = (page, pages) => `page ${page} of ${pages}`,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 56, left: 48, right: 48 },
      bufferPages: true,
      info: { Title: pdfText(title), Creator: 'Cyber TTX' },
    });
    const f = reportFonts();
    // pdfkit takes a parsed fontkit font as well as a file (its typings list files only)
    this.doc.registerFont(FONT, f.regular as unknown as Buffer);
    this.doc.registerFont(BOLD, f.bold as unknown as Buffer);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT).fontSize(10);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get atTop(): boolean {
    return this.doc.y <= this.doc.page.margins.top + 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  title(text: string, subtitle: string): void {
    this.doc.font(BOLD).fontSize(20).text(pdfText(text), this.left, this.doc.y, { width: this.width });
    this.doc
      .moveDown(0.3)
      .font(FONT)
      .fontSize(10)
      .fillColor(NOTE_COLOUR)
      .text(pdfText(subtitle), { width: this.width })
      .fillColor('black')
      .moveDown(1);
  }

  /** Headings wait for what follows them: a heading never ends a page alone (keep-with-next). */
  h1(text: string): void {
    this.pending.push({ text: pdfText(text), size: 15, before: 9, after: 4.5 });
  }

  h2(text: string): void {
    this.pending.push({ text: pdfText(text), size: 11.5, before: 6, after: 2.5 });
  }

  private headingHeight(h: Heading): number {
    this.doc.font(h.note ? FONT : BOLD).fontSize(h.size);
    return h.before + this.doc.heightOfString(h.text, { width: this.width }) + h.after;
  }

  /** Draws the waiting headings, on a new page when they and `next` points of what follows would not fit. */
  private flush(next: number): void {
    const headings = this.pending;
    this.pending = [];
    const need = headings.reduce((a, h) => a + this.headingHeight(h), 0) + next;
    if (this.doc.y + need > this.bottom && !this.atTop) this.newPage();
    for (const h of headings) {
      if (!this.atTop) this.doc.y += h.before;
      this.doc
        .font(h.note ? FONT : BOLD)
        .fontSize(h.size)
        .fillColor(h.note ? NOTE_COLOUR : 'black')
        .text(h.text, this.left, this.doc.y, { width: this.width });
      this.doc.y += h.after;
    }
    this.doc.font(FONT).fontSize(10).fillColor('black');
  }

  para(text: string, opts: { note?: boolean } = {}): void {
    const t = pdfText(text);
    // a note explains what follows (a table, a list): it waits for it like a heading does
    if (opts.note) {
      this.pending.push({ text: t, size: 10, before: 0, after: 5, note: true });
      return;
    }
    this.doc.font(FONT).fontSize(10);
    // keep a heading with at least two lines of its paragraph
    this.flush(Math.min(this.doc.heightOfString(t, { width: this.width }), this.doc.currentLineHeight(true) * 2));
    this.doc
      .fillColor(opts.note ? NOTE_COLOUR : 'black')
      .text(t, this.left, this.doc.y, { width: this.width })
      .fillColor('black')
      .moveDown(0.4);
  }

  bullets(items: string[]): void {
    const indent = 12;
    this.doc.font(FONT).fontSize(10);
    for (const [i, item] of items.entries()) {
      const t = pdfText(item);
      const h = this.doc.heightOfString(t, { width: this.width - indent });
      if (i === 0) this.flush(h);
      else if (this.doc.y + Math.min(h, this.doc.currentLineHeight(true) * 2) > this.bottom) this.newPage();
      const y = this.doc.y;
      this.doc.text('•', this.left + 2, y, { lineBreak: false });
      this.doc.text(t, this.left + indent, y, { width: this.width - indent });
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.4);
  }

  /** Column widths from the content, as browsers lay out tables: each column at least its longest word, the rest shared by need. */
  private columnWidths(columns: Column[], rows: string[][], size: number): number[] {
    const inner = (s: string, bold: boolean) => {
      this.doc.font(bold ? BOLD : FONT).fontSize(size);
      let longest = 0;
      for (const w of s.split(/\s+/)) if (w) longest = Math.max(longest, this.doc.widthOfString(w));
      return { word: longest, all: this.doc.widthOfString(s.replace(/\s+/g, ' ')) };
    };
    const min = columns.map((c) => inner(c.header, true).word);
    const max = columns.map((c) => inner(c.header, true).all);
    const step = Math.max(1, Math.ceil(rows.length / SIZING_SAMPLE));
    for (let r = 0; r < rows.length; r += step)
      for (const [i, v] of (rows[r] ?? []).entries()) {
        if (i >= columns.length || !v) continue;
        const m = inner(v, false);
        min[i] = Math.max(min[i] ?? 0, m.word);
        max[i] = Math.max(max[i] ?? 0, m.all);
      }
    const width = this.width;
    const pad = 2 * PAD + 1;
    // a short cell (a time, a count, a status) stays on one line when the table has room for it
    const lo = min.map((v, i) => Math.min(Math.max(v, Math.min(max[i] ?? 0, SHORT_CELL)) + pad, width * 0.45));
    const hi = max.map((v, i) => Math.max(v + pad, lo[i] ?? 0));
    const sumLo = lo.reduce((a, b) => a + b, 0);
    const sumHi = hi.reduce((a, b) => a + b, 0);
    if (sumHi <= width) return hi.map((v) => (v / sumHi) * width);
    if (sumLo >= width) return lo.map((v) => (v / sumLo) * width);
    const spare = width - sumLo;
    const want = sumHi - sumLo;
    return lo.map((v, i) => v + (((hi[i] ?? 0) - v) / want) * spare);
  }

  /** A table: columns sized to their content, every cell wrapped to its column, header repeated on each page. */
  table(columns: Column[], rawRows: string[][], opts: { fontSize?: number } = {}): void {
    const size = opts.fontSize ?? 8.5;
    const rows = rawRows.map((r) => r.map((v) => pdfText(v)));
    const headers = columns.map((c) => pdfText(c.header));
    const widths = this.columnWidths(
      columns.map((c, i) => ({ ...c, header: headers[i] ?? '' })),
      rows,
      size,
    );
    const left = this.left;
    const doc = this.doc;
    const lineH = (bold: boolean) =>
      doc
        .font(bold ? BOLD : FONT)
        .fontSize(size)
        .currentLineHeight(true);
    const cellHeight = (v: string, i: number, bold: boolean): number => {
      const w = (widths[i] ?? 0) - 2 * PAD;
      doc.font(bold ? BOLD : FONT).fontSize(size);
      // one line when it fits: measuring a width is far cheaper than laying out a wrapped paragraph
      return !v || doc.widthOfString(v) <= w ? lineH(bold) : doc.heightOfString(v, { width: w });
    };
    const rowHeight = (cells: string[], bold: boolean) =>
      cells.reduce((h, v, i) => Math.max(h, cellHeight(v, i, bold)), lineH(bold)) + PAD;
    const headerH = rowHeight(headers, true);
    const draw = (cells: string[], y: number, bold: boolean) => {
      doc
        .font(bold ? BOLD : FONT)
        .fontSize(size)
        .fillColor('black');
      let x = left;
      for (const [i, v] of cells.entries()) {
        const w = (widths[i] ?? 0) - 2 * PAD;
        const align = columns[i]?.align === 'right' ? 'right' : 'left';
        if (v) {
          if (doc.widthOfString(v) <= w) doc.text(v, x + PAD, y + PAD / 2, { width: w, align, lineBreak: false });
          else doc.text(v, x + PAD, y + PAD / 2, { width: w, align });
        }
        x += widths[i] ?? 0;
      }
    };
    const header = () => {
      const y = doc.y;
      doc.rect(left, y, this.width, headerH).fill('#e8ecf2');
      draw(headers, y, true);
      doc.y = y + headerH;
    };
    const firstH = rows[0] ? rowHeight(rows[0], false) : 0;
    this.flush(headerH + firstH);
    if (doc.y + headerH + firstH > this.bottom && !this.atTop) this.newPage();
    header();
    for (const [r, cells] of rows.entries()) {
      const h = r === 0 ? firstH : rowHeight(cells, false);
      if (doc.y + h > this.bottom) {
        this.newPage();
        header();
      }
      const y = doc.y;
      if (r % 2 === 1) doc.rect(left, y, this.width, h).fill('#f6f7f9');
      draw(cells, y, false);
      doc.y = y + h;
    }
    doc.x = left;
    doc.font(FONT).fontSize(10).moveDown(0.6);
  }

  async finish(): Promise<Buffer> {
    if (this.pending.length) this.flush(0);
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottomMargin = this.doc.page.margins.bottom;
      const y = this.doc.page.height - bottomMargin + 18;
      // writing inside the bottom margin would make pdfkit open a new page
      this.doc.page.margins.bottom = 0;
      this.doc
        .font(FONT)
        .fontSize(8)
        .fillColor('#666666')
        .text(pdfText(`${this.footer} — ${this.pageOf(i + 1, range.count)}`), this.left, y, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        })
        .fillColor('black');
      this.doc.page.margins.bottom = bottomMargin;
    }
    this.doc.end();
    return this.done;
  }
}
