import { parse as parseYaml } from 'yaml';
import {
  type Channel,
  Decision,
  DURATION_PATTERN,
  type Inject,
  TLP,
  Trigger,
} from '../../scenarios/pack/pack-schema.js';
import { SLUG } from '../slugs.js';
import {
  cellText,
  type ColumnMapping,
  findHeaderRow,
  guessColumns,
  mapHeaders,
  type MselField,
} from './msel-columns.js';
import { type ChannelMap, channelOf } from './inject-types.js';
import type { SheetGrid } from './sheet-grid.js';
import { type CellValue, type MselTime, parseDateTime, parseMselTime } from './msel-time.js';
import { type ImportNote, importNote, type ImportNoteParams } from '../import-note.js';

/**
 * Reading an MSEL sheet row by row: the header and the column per field, then each row as a
 * section label, an inject draft, or a row attached to the inject above it.
 */

/**
 * What became of a row: `attached` rows (Expected Action, note rows) went into the inject above
 * them; `checklist` rows are timed before STARTEX and became pre-exercise checklist items.
 */
export type RowKind =
  'title' | 'header' | 'section' | 'inject' | 'merged' | 'attached' | 'checklist' | 'skipped' | 'empty';

export interface RowPreview {
  /** the row number the author sees in the sheet */
  row: number;
  kind: RowKind;
  injectId?: string;
  offset?: string;
  to?: string[] | 'all';
  channel?: Channel;
  subject?: string;
  /** section rows: the phase they open */
  phase?: string;
  /** the row is left out because of these */
  errors: ImportNote[];
  /** the row is imported, but the author should know */
  warnings: ImportNote[];
}

export interface EventDraft {
  rowIndex: number;
  row: RowPreview;
  time?: MselTime;
  trigger?: Inject['trigger'];
  id?: string;
  number?: string;
  channel: Channel;
  from: string;
  to: string[] | 'all';
  subject: string;
  message: string;
  expected: { id?: string; text: string; points: number; options: string[] }[];
  objectives: { id?: string; text: string }[];
  capabilities: string[];
  controller?: string;
  notes?: string;
  options: { id?: string; label: string }[];
  tlp?: Inject['tlp'];
  respondWithin?: string;
  decision?: Inject['decision'];
  phase?: string;
  /** a Contingency Inject row: released to teams that had not done the expected action of this inject */
  contingencyOf?: EventDraft;
  /** unmapped columns and unreadable cells, kept for the facilitator */
  extraNotes: string[];
}

/** A section label row (or a new value in the Move column): a phase, if an event with a time follows it. */
export interface SectionDraft {
  rowIndex: number;
  label: string;
  id?: string;
  time?: MselTime;
  preview: RowPreview;
  /** how many events were read before it */
  eventIndex: number;
}

export const ALL_TEAMS = /^(all|all players|all teams|everyone|everybody|tous|all participants)$/i;
/** `[id: ]text[ (N pts)][ [option, option]]`, as the export writes expected actions */
const EXPECTED_LINE =
  /^(?:([a-z0-9][a-z0-9-_.]*):\s+)?(.+?)(?:\s*\((\d{1,4})\s*(?:pts?|points?)\))?(?:\s*\[([a-z0-9-_., ]*)\])?\s*$/is;
const ID_PREFIX = /^([a-z0-9][a-z0-9-_.]*):\s+(.+)$/s;

export const colLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function firstLine(s: string): string {
  const l = lines(s)[0] ?? s;
  return l.length > 120 ? `${l.slice(0, 117)}…` : l;
}

type EventType = 'inject' | 'contingency' | 'expected' | 'note';
const EVENT_TYPES: [RegExp, EventType][] = [
  [/^(contingency|contingency inject|backup inject|inject de secours)$/i, 'contingency'],
  [/^(expected (player |participant )?(action|response|outcome)s?|action attendue|expectation)$/i, 'expected'],
  [/^(note|notes|comment|facilitator note|controller note|admin|administrative)$/i, 'note'],
  [/^(inject|injects|event|message|master inject|msel inject|stimulus)$/i, 'inject'],
];

// ---- header detection and column mapping ----------------------------------------------------

export interface MselLayout {
  /** index of the header row; undefined: the sheet has none */
  headerRow: number | undefined;
  headerCells: string[];
  /** index of the first row after the header */
  dataStart: number;
  mapping: ColumnMapping;
  notes: ImportNote[];
}

/**
 * The header row (given, -1 for none, or found) and the column of each field (given, read from the
 * headers, or guessed from the content; a time column is guessed from the content when no header names one).
 */
export function detectLayout(
  rows: CellValue[][],
  headerRowOpt: number | undefined,
  mappingOpt: ColumnMapping | undefined,
): MselLayout {
  const notes: ImportNote[] = [];
  const headerRow = headerRowOpt === undefined ? findHeaderRow(rows) : headerRowOpt < 0 ? undefined : headerRowOpt;
  const headerCells = headerRow === undefined ? [] : (rows[headerRow] ?? []).map(cellText);
  const dataStart = headerRow === undefined ? 0 : headerRow + 1;
  let mapping: ColumnMapping = mappingOpt ?? (headerRow === undefined ? guessColumns(rows) : mapHeaders(headerCells));
  if (!mappingOpt) mapping = settleDateColumn(rows.slice(dataStart), mapping);
  if (!mappingOpt && headerRow !== undefined && mapping.time === undefined) {
    const guessed = guessColumns(rows.slice(dataStart));
    if (guessed.time !== undefined && !Object.values(mapping).includes(guessed.time))
      mapping = { ...mapping, time: guessed.time };
  }
  if (headerRow === undefined && !mappingOpt)
    notes.push(
      importNote(
        'msel.no-header-row',
        {},
        'No header row was found: columns were recognised from their content; check the mapping',
      ),
    );
  return { headerRow, headerCells, dataStart, mapping, notes };
}

/**
 * A "Date" or "Day" column beside the time column puts each time on its day. Alone, it is the
 * time column (it holds dates and times). A column so named that holds neither dates nor day
 * numbers (T3SF's "Monday 9:30 AM") is no day column: it stays a note.
 */
function settleDateColumn(dataRows: CellValue[][], mapping: ColumnMapping): ColumnMapping {
  const col = mapping.date;
  if (col === undefined) return mapping;
  const { date: _date, ...rest } = mapping;
  if (mapping.time === undefined) return { ...rest, time: col };
  const values = dataRows.map((r) => r[col] ?? null).filter((v) => cellText(v) !== '');
  const readable = values.filter((v) => parseDay(v) !== null).length;
  return values.length > 0 && readable >= values.length * 0.6 ? mapping : rest;
}

/** A day of the exercise: a calendar date (UTC midnight), or a day number (1 = STARTEX's day). */
export type MselDay = { kind: 'date'; epochMs: number } | { kind: 'day'; n: number };

/** `26/06/2024`, `2024-06-26`, an Excel date cell; `2`, `Day 2`, `Jour 2`, `D+1`, `J+1` (the day after STARTEX's). */
export function parseDay(v: CellValue): MselDay | null {
  const midnight = (ms: number) => ({ kind: 'date' as const, epochMs: Math.floor(ms / DAY) * DAY });
  if (v instanceof Date) return v.getUTCFullYear() < 1901 ? null : midnight(v.getTime());
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 366) return { kind: 'day', n: v };
    // an Excel date serial that lost its format
    return v > 20_000 && v < 200_000 ? midnight(Math.round((v - 25_569) * DAY)) : null;
  }
  const text = cellText(v);
  const n = /^(?:day|jour|tag|dia|d|j)?\s*[#-]?\s*(\d{1,3})$/i.exec(text);
  if (n) return Number(n[1]) >= 1 ? { kind: 'day', n: Number(n[1]) } : null;
  const rel = /^([DJ])\s*(?:([+-])\s*(\d{1,3}))?$/i.exec(text);
  if (rel) return { kind: 'day', n: 1 + (rel[2] === '-' ? -1 : 1) * Number(rel[3] ?? 0) };
  const abs = parseDateTime(text);
  return abs === null ? null : midnight(abs);
}

const DAY = 86_400_000;

/** Reads a row's cells by field, and names a field's column in the author's words. */
export interface CellReader {
  get(cells: CellValue[], f: MselField): CellValue;
  text(cells: CellValue[], f: MselField): string;
  /** `column C "Delivery Time"`: where to look, in the author's words */
  where(f: MselField): string;
  /** the same place as a note's values (`column`, `header`, `field`; `column2`… with suffix '2') */
  place(f: MselField, suffix?: '' | '2'): ImportNoteParams;
}

export function cellReader(layout: Pick<MselLayout, 'mapping' | 'headerCells'>): CellReader {
  const { mapping, headerCells } = layout;
  const get = (cells: CellValue[], f: MselField): CellValue => {
    const c = mapping[f];
    return c === undefined ? null : (cells[c] ?? null);
  };
  return {
    get,
    text: (cells, f) => cellText(get(cells, f)),
    where: (f) => {
      const c = mapping[f];
      if (c === undefined) return `no column is mapped to ${f}`;
      const h = headerCells[c];
      return `column ${colLetter(c)}${h ? ` "${h}"` : ''}`;
    },
    place: (f, suffix = '') => {
      const c = mapping[f];
      return {
        [`column${suffix}`]: c === undefined ? '' : colLetter(c),
        [`header${suffix}`]: c === undefined ? '' : (headerCells[c] ?? ''),
        [`field${suffix}`]: f,
      };
    },
  };
}

// ---- row reading ----------------------------------------------------------------------------

export interface RowReading {
  /** one per row of the sheet, in order */
  previews: RowPreview[];
  /** the rows that became events, in order */
  events: EventDraft[];
  sections: SectionDraft[];
}

interface ReadContext {
  layout: MselLayout;
  cell: CellReader;
  /** columns with a header but no field: kept as "header: value" notes */
  keptCols: number[];
  headerKey: string;
  defaultChannel: Channel;
  channelMap: ChannelMap | undefined;
}

/** What the rows read so far leave for the next row. */
interface ReadState {
  lastDraft?: EventDraft;
  lastRegular?: EventDraft;
  lastTime?: MselTime;
  currentMove?: string;
  currentSection?: string;
}

/** Every row of the sheet, read in order: what each row is and the events and sections it makes. */
export function readRows(
  grid: SheetGrid,
  layout: MselLayout,
  opts: { defaultChannel: Channel; channelMap: ChannelMap | undefined },
): RowReading {
  const mappedCols = new Set(Object.values(layout.mapping));
  const ctx: ReadContext = {
    layout,
    cell: cellReader(layout),
    keptCols: layout.headerCells.map((h, c) => (h && !mappedCols.has(c) ? c : -1)).filter((c) => c >= 0),
    headerKey: layout.headerCells.join('\u0000'),
    defaultChannel: opts.defaultChannel,
    channelMap: opts.channelMap,
  };
  const out: RowReading = { previews: [], events: [], sections: [] };
  const state: ReadState = {};
  grid.rows.forEach((cells, i) => {
    const preview: RowPreview = { row: grid.rowNumbers[i] ?? i + 1, kind: 'empty', errors: [], warnings: [] };
    out.previews.push(preview);
    readRow(cells, i, preview, ctx, state, out);
  });
  return out;
}

function readRow(
  cells: CellValue[],
  i: number,
  preview: RowPreview,
  ctx: ReadContext,
  state: ReadState,
  out: RowReading,
): void {
  const { layout, cell } = ctx;
  const texts = cells.map(cellText);
  if (texts.every((t) => t === '')) return;
  if (i < layout.dataStart) {
    preview.kind = i === layout.headerRow ? 'header' : 'title';
    return;
  }
  if (ctx.headerKey && texts.join('\u0000') === ctx.headerKey) {
    preview.kind = 'header';
    return;
  }
  const label = sectionLabel(cells, texts, layout.mapping, cell);
  if (label !== undefined) {
    const t = parseMselTime(cell.get(cells, 'time'));
    const idCell = cell.text(cells, 'id');
    preview.kind = 'section';
    preview.phase = label;
    out.sections.push({
      rowIndex: i,
      label,
      ...(SLUG.test(idCell) ? { id: idCell } : {}),
      ...(t && !('error' in t) ? { time: t } : {}),
      preview,
      eventIndex: out.events.length,
    });
    state.currentSection = label;
    return;
  }
  preview.kind = 'inject';
  const eventType = eventTypeOf(cells, preview, cell);
  if (eventType === 'expected' || eventType === 'note') {
    attachToInjectAbove(cells, eventType, preview, cell, state.lastDraft);
    return;
  }
  const draft = draftEvent(cells, texts, i, preview, eventType, ctx, state, out);
  if (!draft) return;
  if (preview.errors.length) {
    preview.kind = 'skipped';
    return;
  }
  out.events.push(draft);
  state.lastDraft = draft;
  if (!draft.contingencyOf) state.lastRegular = draft;
  if (draft.time) state.lastTime = draft.time;
}

/** A row with a single label (besides its id and time) and nothing to send is a section label: the label, without "Phase 2:". */
function sectionLabel(
  cells: CellValue[],
  texts: string[],
  mapping: ColumnMapping,
  cell: CellReader,
): string | undefined {
  const labelTexts = new Set(texts.filter((t, c) => t !== '' && c !== mapping.id && c !== mapping.time));
  const hasContent = ['subject', 'message', 'to', 'mode', 'from'].some((f) => cell.text(cells, f as MselField) !== '');
  if (
    labelTexts.size !== 1 ||
    (hasContent && [...labelTexts][0] !== (cell.text(cells, 'subject') || cell.text(cells, 'message')))
  )
    return undefined;
  return ([...labelTexts][0] ?? '').replace(/^(phase|section|move|stage|part)\s*[\dIVX]*\s*[:\-–—.]\s*/i, '').trim();
}

/** The Event Type column: an inject (the default), a contingency, an Expected Action or a note. */
function eventTypeOf(cells: CellValue[], preview: RowPreview, cell: CellReader): EventType {
  const typeText = cell.text(cells, 'eventType');
  const eventType = typeText ? (EVENT_TYPES.find(([re]) => re.test(typeText.trim()))?.[1] ?? 'inject') : 'inject';
  if (typeText && !EVENT_TYPES.some(([re]) => re.test(typeText.trim())))
    preview.warnings.push(
      importNote(
        'msel.event-type-unknown',
        { ...cell.place('eventType'), value: typeText },
        `${cell.where('eventType')}: "${typeText}" is not Inject, Contingency Inject or Expected Action: read as an inject`,
      ),
    );
  return eventType;
}

/** An Expected Action row joins the expected actions of the inject above, a note row its facilitator notes. */
function attachToInjectAbove(
  cells: CellValue[],
  eventType: 'expected' | 'note',
  preview: RowPreview,
  cell: CellReader,
  above: EventDraft | undefined,
): void {
  const subject = cell.text(cells, 'subject');
  const message = cell.text(cells, 'message');
  const what = cell.text(cells, 'expectedAction') || message || subject;
  if (!above) {
    preview.kind = 'skipped';
    preview.errors.push(
      importNote(
        eventType === 'expected' ? 'msel.attach-no-inject-above' : 'msel.attach-note-no-inject-above',
        {},
        `${eventType === 'expected' ? 'an Expected Action' : 'a note'} row with no inject above it to attach to`,
      ),
    );
    return;
  }
  if (!what) {
    preview.kind = 'skipped';
    preview.errors.push(
      importNote(
        eventType === 'expected' ? 'msel.attach-empty' : 'msel.attach-note-empty',
        { ...cell.place('message'), ...cell.place('expectedAction', '2') },
        `${eventType === 'expected' ? 'Expected Action' : 'note'} row without text (${cell.where('message')} and ${cell.where('expectedAction')} are empty)`,
      ),
    );
    return;
  }
  preview.kind = 'attached';
  if (eventType === 'expected') {
    const p = Number(cell.text(cells, 'points'));
    above.expected.push({
      text: (subject && message ? `${subject} — ${message}` : what).slice(0, 1000),
      points: Number.isInteger(p) && p >= 0 && p <= 1000 && cell.text(cells, 'points') ? p : 10,
      options: [],
    });
    preview.warnings.push(
      importNote(
        'msel.expected-action-attached',
        { row: above.row.row },
        `Expected Action attached to the inject of row ${above.row.row}`,
      ),
    );
  } else {
    above.extraNotes.push(what);
    preview.warnings.push(
      importNote(
        'msel.note-attached',
        { row: above.row.row },
        `note attached to the facilitator notes of the inject of row ${above.row.row}`,
      ),
    );
  }
}

/** An inject row as a draft event; undefined (and the row skipped) when it has nothing to send. Problems land on the preview. */
function draftEvent(
  cells: CellValue[],
  texts: string[],
  i: number,
  preview: RowPreview,
  eventType: EventType,
  ctx: ReadContext,
  state: ReadState,
  out: RowReading,
): EventDraft | undefined {
  const { cell, layout } = ctx;
  const subject = cell.text(cells, 'subject');
  const message = cell.text(cells, 'message');
  if (!subject && !message) {
    preview.kind = 'skipped';
    const filled = texts
      .map((t, c) =>
        t ? `${colLetter(c)}${layout.headerCells[c] ? ` "${layout.headerCells[c]}"` : ''} = "${t.slice(0, 40)}"` : '',
      )
      .filter(Boolean);
    const mapped = (['subject', 'message'] as const).filter((f) => layout.mapping[f] !== undefined);
    const empty =
      mapped.length === 2
        ? `${cell.where('subject')} and ${cell.where('message')} are empty`
        : mapped.length === 1
          ? `${cell.where(mapped[0] ?? 'message')} is empty, and no column is mapped to the ${mapped[0] === 'subject' ? 'message' : 'subject'}`
          : 'no column is mapped to the subject or the message (map one, e.g. --map "Script=message")';
    const held = filled.join(', ');
    preview.errors.push(
      importNote(
        mapped.length === 2
          ? 'msel.nothing-to-send'
          : mapped.length === 1
            ? 'msel.nothing-to-send-one-mapped'
            : 'msel.nothing-to-send-unmapped',
        mapped.length === 2
          ? { ...cell.place('subject'), ...cell.place('message', '2'), held }
          : mapped.length === 1
            ? {
                ...cell.place(mapped[0] ?? 'message'),
                missing: mapped[0] === 'subject' ? 'message' : 'subject',
                held,
              }
            : { held },
        `nothing to send: ${empty}${filled.length ? ` (the row holds only ${held})` : ''}`,
      ),
    );
    return undefined;
  }
  const draft: EventDraft = {
    rowIndex: i,
    row: preview,
    channel: ctx.defaultChannel,
    from: cell.text(cells, 'from'),
    to: 'all',
    subject: subject || firstLine(message),
    message: message || subject,
    expected: [],
    objectives: [],
    capabilities: lines(cell.text(cells, 'capability')),
    options: [],
    extraNotes: [],
    ...(state.currentSection ? { phase: state.currentSection } : {}),
  };
  if (eventType === 'contingency') {
    if (state.lastRegular) draft.contingencyOf = state.lastRegular;
    else
      preview.warnings.push(
        importNote(
          'msel.contingency-no-inject-above',
          {},
          'a Contingency Inject with no inject above it: imported as an ordinary inject',
        ),
      );
  }
  readMove(cells, i, preview, draft, cell, state, out);
  for (const c of ctx.keptCols) {
    const v = texts[c];
    if (v) draft.extraNotes.push(`${layout.headerCells[c]}: ${v}`);
  }
  if (!subject)
    preview.warnings.push(importNote('msel.no-subject', {}, 'no subject: the first line of the message is used'));
  const idCell = cell.text(cells, 'id');
  if (idCell) draft.id = idCell;
  const num = cell.text(cells, 'number');
  if (num) draft.number = num;
  readTrigger(cell.text(cells, 'trigger'), draft, preview);
  readTime(cells, draft, preview, ctx, state.lastTime);
  readDay(cells, draft, preview, ctx);
  readChannel(cell.text(cells, 'mode'), draft, preview, ctx);
  readRecipients(cell.text(cells, 'to'), draft, preview);
  readExpectedActions(cells, draft, preview, cell);
  for (const l of lines(cell.text(cells, 'objective'))) {
    const m = ID_PREFIX.exec(l);
    draft.objectives.push(m?.[1] && m[2] ? { id: m[1], text: m[2] } : { text: l });
  }
  const controller = cell.text(cells, 'controller');
  if (controller) draft.controller = controller;
  const notesText = cell.text(cells, 'notes');
  if (notesText) draft.notes = notesText;
  readResponseOptions(cell.text(cells, 'responseOptions'), draft);
  const within = cell.text(cells, 'respondWithin');
  if (within) {
    if (DURATION_PATTERN.test(within)) draft.respondWithin = within;
    else
      preview.warnings.push(
        importNote(
          'msel.respond-within-invalid',
          { value: within },
          `respond within "${within}" is not a duration like 00:15: left out`,
        ),
      );
  }
  readDecision(cell.text(cells, 'decision'), draft, preview);
  readTlp(cell.text(cells, 'tlp'), draft, preview);
  return draft;
}

/** A new value in the Move column opens a section ("Move 2") that the event belongs to. */
function readMove(
  cells: CellValue[],
  i: number,
  preview: RowPreview,
  draft: EventDraft,
  cell: CellReader,
  state: ReadState,
  out: RowReading,
): void {
  const move = cell.text(cells, 'move');
  if (!move || move === state.currentMove) return;
  state.currentMove = move;
  const label = /^\d+$/.test(move) ? `Move ${move}` : move;
  out.sections.push({
    rowIndex: i,
    label,
    preview: { row: preview.row, kind: 'section', errors: [], warnings: [] },
    eventIndex: out.events.length,
  });
  state.currentSection = label;
  draft.phase = label;
}

/** The trigger cell: a pack trigger written in YAML. */
function readTrigger(trig: string, draft: EventDraft, preview: RowPreview): void {
  if (!trig) return;
  try {
    const parsed = Trigger.safeParse(parseYaml(trig, { maxAliasCount: 10 }));
    if (parsed.success) draft.trigger = parsed.data;
    else {
      const detail = parsed.error.issues.map((x) => x.message).join('; ');
      preview.errors.push(
        importNote('msel.trigger-invalid', { value: trig, detail }, `trigger "${trig}" is not valid: ${detail}`),
      );
    }
  } catch {
    preview.errors.push(importNote('msel.trigger-unreadable', { value: trig }, `trigger "${trig}" cannot be read`));
  }
}

/** The time cell; free text keeps the row at the time of the row above (and the text goes to the facilitator). */
function readTime(
  cells: CellValue[],
  draft: EventDraft,
  preview: RowPreview,
  ctx: ReadContext,
  lastTime: MselTime | undefined,
): void {
  const { cell } = ctx;
  const t = parseMselTime(cell.get(cells, 'time'));
  if (t && 'error' in t) {
    // free text ("after lunch"): kept for the facilitator; the row keeps its place after the row above
    draft.extraNotes.push(`Time in the MSEL: ${cell.text(cells, 'time')}`);
    if (lastTime) {
      draft.time = lastTime;
      preview.warnings.push(
        importNote(
          'msel.time-unreadable-kept',
          { ...cell.place('time'), value: cell.text(cells, 'time') },
          `${cell.where('time')}: ${t.error}; placed at the time of the row above, and the text is kept in the facilitator notes`,
        ),
      );
    } else if (!draft.trigger)
      preview.errors.push(
        importNote(
          'msel.time-unreadable',
          { ...cell.place('time'), value: cell.text(cells, 'time') },
          `${cell.where('time')}: ${t.error}`,
        ),
      );
  } else if (t) {
    draft.time = t;
    if (t.ignored) {
      draft.extraNotes.push(`Time in the MSEL: ${cell.text(cells, 'time')}`);
      preview.warnings.push(
        importNote(
          'msel.time-part-ignored',
          { ...cell.place('time'), value: cell.text(cells, 'time') },
          `${cell.where('time')}: ${t.ignored} is not used, only the time of day; the text is kept in the facilitator notes`,
        ),
      );
    }
  } else if (!draft.trigger)
    preview.errors.push(
      ctx.layout.mapping.time === undefined
        ? importNote(
            'msel.time-unmapped',
            {},
            'no time: no column of the sheet is mapped to the time (map one, e.g. --map "Delivery Time=time")',
          )
        : importNote(
            'msel.time-empty',
            cell.place('time'),
            `no time: ${cell.where('time')} is empty (expected a time like 09:00, T+01:30 or J+1 09h00)`,
          ),
    );
}

/** The Date / Day column: a clock time moves to that day; a date and a clock time make a date and time. */
function readDay(cells: CellValue[], draft: EventDraft, preview: RowPreview, ctx: ReadContext): void {
  const raw = ctx.cell.get(cells, 'date');
  if (cellText(raw) === '') return;
  const day = parseDay(raw);
  if (!day) {
    draft.extraNotes.push(`${ctx.layout.headerCells[ctx.layout.mapping.date ?? -1] || 'Day'}: ${cellText(raw)}`);
    preview.warnings.push(
      importNote(
        'msel.day-unreadable',
        { ...ctx.cell.place('date'), value: cellText(raw) },
        `${ctx.cell.where('date')}: "${cellText(raw)}" is not a date or a day number (like 26/06/2024 or 2): the time is read on STARTEX's day, and the text is kept in the facilitator notes`,
      ),
    );
    return;
  }
  const t = draft.time;
  if (t?.kind !== 'clock') return;
  draft.time =
    day.kind === 'date'
      ? { kind: 'absolute', epochMs: day.epochMs + t.day * DAY + t.msOfDay }
      : { ...t, day: t.day + day.n - 1 };
}

/** Channel mapping: the inject type ("Phone call", "Press release") through the author's table and the built-in one. */
function readChannel(mode: string, draft: EventDraft, preview: RowPreview, ctx: ReadContext): void {
  if (!mode) return;
  const ch = channelOf(mode, ctx.channelMap);
  if (ch) draft.channel = ch;
  else
    preview.warnings.push(
      importNote(
        'msel.type-unknown',
        { ...ctx.cell.place('mode'), value: mode, channel: ctx.defaultChannel },
        `${ctx.cell.where('mode')}: inject type "${mode}" is not known: sent as ${ctx.defaultChannel} (map it with --channel-map "${mode}=<channel>")`,
      ),
    );
}

/** The recipients: team names split on , ; | or new lines; empty or "All" means every team. */
function readRecipients(to: string, draft: EventDraft, preview: RowPreview): void {
  if (!to || ALL_TEAMS.test(to)) {
    if (!to) preview.warnings.push(importNote('msel.no-recipient', {}, 'no recipient: sent to all teams'));
    return;
  }
  draft.to = to
    .split(/[,;\n|]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (draft.to.some((x) => ALL_TEAMS.test(x))) draft.to = 'all';
}

/** Expected actions, one a line (`[id: ]text[ (N pts)][ [options]]`), worth the row's score (10 by default). */
function readExpectedActions(cells: CellValue[], draft: EventDraft, preview: RowPreview, cell: CellReader): void {
  const pointsText = cell.text(cells, 'points');
  let points = 10;
  if (pointsText) {
    const p = Number(pointsText);
    if (Number.isInteger(p) && p >= 0 && p <= 1000) points = p;
    else
      preview.warnings.push(
        importNote(
          'msel.score-invalid',
          { value: pointsText },
          `score "${pointsText}" is not a whole number from 0 to 1000: 10 points used`,
        ),
      );
  }
  const detail = cell.text(cells, 'expectationDetail');
  for (const l of lines(cell.text(cells, 'expectedAction'))) {
    const m = EXPECTED_LINE.exec(l.replace(/^[-•*]\s*/, ''));
    const base = m?.[2] ?? l;
    draft.expected.push({
      ...(m?.[1] ? { id: m[1] } : {}),
      text: (detail && draft.expected.length === 0 ? `${base} — ${detail}` : base).slice(0, 1000),
      points: m?.[3] ? Number(m[3]) : points,
      options: (m?.[4] ?? '').split(/[,\s]+/).filter(Boolean),
    });
  }
}

/** Response options, one a line or separated by |, each `[id: ]label`. */
function readResponseOptions(opt: string, draft: EventDraft): void {
  if (!opt) return;
  const parts = opt.includes('\n')
    ? lines(opt)
    : opt
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
  for (const p of parts) {
    const m = ID_PREFIX.exec(p);
    draft.options.push(m?.[1] && m[2] ? { id: m[1], label: m[2] } : { label: p });
  }
}

/** The decision cell: a pack decision written in YAML. */
function readDecision(decisionText: string, draft: EventDraft, preview: RowPreview): void {
  if (!decisionText) return;
  try {
    const parsed = Decision.safeParse(parseYaml(decisionText, { maxAliasCount: 10 }));
    if (parsed.success) draft.decision = parsed.data;
    else {
      const detail = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
      preview.errors.push(importNote('msel.decision-invalid', { detail }, `decision is not valid: ${detail}`));
    }
  } catch {
    preview.errors.push(importNote('msel.decision-unreadable', {}, 'the decision cell cannot be read (YAML expected)'));
  }
}

/** The TLP marking ("amber", "TLP: WHITE" …), as a pack marking. */
function readTlp(tlp: string, draft: EventDraft, preview: RowPreview): void {
  if (!tlp) return;
  const norm = tlp
    .toUpperCase()
    .replace(/^(TLP[:\s]*)?/, 'TLP:')
    .replace(/\s+/g, '');
  const parsed = TLP.safeParse(norm === 'TLP:WHITE' ? 'TLP:CLEAR' : norm);
  if (parsed.success) draft.tlp = parsed.data;
  else preview.warnings.push(importNote('msel.tlp-invalid', { value: tlp }, `"${tlp}" is not a TLP marking: left out`));
}
