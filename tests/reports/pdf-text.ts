import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// the standard 14 fonts' data, read from the package (no network)
const STANDARD_FONTS = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);

/** The text of every page of a PDF, read with pdf.js (so a broken file fails here). */
export async function pdfText(data: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({
    data,
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join('\n') };
}

/** GET a download as bytes. */
export async function download(
  baseUrl: string,
  token: string | undefined,
  path: string,
): Promise<{ status: number; type: string; disposition: string; bytes: Uint8Array; text: string }> {
  const res = await fetch(`${baseUrl}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes,
    text: new TextDecoder().decode(bytes),
  };
}

export interface PdfTextItem {
  page: number;
  str: string;
  x: number;
  /** baseline, from the bottom of the page */
  y: number;
  width: number;
  /** the font size the text was drawn at */
  size: number;
}

export interface PdfLayout {
  pages: { width: number; height: number }[];
  items: PdfTextItem[];
}

/** Every run of text of a PDF with where pdf.js places it, to check the layout (overlaps, margins, orphan headings). */
export async function pdfLayout(data: Uint8Array): Promise<PdfLayout> {
  const doc = await getDocument({
    data: data.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  const pages: PdfLayout['pages'] = [];
  const items: PdfTextItem[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ width, height });
    const content = await page.getTextContent();
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      const [a, b, , , e, f] = it.transform as number[];
      items.push({ page: i, str: it.str, x: e ?? 0, y: f ?? 0, width: it.width, size: Math.hypot(a ?? 0, b ?? 0) });
    }
  }
  await doc.destroy();
  return { pages, items };
}
