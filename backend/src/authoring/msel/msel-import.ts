import { parse as parseYaml } from 'yaml';
import type { PackError } from '../../scenarios/pack/pack-loader.js';
import { type Channel, Decision, DURATION_PATTERN, type Inject, type Objective, type Phase, type ScenarioPack, type Team, TLP, Trigger } from '../../scenarios/pack/pack-schema.js';
import { durationCovering, offsetOf, SLUG, slugify, UniqueIds } from '../slugs.js';
import { cellText, type ColumnMapping, findHeaderRow, guessColumns, mapHeaders, MSEL_FIELDS, type MselField } from './msel-columns.js';
import { type ChannelMap, channelOf } from './inject-types.js';
import type { SheetGrid } from './sheet-grid.js';
import { type CellValue, fmtDuration, type MselTime, parseMselTime, resolveTimes } from './msel-time.js';

export interface MselImportOptions {
  /** column per field; auto-detected when omitted */
  mapping?: ColumnMapping | undefined;
  /** index in the sheet's rows of the header row; -1 for "no header"; auto-detected when omitted */
  headerRow?: number | undefined;
  /** exercise start (epoch ms, wall time read as UTC): clock and date-time cells count from it */
  start?: number | undefined;
  packId?: string | undefined;
  title?: string | undefined;
  defaultChannel?: Channel | undefined;
  /** the author's inject types → channels, over the built-in table */
  channelMap?: ChannelMap | undefined;
  sourceName?: string | undefined;
}

/**
 * What became of a row: `attached` rows (Expected Action, note rows) went into the inject above
 * them; `checklist` rows are timed before STARTEX and became pre-exercise checklist items.
 */
export type RowKind = 'title' | 'header' | 'section' | 'inject' | 'merged' | 'attached' | 'checklist' | 'skipped' | 'empty';

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
  errors: string[];
  /** the row is imported, but the author should know */
  warnings: string[];
}

export interface MselPreview {
  sheet: string;
  sheets: string[];
  headerRow: number | null;
  columns: { index: number; letter: string; header: string; field: MselField | null; samples: string[] }[];
  mapping: ColumnMapping;
  rows: RowPreview[];
  notes: string[];
  /** rows before STARTEX: preparation steps for the facilitator, also written into the first inject's facilitator notes */
  checklist: { row: number; offset: string; text: string }[];
  pack: ScenarioPack;
  counts: { rows: number; injects: number; skipped: number; merged: number; teams: number; sections: number; checklist: number; attached: number };
}

const ALL_TEAMS = /^(all|all players|all teams|everyone|everybody|tous|all participants)$/i;
/** `[id: ]text[ (N pts)][ [option, option]]`, as the export writes expected actions */
const EXPECTED_LINE = /^(?:([a-z0-9][a-z0-9-_.]*):\s+)?(.+?)(?:\s*\((\d{1,4})\s*(?:pts?|points?)\))?(?:\s*\[([a-z0-9-_., ]*)\])?\s*$/is;
const ID_PREFIX = /^([a-z0-9][a-z0-9-_.]*):\s+(.+)$/s;

const colLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

interface EventDraft {
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

const EVENT_TYPES: [RegExp, 'inject' | 'contingency' | 'expected' | 'note'][] = [
  [/^(contingency|contingency inject|backup inject|inject de secours)$/i, 'contingency'],
  [/^(expected (player |participant )?(action|response|outcome)s?|action attendue|expectation)$/i, 'expected'],
  [/^(note|notes|comment|facilitator note|controller note|admin|administrative)$/i, 'note'],
  [/^(inject|injects|event|message|master inject|msel inject|stimulus)$/i, 'inject'],
];

/** One sheet of an MSEL as a scenario pack, with a row-by-row account of what became of each row. */
export function mselToPack(grid: SheetGrid, sheets: string[], opts: MselImportOptions): Omit<MselPreview, 'rows'> & { rows: RowPreview[]; rowOfInject: Map<string, number[]> } {
  const rows = grid.rows;
  const notes: string[] = [];
  const detectedHeader = opts.headerRow === undefined ? findHeaderRow(rows) : opts.headerRow < 0 ? undefined : opts.headerRow;
  const headerCells = detectedHeader === undefined ? [] : (rows[detectedHeader] ?? []).map(cellText);
  const dataStart = detectedHeader === undefined ? 0 : detectedHeader + 1;
  let mapping: ColumnMapping = opts.mapping ?? (detectedHeader === undefined ? guessColumns(rows) : mapHeaders(headerCells));
  if (!opts.mapping && detectedHeader !== undefined && mapping.time === undefined) {
    const guessed = guessColumns(rows.slice(dataStart));
    if (guessed.time !== undefined && !Object.values(mapping).includes(guessed.time)) mapping = { ...mapping, time: guessed.time };
  }
  if (detectedHeader === undefined && !opts.mapping) notes.push('No header row was found: columns were recognised from their content; check the mapping');
  const get = (cells: CellValue[], f: MselField): CellValue => {
    const c = mapping[f];
    return c === undefined ? null : (cells[c] ?? null);
  };
  const text = (cells: CellValue[], f: MselField) => cellText(get(cells, f));
  /** `column C "Delivery Time"`: where to look, in the author's words */
  const where = (f: MselField) => {
    const c = mapping[f];
    if (c === undefined) return `no column is mapped to ${f}`;
    const h = headerCells[c];
    return `column ${colLetter(c)}${h ? ` "${h}"` : ''}`;
  };
  const mappedCols = new Set(Object.values(mapping));
  const keptCols = headerCells.map((h, c) => (h && !mappedCols.has(c) ? c : -1)).filter((c) => c >= 0);
  let lastDraft: EventDraft | undefined;
  let lastRegular: EventDraft | undefined;
  let lastTime: MselTime | undefined;
  let currentMove: string | undefined;

  const previews: RowPreview[] = [];
  const events: EventDraft[] = [];
  const sections: { rowIndex: number; label: string; id?: string; time?: MselTime; preview: RowPreview; eventIndex: number }[] = [];
  let currentSection: string | undefined;
  const headerKey = headerCells.join('\u0000');
  const defaultChannel = opts.defaultChannel ?? 'email';

  rows.forEach((cells, i) => {
    const rowNo = grid.rowNumbers[i] ?? i + 1;
    const preview: RowPreview = { row: rowNo, kind: 'empty', errors: [], warnings: [] };
    previews.push(preview);
    const texts = cells.map(cellText);
    if (texts.every((t) => t === '')) return;
    if (i < dataStart) {
      preview.kind = i === detectedHeader ? 'header' : 'title';
      return;
    }
    if (headerKey && texts.join('\u0000') === headerKey) {
      preview.kind = 'header';
      return;
    }
    const labelTexts = new Set(texts.filter((t, c) => t !== '' && c !== mapping.id && c !== mapping.time));
    const hasContent = ['subject', 'message', 'to', 'mode', 'from'].some((f) => text(cells, f as MselField) !== '');
    if (labelTexts.size === 1 && (!hasContent || [...labelTexts][0] === (text(cells, 'subject') || text(cells, 'message')))) {
      const label = ([...labelTexts][0] ?? '').replace(/^(phase|section|move|stage|part)\s*[\dIVX]*\s*[:\-–—.]\s*/i, '').trim();
      const t = parseMselTime(get(cells, 'time'));
      const idCell = text(cells, 'id');
      preview.kind = 'section';
      preview.phase = label;
      sections.push({ rowIndex: i, label, ...(SLUG.test(idCell) ? { id: idCell } : {}), ...(t && !('error' in t) ? { time: t } : {}), preview, eventIndex: events.length });
      currentSection = label;
      return;
    }
    preview.kind = 'inject';
    const subject = text(cells, 'subject');
    const message = text(cells, 'message');
    const typeText = text(cells, 'eventType');
    const eventType = typeText ? (EVENT_TYPES.find(([re]) => re.test(typeText.trim()))?.[1] ?? 'inject') : 'inject';
    if (typeText && !EVENT_TYPES.some(([re]) => re.test(typeText.trim()))) preview.warnings.push(`${where('eventType')}: "${typeText}" is not Inject, Contingency Inject or Expected Action: read as an inject`);
    if (eventType === 'expected' || eventType === 'note') {
      const what = text(cells, 'expectedAction') || message || subject;
      if (!lastDraft) {
        preview.kind = 'skipped';
        preview.errors.push(`${eventType === 'expected' ? 'an Expected Action' : 'a note'} row with no inject above it to attach to`);
        return;
      }
      if (!what) {
        preview.kind = 'skipped';
        preview.errors.push(`${eventType === 'expected' ? 'Expected Action' : 'note'} row without text (${where('message')} and ${where('expectedAction')} are empty)`);
        return;
      }
      preview.kind = 'attached';
      if (eventType === 'expected') {
        const p = Number(text(cells, 'points'));
        lastDraft.expected.push({ text: (subject && message ? `${subject} — ${message}` : what).slice(0, 1000), points: Number.isInteger(p) && p >= 0 && p <= 1000 && text(cells, 'points') ? p : 10, options: [] });
        preview.warnings.push(`Expected Action attached to the inject of row ${lastDraft.row.row}`);
      } else {
        lastDraft.extraNotes.push(what);
        preview.warnings.push(`note attached to the facilitator notes of the inject of row ${lastDraft.row.row}`);
      }
      return;
    }
    if (!subject && !message) {
      preview.kind = 'skipped';
      const filled = texts.map((t, c) => (t ? `${colLetter(c)}${headerCells[c] ? ` "${headerCells[c]}"` : ''} = "${t.slice(0, 40)}"` : '')).filter(Boolean);
      preview.errors.push(`nothing to send: ${where('subject')} and ${where('message')} are empty${filled.length ? ` (the row holds only ${filled.join(', ')})` : ''}`);
      return;
    }
    const draft: EventDraft = {
      rowIndex: i,
      row: preview,
      channel: defaultChannel,
      from: text(cells, 'from'),
      to: 'all',
      subject: subject || firstLine(message),
      message: message || subject,
      expected: [],
      objectives: [],
      capabilities: lines(text(cells, 'capability')),
      options: [],
      extraNotes: [],
      ...(currentSection ? { phase: currentSection } : {}),
    };
    if (eventType === 'contingency') {
      if (lastRegular) draft.contingencyOf = lastRegular;
      else preview.warnings.push('a Contingency Inject with no inject above it: imported as an ordinary inject');
    }
    const move = text(cells, 'move');
    if (move && move !== currentMove) {
      currentMove = move;
      const label = /^\d+$/.test(move) ? `Move ${move}` : move;
      sections.push({ rowIndex: i, label, preview: { row: rowNo, kind: 'section', errors: [], warnings: [] }, eventIndex: events.length });
      currentSection = label;
      draft.phase = label;
    }
    for (const c of keptCols) {
      const v = texts[c];
      if (v) draft.extraNotes.push(`${headerCells[c]}: ${v}`);
    }
    if (!subject) preview.warnings.push('no subject: the first line of the message is used');
    const idCell = text(cells, 'id');
    if (idCell) draft.id = idCell;
    const num = text(cells, 'number');
    if (num) draft.number = num;

    const trig = text(cells, 'trigger');
    if (trig) {
      try {
        const parsed = Trigger.safeParse(parseYaml(trig, { maxAliasCount: 10 }));
        if (parsed.success) draft.trigger = parsed.data;
        else preview.errors.push(`trigger "${trig}" is not valid: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      } catch {
        preview.errors.push(`trigger "${trig}" cannot be read`);
      }
    }
    const t = parseMselTime(get(cells, 'time'));
    if (t && 'error' in t) {
      // free text ("after lunch"): kept for the facilitator; the row keeps its place after the row above
      draft.extraNotes.push(`Time in the MSEL: ${text(cells, 'time')}`);
      if (lastTime) {
        draft.time = lastTime;
        preview.warnings.push(`${where('time')}: ${t.error}; placed at the time of the row above, and the text is kept in the facilitator notes`);
      } else if (!draft.trigger) preview.errors.push(`${where('time')}: ${t.error}`);
    } else if (t) {
      draft.time = t;
      if (t.ignored) {
        draft.extraNotes.push(`Time in the MSEL: ${text(cells, 'time')}`);
        preview.warnings.push(`${where('time')}: ${t.ignored} is not used, only the time of day; the text is kept in the facilitator notes`);
      }
    } else if (!draft.trigger) preview.errors.push(mapping.time === undefined ? 'no time: no column of the sheet is mapped to the time (map one, e.g. --map "Delivery Time=time")' : `no time: ${where('time')} is empty (expected a time like 09:00, T+01:30 or J+1 09h00)`);

    const mode = text(cells, 'mode');
    if (mode) {
      const ch = channelOf(mode, opts.channelMap);
      if (ch) draft.channel = ch;
      else preview.warnings.push(`${where('mode')}: inject type "${mode}" is not known: sent as ${defaultChannel} (map it with --channel-map "${mode}=<channel>")`);
    }
    const to = text(cells, 'to');
    if (!to || ALL_TEAMS.test(to)) {
      if (!to) preview.warnings.push('no recipient: sent to all teams');
    } else {
      draft.to = to
        .split(/[,;\n|]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (draft.to.some((x) => ALL_TEAMS.test(x))) draft.to = 'all';
    }

    const pointsText = text(cells, 'points');
    let points = 10;
    if (pointsText) {
      const p = Number(pointsText);
      if (Number.isInteger(p) && p >= 0 && p <= 1000) points = p;
      else preview.warnings.push(`score "${pointsText}" is not a whole number from 0 to 1000: 10 points used`);
    }
    const detail = text(cells, 'expectationDetail');
    for (const l of lines(text(cells, 'expectedAction'))) {
      const m = EXPECTED_LINE.exec(l.replace(/^[-•*]\s*/, ''));
      const base = m?.[2] ?? l;
      draft.expected.push({
        ...(m?.[1] ? { id: m[1] } : {}),
        text: (detail && draft.expected.length === 0 ? `${base} — ${detail}` : base).slice(0, 1000),
        points: m?.[3] ? Number(m[3]) : points,
        options: (m?.[4] ?? '').split(/[,\s]+/).filter(Boolean),
      });
    }
    for (const l of lines(text(cells, 'objective'))) {
      const m = ID_PREFIX.exec(l);
      draft.objectives.push(m?.[1] && m[2] ? { id: m[1], text: m[2] } : { text: l });
    }
    const controller = text(cells, 'controller');
    if (controller) draft.controller = controller;
    const notesText = text(cells, 'notes');
    if (notesText) draft.notes = notesText;
    const opt = text(cells, 'responseOptions');
    if (opt) {
      const parts = opt.includes('\n') ? lines(opt) : opt.split('|').map((s) => s.trim()).filter(Boolean);
      for (const p of parts) {
        const m = ID_PREFIX.exec(p);
        draft.options.push(m?.[1] && m[2] ? { id: m[1], label: m[2] } : { label: p });
      }
    }
    const within = text(cells, 'respondWithin');
    if (within) {
      if (DURATION_PATTERN.test(within)) draft.respondWithin = within;
      else preview.warnings.push(`respond within "${within}" is not a duration like 00:15: left out`);
    }
    const decisionText = text(cells, 'decision');
    if (decisionText) {
      try {
        const parsed = Decision.safeParse(parseYaml(decisionText, { maxAliasCount: 10 }));
        if (parsed.success) draft.decision = parsed.data;
        else preview.errors.push(`decision is not valid: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      } catch {
        preview.errors.push('the decision cell cannot be read (YAML expected)');
      }
    }
    const tlp = text(cells, 'tlp');
    if (tlp) {
      const norm = tlp.toUpperCase().replace(/^(TLP[:\s]*)?/, 'TLP:').replace(/\s+/g, '');
      const parsed = TLP.safeParse(norm === 'TLP:WHITE' ? 'TLP:CLEAR' : norm);
      if (parsed.success) draft.tlp = parsed.data;
      else preview.warnings.push(`"${tlp}" is not a TLP marking: left out`);
    }
    if (preview.errors.length) {
      preview.kind = 'skipped';
      return;
    }
    events.push(draft);
    lastDraft = draft;
    if (!draft.contingencyOf) lastRegular = draft;
    if (draft.time) lastTime = draft.time;
  });

  // times: one pass over every event and section, so a start found from the data applies to both
  const allTimes = [...events.map((e) => e.time), ...sections.map((s) => s.time)];
  const resolved = resolveTimes(allTimes, opts.start);
  notes.push(...resolved.notes);
  const kept: (EventDraft & { offsetMs?: number })[] = [];
  const checklist: { row: number; offset: string; text: string; offsetMs: number }[] = [];
  events.forEach((e, k) => {
    const problem = resolved.problems[k];
    if (problem) {
      e.row.errors.push(`${where('time')}: ${problem}`);
      e.row.kind = 'skipped';
      return;
    }
    const off = resolved.offsets[k];
    if (off !== undefined && resolved.beforeStart[k]) {
      e.row.kind = 'checklist';
      const when = `STARTEX − ${fmtDuration(-off)}`;
      e.row.warnings.push(`timed ${fmtDuration(-off)} before STARTEX: a preparation step, listed in the pre-exercise checklist (not sent to players)`);
      checklist.push({ row: e.row.row, offset: when, offsetMs: off, text: [e.subject, e.message !== e.subject ? e.message : ''].filter(Boolean).join(' — ').slice(0, 500) });
      return;
    }
    kept.push(off === undefined ? e : { ...e, offsetMs: off });
  });
  checklist.sort((a, b) => a.offsetMs - b.offsetMs);

  // teams, in order of first mention; "all" when the sheet names none
  const teamIds = new UniqueIds();
  const teamsByName = new Map<string, Team>();
  const teamFor = (name: string): string => {
    const key = name.toLowerCase();
    const existing = teamsByName.get(key);
    if (existing) return existing.id;
    const id = teamIds.take(SLUG.test(name) ? name : slugify(name, `team-${teamsByName.size + 1}`));
    const team: Team = { id, name: name.slice(0, 200) };
    teamsByName.set(key, team);
    return id;
  };
  for (const e of kept) if (e.to !== 'all') e.to = [...new Set(e.to.map(teamFor))];
  if (teamsByName.size === 0) {
    teamsByName.set('players', { id: 'players', name: 'Players' });
    notes.push('The sheet names no recipient team: one team "Players" receives every inject');
  }

  // the same event sent to several teams on several rows is one inject for all of them
  type Merged = EventDraft & { offsetMs?: number; rows: RowPreview[] };
  const merged: Merged[] = [];
  const rowOfInject = new Map<string, number[]>();
  const sig = (e: EventDraft & { offsetMs?: number }) => JSON.stringify([e.offsetMs, e.subject, e.message, e.from, e.channel, e.id ?? null, e.trigger ?? null]);
  const bySig = new Map<string, Merged>();
  for (const e of kept) {
    const s = sig(e);
    const prev = bySig.get(s);
    if (prev && prev.to !== 'all' && e.to !== 'all') {
      prev.to = [...new Set([...prev.to, ...e.to])];
      prev.rows.push(e.row);
      e.row.kind = 'merged';
      continue;
    }
    const entry: Merged = { ...e, rows: [e.row] };
    bySig.set(s, entry);
    merged.push(entry);
  }

  // objectives and phases
  const objectiveIds = new UniqueIds();
  const objectives: Objective[] = [];
  const objectiveByText = new Map<string, string>();
  const objectiveFor = (o: { id?: string; text: string }, capability: string | undefined): string => {
    const key = (o.id ?? o.text).toLowerCase();
    const known = objectiveByText.get(key);
    if (known) return known;
    const id = objectiveIds.take(o.id ?? slugify(o.text, `obj-${objectives.length + 1}`));
    objectives.push({ id, text: o.text.slice(0, 1000), coreCapability: (capability || 'Unspecified').slice(0, 200) });
    objectiveByText.set(key, id);
    return id;
  };

  const injectIds = new UniqueIds();
  const phaseIds = new UniqueIds();
  const phaseByLabel = new Map<string, Phase>();
  sections.forEach((s, k) => {
    const offIdx = events.length + k;
    const firstEvent = merged.find((e) => e.phase === s.label && e.offsetMs !== undefined);
    const start = resolved.offsets[offIdx] ?? firstEvent?.offsetMs;
    if (start === undefined) {
      s.preview.warnings.push('no event with a time follows this section label: no phase is made for it');
      return;
    }
    if (phaseByLabel.has(s.label)) return;
    const phase: Phase = { id: phaseIds.take(s.id ?? slugify(s.label, `phase-${phaseByLabel.size + 1}`)), title: s.label.slice(0, 200), start: offsetOf(start) };
    phaseByLabel.set(s.label, phase);
  });

  const idOfRow = new Map<RowPreview, string>();
  const injects: Inject[] = merged.map((e, k) => {
    const baseId = e.id && SLUG.test(e.id) ? e.id : e.id ? slugify(e.id, `inject-${k + 1}`) : e.number ? slugify(`msel-${e.number}`, `inject-${k + 1}`) : `row-${e.row.row}`;
    const id = injectIds.take(baseId);
    const optionIds = new UniqueIds();
    const responseOptions = e.options.map((o, n) => ({ id: optionIds.take(o.id ?? slugify(o.label, `option-${n + 1}`)), label: o.label.slice(0, 300) }));
    const actionIds = new UniqueIds();
    const inj: Inject = {
      id,
      ...(e.offsetMs !== undefined ? { offset: offsetOf(e.offsetMs) } : {}),
      to: e.to,
      channel: e.channel,
      from: senderOf(e.from || 'Exercise control'),
      subject: e.subject.slice(0, 300),
      body: e.message.slice(0, 50_000),
      ...(e.tlp ? { tlp: e.tlp } : {}),
      artifacts: [],
      tags: { groups: [], attack: [], disarm: [], assumed: [] },
      ...(e.phase && phaseByLabel.has(e.phase) ? { phase: phaseByLabel.get(e.phase)?.id } : {}),
      objectives: e.objectives.map((o, n) => objectiveFor(o, e.capabilities[n] ?? e.capabilities[0])),
      responseOptions,
      expectedActions: e.expected.map((a, n) => ({ id: actionIds.take(a.id ?? `ea-${n + 1}`), text: a.text, points: a.points, options: a.options })),
      ...(e.respondWithin ? { respondWithin: e.respondWithin } : {}),
      ...(e.decision ? { decision: e.decision } : {}),
      ...(e.trigger ? { trigger: e.trigger } : {}),
      ...(e.notes || e.extraNotes.length ? { facilitatorNotes: [e.notes ?? '', ...e.extraNotes].filter(Boolean).join('\n').slice(0, 20_000) } : {}),
      meta: e.controller ? { controller: e.controller.slice(0, 200) } : {},
    };
    for (const r of e.rows) {
      r.injectId = id;
      if (inj.offset) r.offset = inj.offset;
      r.to = inj.to;
      r.channel = inj.channel;
      r.subject = inj.subject;
    }
    if (e.rows.length > 1) e.rows[0]?.warnings.push(`rows ${e.rows.map((r) => r.row).join(', ')} are the same event for ${e.rows.length} recipients: merged into one inject`);
    rowOfInject.set(id, e.rows.map((r) => r.row));
    for (const r of e.rows) idOfRow.set(r, id);
    return inj;
  });

  // Contingency Inject rows: released at their time to the teams that had not done the expected action of the inject above
  merged.forEach((e, k) => {
    const inj = injects[k];
    const parent = e.contingencyOf;
    if (!inj || !parent) return;
    const parentId = idOfRow.get(parent.row);
    const parentInject = injects.find((x) => x.id === parentId);
    const action = parentInject?.expectedActions[0];
    if (parentInject?.offset && inj.offset && offsetMs(inj.offset) <= offsetMs(parentInject.offset)) {
      e.row.warnings.push(`a contingency must come after its inject (${parentInject.offset}); at ${inj.offset} it is imported as an ordinary inject`);
      return;
    }
    if (!parentInject || !action || !inj.offset) {
      e.row.warnings.push(!parentInject ? 'contingency for an inject that was not imported: sent to everyone at its time' : !action ? `contingency for "${parentInject.subject}", which has no expected action: sent to everyone at its time` : 'a contingency needs a time: imported as an ordinary inject');
      return;
    }
    inj.trigger = { type: 'contingency', inject: parentInject.id, expectedAction: action.id, at: inj.offset };
    delete inj.offset;
    e.row.warnings.push(`Contingency Inject: released at ${inj.trigger.at} only to teams that have not logged "${action.text.slice(0, 60)}" (inject ${parentInject.id})`);
  });

  // preparation steps before STARTEX go to the facilitator, on the first inject they will open
  const firstTimed = [...injects].filter((x) => x.offset).sort((a, b) => offsetMs(a.offset ?? '') - offsetMs(b.offset ?? ''))[0];
  if (checklist.length && firstTimed) {
    const list = `Pre-exercise checklist (rows before STARTEX in the MSEL):\n${checklist.map((c) => `- [ ] ${c.offset}: ${c.text}`).join('\n')}`;
    firstTimed.facilitatorNotes = [list, firstTimed.facilitatorNotes ?? ''].filter(Boolean).join('\n\n').slice(0, 20_000);
    notes.push(`The pre-exercise checklist (${checklist.length} item(s)) is in the facilitator notes of "${firstTimed.subject}", the first inject`);
  }

  const last = Math.max(0, ...injects.map((i) => (i.offset ? offsetMs(i.offset) : 0)), ...[...phaseByLabel.values()].map((p) => offsetMs(p.start)));
  const name = opts.sourceName?.replace(/\.[^.]+$/, '') ?? 'msel';
  const pack: ScenarioPack = {
    id: opts.packId ?? slugify(name, 'msel-import'),
    title: (opts.title ?? `MSEL import: ${name}`).slice(0, 200),
    summary: `Imported from the MSEL ${opts.sourceName ?? 'spreadsheet'} (sheet "${grid.name}"): ${injects.length} injects for ${teamsByName.size} teams.`,
    version: '1.0.0',
    duration: durationCovering(last),
    tags: ['msel-import'],
    classification: 'TLP:CLEAR',
    threatActors: [],
    teams: [...teamsByName.values()],
    objectives,
    phases: [...phaseByLabel.values()].sort((a, b) => offsetMs(a.start) - offsetMs(b.start)),
    injects,
  };

  const columnCount = Math.max(0, ...rows.map((r) => r.length));
  const fieldOf = new Map<number, MselField>(Object.entries(mapping).map(([f, c]) => [c, f as MselField]));
  const columns = Array.from({ length: columnCount }, (_, index) => ({
    index,
    letter: colLetter(index),
    header: headerCells[index] ?? '',
    field: fieldOf.get(index) ?? null,
    samples: rows
      .slice(dataStart)
      .map((r) => cellText(r[index]))
      .filter(Boolean)
      .slice(0, 3)
      .map((s) => s.slice(0, 80)),
  }));
  const unmapped = columns.filter((c) => c.field === null && c.samples.length > 0 && c.header);
  if (unmapped.length) notes.push(`Columns not mapped to a field, kept as "header: value" lines in each inject's facilitator notes: ${unmapped.map((c) => `${c.letter} "${c.header}"`).join(', ')}`);
  const dropped = columns.filter((c) => c.field === null && c.samples.length > 0 && !c.header);
  if (dropped.length) notes.push(`Columns without a header and not mapped, not imported: ${dropped.map((c) => c.letter).join(', ')}`);

  return {
    sheet: grid.name,
    sheets,
    headerRow: detectedHeader ?? null,
    columns,
    mapping,
    rows: previews,
    notes,
    checklist: checklist.map(({ row, offset, text }) => ({ row, offset, text })),
    pack,
    rowOfInject,
    counts: {
      rows: previews.filter((p) => p.kind !== 'empty').length,
      injects: injects.length,
      skipped: previews.filter((p) => p.kind === 'skipped').length,
      merged: previews.filter((p) => p.kind === 'merged').length,
      teams: pack.teams.length,
      sections: sections.length,
      checklist: checklist.length,
      attached: previews.filter((p) => p.kind === 'attached').length,
    },
  };
}

function offsetMs(offset: string): number {
  const m = /^T\+(\d+):(\d{2})(?::(\d{2}))?$/.exec(offset);
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 : 0;
}

function firstLine(s: string): string {
  const l = lines(s)[0] ?? s;
  return l.length > 120 ? `${l.slice(0, 117)}…` : l;
}

export function senderOf(from: string): Inject['from'] {
  const angle = /^(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (angle?.[2]) return { name: (angle[1] || angle[2]).slice(0, 200), address: angle[2].slice(0, 200) };
  if (/^[^\s@]+@[^\s@]+$/.test(from)) return { name: from.slice(0, 200), address: from.slice(0, 200) };
  return { name: from.slice(0, 200) };
}

/** Attach the pack loader's errors to the rows their injects came from. */
export function attachPackErrors(rows: RowPreview[], rowOfInject: Map<string, number[]>, pack: ScenarioPack, errors: PackError[]): string[] {
  const general: string[] = [];
  for (const e of errors) {
    const m = /^injects\[(\d+)\]/.exec(e.path);
    const inj = m ? pack.injects[Number(m[1])] : undefined;
    const rowNos = inj ? rowOfInject.get(inj.id) : undefined;
    const target = rowNos ? rows.find((r) => r.row === rowNos[0]) : undefined;
    if (target) target.errors.push(`${e.path}: ${e.message}`);
    else general.push(`${e.path}: ${e.message}`);
  }
  return general;
}

export { MSEL_FIELDS };
