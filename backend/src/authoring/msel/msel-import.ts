import { parse as parseYaml } from 'yaml';
import type { PackError } from '../../scenarios/pack/pack-loader.js';
import { type Channel, Decision, DURATION_PATTERN, type Inject, type Objective, type Phase, type ScenarioPack, type Team, TLP, Trigger } from '../../scenarios/pack/pack-schema.js';
import { durationCovering, offsetOf, SLUG, slugify, UniqueIds } from '../slugs.js';
import { cellText, type ColumnMapping, findHeaderRow, guessColumns, mapHeaders, MSEL_FIELDS, type MselField } from './msel-columns.js';
import type { SheetGrid } from './msel-grid.js';
import { type CellValue, type MselTime, parseMselTime, resolveTimes } from './msel-time.js';

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
  sourceName?: string | undefined;
}

export type RowKind = 'title' | 'header' | 'section' | 'inject' | 'merged' | 'skipped' | 'empty';

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
  pack: ScenarioPack;
  counts: { rows: number; injects: number; skipped: number; merged: number; teams: number; sections: number };
}

const CHANNEL_WORDS: [Channel, RegExp][] = [
  ['email', /\b(e-?mail|mail|courriel|outlook|letter)\b/i],
  ['phone', /\b(phone|call|telephone|voice|sms|text message|radio|voicemail|t[ée]l[ée]phone)\b/i],
  ['news', /\b(news|press|media|article|newspaper|tv|television|broadcast|journal)\b/i],
  ['social', /\b(social|twitter|tweet|x\.com|facebook|linkedin|telegram|post|reddit|mastodon)\b/i],
  ['siem', /\b(siem|alert|edr|ids|ips|soc alert|detection|log)\b/i],
  ['intel', /\b(intel|intelligence|cti|advisory|report|bulletin|tip)\b/i],
  ['sitrep', /\b(sitrep|situation report|briefing|brief)\b/i],
  ['video', /\b(video|deepfake|youtube|clip)\b/i],
  ['chat', /\b(chat|slack|teams|im|instant message|whatsapp|signal|message|discord)\b/i],
];

export function channelOf(mode: string): Channel | undefined {
  const m = mode.trim().toLowerCase();
  if (!m) return undefined;
  for (const [ch, re] of CHANNEL_WORDS) if (m === ch || re.test(m)) return ch;
  return undefined;
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
}

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
    if (!subject && !message) {
      preview.kind = 'skipped';
      preview.errors.push('no subject or message: nothing to send');
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
      ...(currentSection ? { phase: currentSection } : {}),
    };
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
    if (t && 'error' in t) preview.errors.push(t.error);
    else if (t) draft.time = t;
    else if (!draft.trigger) preview.errors.push(mapping.time === undefined ? 'no time column is mapped' : 'no time');

    const mode = text(cells, 'mode');
    if (mode) {
      const ch = channelOf(mode);
      if (ch) draft.channel = ch;
      else preview.warnings.push(`inject mode "${mode}" is not known: sent as ${defaultChannel}`);
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
  });

  // times: one pass over every event and section, so a start found from the data applies to both
  const allTimes = [...events.map((e) => e.time), ...sections.map((s) => s.time)];
  const resolved = resolveTimes(allTimes, opts.start);
  notes.push(...resolved.notes);
  const kept: (EventDraft & { offsetMs?: number })[] = [];
  events.forEach((e, k) => {
    const problem = resolved.problems[k];
    if (problem) {
      e.row.errors.push(problem);
      e.row.kind = 'skipped';
      return;
    }
    const off = resolved.offsets[k];
    kept.push(off === undefined ? e : { ...e, offsetMs: off });
  });

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
      ...(e.notes ? { facilitatorNotes: e.notes.slice(0, 20_000) } : {}),
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
    return inj;
  });

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
  if (unmapped.length) notes.push(`Columns not imported: ${unmapped.map((c) => `${c.letter} "${c.header}"`).join(', ')}`);

  return {
    sheet: grid.name,
    sheets,
    headerRow: detectedHeader ?? null,
    columns,
    mapping,
    rows: previews,
    notes,
    pack,
    rowOfInject,
    counts: {
      rows: previews.filter((p) => p.kind !== 'empty').length,
      injects: injects.length,
      skipped: previews.filter((p) => p.kind === 'skipped').length,
      merged: previews.filter((p) => p.kind === 'merged').length,
      teams: pack.teams.length,
      sections: sections.length,
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
