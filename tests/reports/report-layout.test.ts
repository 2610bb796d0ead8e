/**
 * The after-action report as a reader gets it, built from a drill whose teams and players are named
 * in Korean, Polish, Turkish, Greek and Cyrillic (tests/reports/fixtures/unicode-drill.ts):
 * the draft findings, response times around a pause, names beside ATT&CK/DISARM ids, and the PDF's
 * layout read back with pdf.js — no overlapping text, nothing past a margin or cut, no float noise,
 * no "?" or replacement glyph for a name, no heading alone at the bottom of a page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../backend/src/reports/report-builder.js';
import { reportMarkdown } from '../../backend/src/reports/report-markdown.js';
import type { AfterActionReport } from '../../backend/src/reports/report-model.js';
import { reportPdf } from '../../backend/src/reports/report-pdf.js';
import { REPORT_MESSAGES } from '../../backend/src/reports/report-messages.js';
import { CORRECTED_NOTE, PLAYERS, SUPERSEDED_NOTE, TEAM_NAMES, unicodeDrill } from './fixtures/unicode-drill.js';
import { type PdfLayout, type PdfTextItem, pdfLayout } from './pdf-text.js';

/** Glyph boxes of two runs of text may touch; they must not cover each other by more than this (points). */
const OVERLAP_TOLERANCE = 0.75;
/** Font sizes of headings (body text is 10 pt, tables 8.5 pt, the footer 8 pt). */
const HEADING_MIN_SIZE = 11;

const squash = (s: string) => s.replace(/\s+/g, '');
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');

function overlaps(items: PdfTextItem[]): string[] {
  const found: string[] = [];
  const byPage = new Map<number, PdfTextItem[]>();
  for (const it of items) byPage.set(it.page, [...(byPage.get(it.page) ?? []), it]);
  for (const [page, list] of byPage) {
    // a run's box: from its baseline down by a fifth of its size (descenders) up to its cap height
    const box = (i: PdfTextItem) => ({ x0: i.x, x1: i.x + i.width, y0: i.y - i.size * 0.2, y1: i.y + i.size * 0.75 });
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const p = box(list[a]);
        const q = box(list[b]);
        const w = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
        const h = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
        if (w > OVERLAP_TOLERANCE && h > OVERLAP_TOLERANCE)
          found.push(`page ${page}: “${list[a]?.str}” overlaps “${list[b]?.str}”`);
      }
  }
  return found;
}

function outsideMargins(layout: PdfLayout): string[] {
  return layout.items.flatMap((it) => {
    const page = layout.pages[it.page - 1];
    if (!page) return [];
    return it.x < 47 || it.x + it.width > page.width - 47
      ? [
          `page ${it.page}: “${it.str}” runs from x=${it.x.toFixed(1)} to ${(it.x + it.width).toFixed(1)} of ${page.width}`,
        ]
      : [];
  });
}

/** The last text above the footer on each page but the last: a heading there is an orphan. */
function orphanHeadings(layout: PdfLayout): string[] {
  const out: string[] = [];
  for (let p = 1; p < layout.pages.length; p++) {
    // the footer sits in the bottom margin (56 pt)
    const body = layout.items.filter((i) => i.page === p && i.y > 50);
    const lowest = body.reduce<PdfTextItem | undefined>((low, i) => (!low || i.y < low.y ? i : low), undefined);
    if (lowest && lowest.size >= HEADING_MIN_SIZE) out.push(`page ${p} ends with the heading “${lowest.str}”`);
  }
  return out;
}

describe('after-action report of a drill named in five scripts', () => {
  let report: AfterActionReport;
  let pdf: Buffer;
  let layout: PdfLayout;
  let text: string;
  const drill = unicodeDrill({ withEmptyTeam: true });

  beforeAll(async () => {
    report = buildReport(drill.inputs, { hideNames: false });
    pdf = await reportPdf(report);
    layout = await pdfLayout(new Uint8Array(pdf));
    text = layout.items.map((i) => i.str).join('');
  }, 60_000);

  it('drafts findings from each expected action’s latest mark only', () => {
    const all = [...report.findings.strengths, ...report.findings.improvements].map((f) => f.text);
    expect(all.some((t) => t.includes(SUPERSEDED_NOTE))).toBe(false);
    expect(report.findings.strengths.filter((f) => f.text.includes(CORRECTED_NOTE))).toHaveLength(1);
    // the finding names the inject by its title, not its id
    expect(report.findings.strengths.find((f) => f.text.includes(CORRECTED_NOTE))?.text).toContain(
      drill.pack.injects.find((i) => i.id === drill.pausedInject)?.subject,
    );
  });

  it('does not count an answer logged while paused as a 0 s response, and says why', () => {
    const stratcom = report.metrics.find((m) => m.teamId === drill.teamId('stratcom'));
    const row = stratcom?.perInject.find((x) => x.injectId === drill.pausedInject);
    expect(row).toMatchObject({
      ackMs: 0,
      firstResponseMs: 0,
      ackWhilePaused: true,
      firstResponseWhilePaused: true,
      status: 'on-time',
    });
    expect(stratcom?.whilePaused).toBe(1);
    // its only answer came during the pause: no median at all rather than "0 s"
    expect(stratcom?.medianFirstResponseMs).toBeNull();
    expect(stratcom?.medianAckMs).toBeNull();
    const cert = report.metrics.find((m) => m.teamId === drill.teamId('rok-cert'));
    expect(cert?.medianFirstResponseMs).toBeGreaterThan(0);
    expect(cert?.perInject.every((x) => !x.firstResponseWhilePaused)).toBe(true);
    expect(squash(text)).toContain(squash('during a pause'));
    expect(squash(text)).toContain(squash('left out of the medians'));
  });

  it('names ATT&CK groups and techniques and DISARM techniques beside their ids', () => {
    expect(report.overview.threatActorGroups).toEqual(expect.arrayContaining([{ id: 'G0094', name: 'Kimsuky' }]));
    expect(report.coverage.length).toBeGreaterThan(5);
    for (const c of report.coverage) expect(c.name, c.techniqueId).toMatch(/\w/);
    expect(squash(text)).toContain(squash('G0094 Kimsuky'));
    const disarm = report.coverage.find((c) => c.framework === 'disarm');
    expect(squash(text)).toContain(squash(`${disarm?.techniqueId} ${disarm?.name}`));
  });

  it('keeps scores to one decimal: no float noise in the JSON sums or the PDF', () => {
    const sums = [
      ...report.scores.teams.flatMap((t) => [t.total, t.max]),
      ...report.scores.byObjective.flatMap((b) => b.teams.flatMap((t) => [t.points, t.max])),
      ...report.coverage.flatMap((c) => c.teams.flatMap((t) => [t.points, t.max])),
    ];
    for (const v of sums) expect(Math.round(v * 100) / 100).toBe(v);
    // the fixture's points are thirds and tenths: unrounded they print as 0.30000000000000004 and the like
    expect(drill.inputs.scores.some((t) => String(t.max).length > 10)).toBe(true);
    const long = [
      ...layout.items
        .map((i) => i.str)
        .join(' ')
        .matchAll(/(?<![\d.T])\d+\.\d{2,}(?![\d.])/g),
    ].map((m) => m[0]);
    expect(long).toEqual([]);
  });

  it('prints every Korean, Polish, Turkish, Greek and Cyrillic name as written', () => {
    expect(text).not.toContain('\uFFFD');
    const flat = squash(text);
    for (const name of [
      ...Object.values(TEAM_NAMES),
      ...PLAYERS.filter((p) => p.team !== 'logistics').map((p) => p.name),
      'Ayşe Öztürk (EXCON)',
      '피싱 메일 수신자 목록 요청',
      drill.inputs.exercise.name,
    ])
      expect(flat, name).toContain(squash(name));
    // no name degraded to question marks (the old WinAnsi fallback)
    expect(text).not.toMatch(/\?{2,}/);
    // a team nobody joined says so instead of "0"
    expect(flat).toContain(squash('no players joined'));
  });

  it('lays the PDF out with nothing overlapping, cut or past the margins, and no orphan heading', () => {
    expect(layout.pages.length).toBeGreaterThan(3);
    expect(overlaps(layout.items)).toEqual([]);
    expect(outsideMargins(layout)).toEqual([]);
    expect(orphanHeadings(layout)).toEqual([]);
    // no cell is cut short with an ellipsis any more: cells wrap (the timeline's sentences may still
    // quote a long inject title shortened, inside its quotes)
    expect(layout.items.filter((i) => i.str.trimEnd().endsWith('…')).map((i) => i.str)).toEqual([]);
    // the column headers are whole
    for (const h of ['Median 1st response', 'Objective (core capability)', 'Teams answered', 'Participants'])
      expect(squash(text)).toContain(squash(h));
  });

  it('lays the Korean edition out as cleanly: Korean headers, nothing overlapping, cut or past the margins', async () => {
    const ko = await pdfLayout(new Uint8Array(await reportPdf(report, REPORT_MESSAGES.ko)));
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report-layout-ko.pdf'), await reportPdf(report, REPORT_MESSAGES.ko));
    expect(overlaps(ko.items)).toEqual([]);
    expect(outsideMargins(ko)).toEqual([]);
    expect(orphanHeadings(ko)).toEqual([]);
    const koText = squash(ko.items.map((i) => i.str).join(''));
    for (const h of [
      REPORT_MESSAGES.ko.short.medianFirstResponse,
      REPORT_MESSAGES.ko.h.objectiveCapability,
      REPORT_MESSAGES.ko.h.teamsAnswered,
      REPORT_MESSAGES.ko.sections.plan,
    ])
      expect(koText).toContain(squash(h));
    for (const h of ['Median 1st response', 'Objective (core capability)', 'Teams answered', 'Participants'])
      expect(koText).not.toContain(squash(h));
  }, 60_000);

  it('embeds a subset of the font: the PDF stays small', () => {
    // the whole Pretendard font is 2.7 MB; the glyphs a report uses are a few hundred kB at most
    expect(pdf.length).toBeLessThan(600_000);
  });

  it('exports Markdown in which players’ HTML and javascript: links stay inert text', () => {
    const attack =
      '<img src=x onerror=alert(1)> <script>alert(2)</script> [open](javascript:alert(3)) ![i](javascript:alert(4)) <javascript:alert(5)> &lt;b&gt;';
    const poisoned = buildReport(
      {
        ...drill.inputs,
        participants: drill.inputs.participants.map((p, i) =>
          i === 0 ? { ...p, displayName: `Mallory ${attack}` } : p,
        ),
        rfis: drill.inputs.rfis.map((r) => ({
          ...r,
          subject: `${r.subject} ${attack}`,
          messages: r.messages.map((m) => ({ ...m, text: `${m.text} ${attack}` })),
        })),
        hotwash: drill.inputs.hotwash.map((h) => ({
          ...h,
          answers: Object.fromEntries(Object.entries(h.answers).map(([k, v]) => [k, `${v} ${attack}`])),
        })),
      },
      { hideNames: false },
    );
    const md = reportMarkdown(poisoned);
    // rendered as an unsafe renderer would (raw HTML and any protocol allowed), it still holds no markup from players
    const html = micromark(md, {
      allowDangerousHtml: true,
      allowDangerousProtocol: true,
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    });
    expect(html).not.toMatch(/<img\b|<script\b|<[^>]*\bonerror=/i);
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toMatch(/src="javascript/i);
    // and the words are still there for a reader
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(md).toContain('Mallory');
  });
});
