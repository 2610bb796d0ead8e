import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The parts of fontkit (the font engine inside pdfkit) used here; fontkit ships no type declarations.
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface GlyphRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: GlyphPosition[];
  advanceWidth: number;
}
interface Font {
  layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
}
const require = createRequire(import.meta.url);
const { create } = require('fontkit') as { create: (data: Uint8Array) => Font };

/**
 * Pretendard (SIL Open Font License 1.1, npm package `pretendard`): Hangul, Latin with its extended
 * ranges (Polish, Turkish, Czech…), Greek and Cyrillic in one TrueType font, so the names of every
 * team we train print as written. Read from node_modules (no network, works air-gapped); pdfkit
 * embeds only the glyphs a document uses (a subset), so a report stays small.
 */
const FONT_DIR = join(dirname(require.resolve('pretendard/package.json')), 'dist/public/static/alternative');

/** Shaped words kept across documents; cleared when it grows past this (a bound on memory). */
const LAYOUT_CACHE_LIMIT = 50_000;

/**
 * One parsed font for every PDF, with its shaping remembered per word across documents. pdfkit
 * parses a font file and shapes every word again for each document, and OpenType shaping of this
 * font (contextual alternates, kerning) is most of a report's PDF time. pdfkit scales the positions
 * it gets in place, so each call gets its own copy of them.
 */
function sharedFont(file: string): Font {
  const font = create(readFileSync(join(FONT_DIR, file)));
  const shape = font.layout.bind(font);
  const cache = new Map<string, { glyphs: GlyphRun['glyphs']; positions: GlyphPosition[] }>();
  font.layout = (text: string, features?: string[] | Record<string, boolean>): GlyphRun => {
    if (features) return shape(text, features);
    let hit = cache.get(text);
    if (!hit) {
      const run = shape(text);
      hit = {
        glyphs: run.glyphs,
        positions: run.positions.map((p) => ({
          xAdvance: p.xAdvance,
          yAdvance: p.yAdvance,
          xOffset: p.xOffset,
          yOffset: p.yOffset,
        })),
      };
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      cache.set(text, hit);
    }
    const positions = hit.positions.map((p) => ({ ...p }));
    return {
      glyphs: hit.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((a, p) => a + p.xAdvance, 0);
      },
    };
  };
  return font;
}

let fonts: { regular: Font; bold: Font } | undefined;

/** The report fonts, parsed once per process. */
export function reportFonts(): { regular: Font; bold: Font } {
  fonts ??= { regular: sharedFont('Pretendard-Regular.ttf'), bold: sharedFont('Pretendard-Bold.ttf') };
  return fonts;
}
