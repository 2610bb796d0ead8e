import type { CellValue } from './msel-time.js';
import { parseMselTime } from './msel-time.js';

/** What a spreadsheet column can mean for a pack. */
export const MSEL_FIELDS = [
  'id',
  'number',
  'time',
  'date',
  'mode',
  'from',
  'to',
  'subject',
  'message',
  'expectedAction',
  'expectationDetail',
  'points',
  'objective',
  'capability',
  'controller',
  'notes',
  'responseOptions',
  'tlp',
  'respondWithin',
  'trigger',
  'decision',
  'eventType',
  'move',
] as const;
export type MselField = (typeof MSEL_FIELDS)[number];

/** column index (0-based) per field */
export type ColumnMapping = Partial<Record<MselField, number>>;

/** Header spellings seen in HSEEP templates, T3SF, Blueprint, OpenAEV and planners' own sheets. */
const SYNONYMS: Record<MselField, string[]> = {
  id: ['inject id', 'id', 'msel id', 'event id', 'reference', 'ref', 'inject ref'],
  number: [
    'control number',
    'control no',
    'event number',
    'event no',
    'event',
    'inject number',
    'inject no',
    'msel number',
    'msel no',
    'serial',
    'no',
    'number',
    'num',
    'nr',
    'n',
    'seq',
    'sequence',
    'inject',
  ],
  time: [
    'scenario time',
    'delivery time',
    'designated scenario time',
    'exercise time',
    'real time',
    'local time',
    'time',
    'trigger time',
    'inject time',
    'scheduled time',
    'release time',
    'timing',
    'start time',
    'hour',
    'date time',
    'datetime',
    'when',
    't',
    'horaire',
    'heure',
    'inject date',
    'date',
  ],
  date: [
    'date',
    'day',
    'exercise day',
    'exercise date',
    'inject date',
    'delivery date',
    'scenario date',
    'day number',
    'jour',
    'date de l inject',
  ],
  mode: [
    'inject mode',
    'mode',
    'method',
    'delivery method',
    'delivery mode',
    'inject method',
    'inject type',
    'channel',
    'medium',
    'means',
    'type',
    'delivery',
    'how',
    'type d inject',
    'type de l inject',
  ],
  from: [
    'from',
    'from org',
    'from organization',
    'from organisation',
    'sender',
    'source',
    'originator',
    'simulated from',
    'sent by',
    'inject from',
    'expediteur',
  ],
  to: [
    'to',
    'to org',
    'to organization',
    'to organisation',
    'recipient',
    'recipients',
    'player',
    'players',
    'target',
    'targets',
    'team',
    'teams',
    'audience',
    'player team',
    'receiving team',
    'inject to',
    'destinataire',
  ],
  subject: [
    'subject',
    'title',
    'inject title',
    'event title',
    'headline',
    'name',
    'inject name',
    'event name',
    'short description',
    'titre',
    'objet',
  ],
  message: [
    'message',
    'description',
    'inject description',
    'event description',
    'script',
    'content',
    'body',
    'inject text',
    'text',
    'details of inject',
    'inject content',
    'situation',
    'narrative',
    'contenu',
  ],
  expectedAction: [
    'expected action',
    'expected actions',
    'expected player action',
    'expected player actions',
    'expected participant response',
    'expected participant responses',
    'expected response',
    'expected outcome',
    'expected outcomes',
    'expectation',
    'expectations',
    'expectation name',
    'action attendue',
  ],
  expectationDetail: ['expectation description', 'expected action detail', 'expected action details'],
  points: ['score', 'points', 'expectation score', 'weight'],
  objective: [
    'objective',
    'objectives',
    'exercise objective',
    'exercise objectives',
    'objective s',
    'objectif',
    'objective core capability',
    'objectives core capabilities',
  ],
  capability: ['core capability', 'core capabilities', 'capability', 'capabilities', 'capability target'],
  controller: [
    'responsible controller',
    'controller',
    'assigned to',
    'owner',
    'responsible',
    'controller responsible',
    'simcell',
    'sim cell',
  ],
  notes: [
    'notes',
    'note',
    'remarks',
    'comments',
    'comment',
    'details',
    'controller notes',
    'facilitator notes',
    'evaluator notes',
    'remarques',
  ],
  responseOptions: ['poll', 'options', 'response options', 'choices', 'answers'],
  tlp: ['tlp', 'classification', 'marking'],
  respondWithin: ['respond within', 'response time', 'response deadline', 'deadline', 'time to respond'],
  trigger: ['trigger', 'released by', 'depends on'],
  decision: ['decision', 'decision point'],
  eventType: ['event type', 'entry type', 'row type', 'record type', 'msel event type'],
  move: ['move', 'moves', 'module', 'stage'],
};

export const normaliseHeader = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();

/** How well a header cell names a field: 3 exact, 2 the header contains a synonym, 0 none. */
function headerScore(header: string, field: MselField): number {
  const h = normaliseHeader(header);
  if (!h) return 0;
  const syns = SYNONYMS[field];
  if (syns.includes(h)) return 3 + (syns.length - syns.indexOf(h)) / 100;
  for (const s of syns) if (s.length > 3 && new RegExp(`\\b${s}\\b`).test(h)) return 2 + s.length / 100;
  return 0;
}

export const cellText = (v: CellValue | undefined): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
};

/** Map header cells to fields: the best-scoring column wins each field, a column serves one field. */
export function mapHeaders(headers: readonly string[]): ColumnMapping {
  const candidates: { field: MselField; col: number; score: number }[] = [];
  headers.forEach((h, col) => {
    for (const field of MSEL_FIELDS) {
      const score = headerScore(h, field);
      if (score > 0) candidates.push({ field, col, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || used.has(c.col)) continue;
    mapping[c.field] = c.col;
    used.add(c.col);
  }
  return mapping;
}

/** The row (within the first rows) that reads most like a header; undefined when none does. */
export function findHeaderRow(rows: readonly CellValue[][], scan = 20): number | undefined {
  let best: { row: number; score: number } | undefined;
  rows.slice(0, scan).forEach((cells, row) => {
    const texts = cells.map((c) => (typeof c === 'string' ? c : ''));
    const filled = cells.filter((c) => cellText(c) !== '');
    // a header holds words, not numbers, dates or times
    if (
      filled.some((c) => typeof c !== 'string' || (parseMselTime(c) !== null && !('error' in (parseMselTime(c) ?? {}))))
    )
      return;
    const m = mapHeaders(texts);
    const fields = Object.keys(m).length;
    // a header names a time or message column, at least two fields in all, and mostly known names
    const hasCore = m.time !== undefined || m.message !== undefined || m.subject !== undefined;
    if (!hasCore || fields < 2 || fields < filled.length * 0.4) return;
    if (!best || fields > best.score) best = { row, score: fields };
  });
  return best?.row;
}

const INJECT_VERBS = /^(send|envoyer|publish|post|call|appeler)\b/i;

/**
 * Columns of a sheet without a header row, guessed from their content: the OpenAEV checklist
 * layout (type, timing, team, subject, message, description, expectation, its description,
 * score) when its inject-type column is recognised, otherwise by what the cells look like.
 */
export function guessColumns(rows: readonly CellValue[][]): ColumnMapping {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const col = (c: number) => rows.map((r) => r[c] ?? null).filter((v) => cellText(v) !== '');
  const verbCol = Array.from({ length: width }, (_, c) => c).find((c) => {
    const vals = col(c);
    return vals.length > 0 && vals.filter((v) => INJECT_VERBS.test(cellText(v))).length >= Math.ceil(vals.length / 2);
  });
  if (verbCol !== undefined) {
    return {
      mode: verbCol,
      time: verbCol + 1,
      to: verbCol + 2,
      subject: verbCol + 3,
      message: verbCol + 4,
      notes: verbCol + 5,
      expectedAction: verbCol + 6,
      expectationDetail: verbCol + 7,
      points: verbCol + 8,
    };
  }
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const pick = (field: MselField, score: (vals: CellValue[]) => number) => {
    let best: { c: number; s: number } | undefined;
    for (let c = 0; c < width; c++) {
      if (used.has(c)) continue;
      const vals = col(c);
      if (!vals.length) continue;
      const s = score(vals);
      if (s > 0 && (!best || s > best.s)) best = { c, s };
    }
    if (best) {
      mapping[field] = best.c;
      used.add(best.c);
    }
  };
  const share = (vals: CellValue[], ok: (v: CellValue) => boolean) => vals.filter(ok).length / vals.length;
  pick('time', (vals) => {
    const s = share(vals, (v) => {
      const t = parseMselTime(v);
      return t !== null && !('error' in t) && !(typeof v === 'number' && Number.isInteger(v) && v < 100);
    });
    return s >= 0.6 ? s : 0;
  });
  pick('number', (vals) => (share(vals, (v) => /^\d{1,4}(\.\d+)?$/.test(cellText(v))) >= 0.8 ? 1 : 0));
  const avgLen = (vals: CellValue[]) => vals.reduce<number>((n, v) => n + cellText(v).length, 0) / vals.length;
  pick('message', (vals) => (avgLen(vals) > 20 ? avgLen(vals) : 0));
  pick('subject', (vals) => (avgLen(vals) > 3 ? 100 - Math.abs(avgLen(vals) - 40) : 0));
  return mapping;
}
