import PDFDocument from 'pdfkit';

// The 14 standard PDF fonts ship inside pdfkit (AFM metrics): no font files, no network.
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '×': 'x', '≤': '<=', '≥': '>=', '✓': 'v' };

/** The standard fonts encode WinAnsi only: anything else becomes '?' instead of garbage glyphs. */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    const code = ch.codePointAt(0) ?? 63;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (ch === '\n' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else if (ch === '\t') out += ' ';
    else out += '?';
  }
  return out;
}

export interface Column {
  header: string;
  /** share of the text width */
  width: number;
}

/** A small layout layer over pdfkit: headings, paragraphs, lists and tables that break across pages. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(title: string, private readonly footer: string) {
    this.doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 56, left: 48, right: 48 }, bufferPages: true, info: { Title: winAnsi(title), Creator: 'Cyber TTX' } });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT).fontSize(10);
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle: string): void {
    this.doc.font(BOLD).fontSize(20).text(winAnsi(text), { width: this.width });
    this.doc.moveDown(0.3).font(ITALIC).fontSize(10).fillColor('#555').text(winAnsi(subtitle)).fillColor('black').moveDown(1);
  }

  h1(text: string): void {
    this.ensure(60);
    this.doc.moveDown(0.6).font(BOLD).fontSize(15).text(winAnsi(text), this.doc.page.margins.left, this.doc.y, { width: this.width }).moveDown(0.3);
    this.doc.font(FONT).fontSize(10);
  }

  h2(text: string): void {
    this.ensure(40);
    this.doc.moveDown(0.4).font(BOLD).fontSize(11.5).text(winAnsi(text), this.doc.page.margins.left, this.doc.y, { width: this.width }).moveDown(0.2);
    this.doc.font(FONT).fontSize(10);
  }

  para(text: string, opts: { italic?: boolean } = {}): void {
    this.doc.font(opts.italic ? ITALIC : FONT).fontSize(10).text(winAnsi(text), this.doc.page.margins.left, this.doc.y, { width: this.width }).moveDown(0.4);
    this.doc.font(FONT);
  }

  bullets(items: string[]): void {
    for (const i of items) this.doc.font(FONT).fontSize(10).text(`•  ${winAnsi(i)}`, this.doc.page.margins.left + 6, this.doc.y, { width: this.width - 6 });
    this.doc.moveDown(0.4);
  }

  /**
   * A table. `wrap` rows grow to fit their text (small tables); otherwise every row is one line,
   * cut to its column (long tables such as the timeline: thousands of rows stay fast).
   */
  table(columns: Column[], rows: string[][], opts: { wrap?: boolean; fontSize?: number } = {}): void {
    const size = opts.fontSize ?? 8.5;
    const left = this.doc.page.margins.left;
    const total = columns.reduce((a, c) => a + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const lineH = size * 1.25;
    const header = () => {
      this.ensure(lineH * 3);
      const y = this.doc.y;
      this.doc.rect(left, y, this.width, lineH + pad).fill('#e8ecf2').fillColor('black');
      this.doc.font(BOLD).fontSize(size);
      let x = left;
      columns.forEach((c, i) => {
        this.doc.text(winAnsi(c.header), x + pad, y + pad / 2, { width: (widths[i] ?? 0) - 2 * pad, lineBreak: false, height: lineH });
        x += widths[i] ?? 0;
      });
      this.doc.font(FONT).fontSize(size);
      this.doc.y = y + lineH + pad;
    };
    header();
    for (const [r, row] of rows.entries()) {
      const cells = row.map((v) => winAnsi(v));
      let h = lineH;
      if (opts.wrap) for (const [i, v] of cells.entries()) h = Math.max(h, this.doc.heightOfString(v || ' ', { width: (widths[i] ?? 0) - 2 * pad }));
      if (this.doc.y + h + pad > this.bottom) {
        this.doc.addPage();
        header();
      }
      const y = this.doc.y;
      if (r % 2 === 1) this.doc.rect(left, y, this.width, h + pad).fill('#f6f7f9').fillColor('black');
      let x = left;
      for (const [i, v] of cells.entries()) {
        const w = (widths[i] ?? 0) - 2 * pad;
        // a one-line cell is already cut to its column: without a width pdfkit skips its line wrapper,
        // which measures every word (most of the time of a report with thousands of rows)
        if (opts.wrap) this.doc.text(v, x + pad, y + pad / 2, { width: w });
        else this.doc.text(fit(v, w, size), x + pad, y + pad / 2, { lineBreak: false });
        x += widths[i] ?? 0;
      }
      this.doc.y = y + h + pad;
    }
    this.doc.x = left;
    this.doc.moveDown(0.6);
  }

  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottomMargin = this.doc.page.margins.bottom;
      const y = this.doc.page.height - bottomMargin + 18;
      // writing inside the bottom margin would make pdfkit open a new page
      this.doc.page.margins.bottom = 0;
      this.doc.font(FONT).fontSize(8).fillColor('#666').text(winAnsi(`${this.footer} — page ${i + 1} of ${range.count}`), this.doc.page.margins.left, y, { width: this.width, align: 'center', lineBreak: false }).fillColor('black');
      this.doc.page.margins.bottom = bottomMargin;
    }
    this.doc.end();
    return this.done;
  }
}

/** Cut a one-line cell to its column (Helvetica averages about half the font size per character). */
function fit(text: string, width: number, size: number): string {
  const one = text.replace(/\s+/g, ' ');
  const max = Math.max(4, Math.floor(width / (size * 0.5)));
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
