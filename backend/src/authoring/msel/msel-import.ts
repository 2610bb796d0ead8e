import type { PackError } from '../../scenarios/pack/pack-loader.js';
import type { Channel, ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { cellText, type ColumnMapping, MSEL_FIELDS, type MselField } from './msel-columns.js';
import type { ChannelMap } from './inject-types.js';
import type { SheetGrid } from './sheet-grid.js';
import { type ImportNote, importNote } from '../import-note.js';
import type { CellValue } from './msel-time.js';
import { cellReader, colLetter, detectLayout, readRows, type RowPreview } from './msel-rows.js';
import {
  anchorTimes,
  assemblePack,
  assignTeams,
  attachChecklist,
  buildInjects,
  buildPhases,
  linkContingencies,
  mergeRows,
  senderOf,
} from './msel-assemble.js';

export type { RowKind, RowPreview } from './msel-rows.js';
export { senderOf };

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

export interface MselPreview {
  sheet: string;
  sheets: string[];
  headerRow: number | null;
  columns: { index: number; letter: string; header: string; field: MselField | null; samples: string[] }[];
  mapping: ColumnMapping;
  rows: RowPreview[];
  notes: ImportNote[];
  /** rows before STARTEX: preparation steps for the facilitator, also written into the first inject's facilitator notes */
  checklist: { row: number; offset: string; text: string }[];
  pack: ScenarioPack;
  counts: {
    rows: number;
    injects: number;
    skipped: number;
    merged: number;
    teams: number;
    sections: number;
    checklist: number;
    attached: number;
  };
}

/**
 * One sheet of an MSEL as a scenario pack, with a row-by-row account of what became of each row.
 * The steps: header detection and column mapping, row reading (msel-rows.ts), then time anchoring,
 * teams, grouping rows into injects, phases, contingencies, the checklist and the pack (msel-assemble.ts).
 */
export function mselToPack(
  grid: SheetGrid,
  sheets: string[],
  opts: MselImportOptions,
): Omit<MselPreview, 'rows'> & { rows: RowPreview[]; rowOfInject: Map<string, number[]> } {
  const layout = detectLayout(grid.rows, opts.headerRow, opts.mapping);
  const notes = [...layout.notes];
  const { previews, events, sections } = readRows(grid, layout, {
    defaultChannel: opts.defaultChannel ?? 'email',
    channelMap: opts.channelMap,
  });
  const { resolved, kept, checklist } = anchorTimes(events, sections, opts.start, cellReader(layout));
  notes.push(...resolved.notes);
  const teams = assignTeams(kept, notes);
  const merged = mergeRows(kept);
  const phaseByLabel = buildPhases(sections, merged, resolved, events.length);
  const { injects, objectives, rowOfInject, idOfRow } = buildInjects(merged, phaseByLabel);
  linkContingencies(merged, injects, idOfRow);
  attachChecklist(injects, checklist, notes);
  const pack = assemblePack(
    { injects, teams, objectives, phases: [...phaseByLabel.values()] },
    { packId: opts.packId, title: opts.title, sourceName: opts.sourceName, sheet: grid.name },
  );
  const columns = describeColumns(grid.rows, layout.mapping, layout.headerCells, layout.dataStart);
  notes.push(...columnNotes(columns));
  return {
    sheet: grid.name,
    sheets,
    headerRow: layout.headerRow ?? null,
    columns,
    mapping: layout.mapping,
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

/** Every column of the sheet: its letter, header, mapped field and up to three sample values. */
export function describeColumns(
  rows: CellValue[][],
  mapping: ColumnMapping,
  headerCells: string[],
  dataStart: number,
): MselPreview['columns'] {
  const columnCount = Math.max(0, ...rows.map((r) => r.length));
  const fieldOf = new Map<number, MselField>(Object.entries(mapping).map(([f, c]) => [c, f as MselField]));
  return Array.from({ length: columnCount }, (_, index) => ({
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
}

/** What became of the columns mapped to no field: kept as notes when they have a header, else left out. */
function columnNotes(columns: MselPreview['columns']): ImportNote[] {
  const notes: ImportNote[] = [];
  const unmapped = columns.filter((c) => c.field === null && c.samples.length > 0 && c.header);
  if (unmapped.length) {
    const list = unmapped.map((c) => `${c.letter} "${c.header}"`).join(', ');
    notes.push(
      importNote(
        'msel.columns-kept-as-notes',
        { columns: list },
        `Columns not mapped to a field, kept as "header: value" lines in each inject's facilitator notes: ${list}`,
      ),
    );
  }
  const dropped = columns.filter((c) => c.field === null && c.samples.length > 0 && !c.header);
  if (dropped.length) {
    const list = dropped.map((c) => c.letter).join(', ');
    notes.push(
      importNote(
        'msel.columns-dropped',
        { columns: list },
        `Columns without a header and not mapped, not imported: ${list}`,
      ),
    );
  }
  return notes;
}

/** Attach the pack loader's errors to the rows their injects came from. */
export function attachPackErrors(
  rows: RowPreview[],
  rowOfInject: Map<string, number[]>,
  pack: ScenarioPack,
  errors: PackError[],
): ImportNote[] {
  const general: ImportNote[] = [];
  for (const e of errors) {
    const m = /^injects\[(\d+)\]/.exec(e.path);
    const inj = m ? pack.injects[Number(m[1])] : undefined;
    const rowNos = inj ? rowOfInject.get(inj.id) : undefined;
    const target = rowNos ? rows.find((r) => r.row === rowNos[0]) : undefined;
    const note: ImportNote = {
      ...importNote('msel.pack-error', { path: e.path, detail: e.message }, `${e.path}: ${e.message}`),
      ...(e.code ? { packError: { code: e.code, params: e.params ?? {} } } : {}),
    };
    if (target) target.errors.push(note);
    else general.push(note);
  }
  return general;
}

export { MSEL_FIELDS };
