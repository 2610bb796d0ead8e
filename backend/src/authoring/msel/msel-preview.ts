import { badInput } from '../../common/domain-error.js';
import type { PackError, PackSource } from '../../scenarios/pack/pack-loader.js';
import type { Channel, ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { LANGUAGE_PATTERN } from '../../scenarios/pack/pack-schema.js';
import { loadPackFiles, packToYaml, translationFiles } from '../packs/pack-files.js';
import type { ChannelMap } from './inject-types.js';
import { cellText, type ColumnMapping, findHeaderRow } from './msel-columns.js';
import { detectFormat, readGrids, type SheetGrid } from './msel-grid.js';
import { attachPackErrors, type MselPreview, mselToPack } from './msel-import.js';
import { detectLayout } from './msel-rows.js';
import { readMselTranslations } from './msel-translations.js';
import { type ImportNote, importNote } from '../import-note.js';

export interface MselRequest {
  fileName?: string | undefined;
  sheet?: string | undefined;
  headerRow?: number | undefined;
  /** the header's row number as the author sees it in the sheet (1 = first row); wins over headerRow */
  headerSheetRow?: number | undefined;
  mapping?: ColumnMapping | undefined;
  start?: number | undefined;
  packId?: string | undefined;
  title?: string | undefined;
  defaultChannel?: Channel | undefined;
  channelMap?: ChannelMap | undefined;
  /** row cap per sheet (default MSEL_MAX_ROWS, 5,000) */
  maxRows?: number | undefined;
  /** refuse the import when any row cannot become an inject, instead of skipping it */
  strict?: boolean | undefined;
}

export interface MselDryRun extends MselPreview {
  /** the pack the rows make, checked by the same loader as any pack */
  valid: boolean;
  packErrors: PackError[];
  /** loader errors that belong to no single row */
  generalErrors: ImportNote[];
  yaml: string;
  /** the pack's translations read from the Language column and the Translations sheet, as pack files */
  translationFiles: { path: string; content: string }[];
}

/**
 * An MSEL file as the pack it makes, row by row: the one code path of the web preview, the web
 * import and `ttx msel import`. The server runs it in a reader process (preview-process.ts).
 */
/** The preview, with the validated pack as the loader built it when it is valid (what an import stores). */
export interface MselReading {
  preview: MselDryRun;
  source?: PackSource;
}

export async function previewMsel(data: Buffer, req: MselRequest): Promise<MselDryRun> {
  return (await readMsel(data, req)).preview;
}

export async function readMsel(data: Buffer, req: MselRequest): Promise<MselReading> {
  const format = detectFormat(req.fileName, data);
  const grids = await readGrids(data, format, { fileName: req.fileName, maxRows: req.maxRows });
  const file = req.fileName ? `"${req.fileName}"` : 'The workbook';
  const picked =
    req.sheet === undefined ? pickSheet(grids) : { grid: grids.find((g) => g.name === req.sheet), note: undefined };
  const grid = picked.grid;
  if (!grid)
    throw badInput(
      'msel.no-sheet',
      `${file} has no sheet "${req.sheet ?? ''}" (its sheets: ${grids.map((g) => `"${g.name}"`).join(', ')})`,
    );
  let headerRow = req.headerRow;
  if (req.headerSheetRow !== undefined && req.headerSheetRow > 0) {
    headerRow = grid.rowNumbers.indexOf(req.headerSheetRow);
    if (headerRow < 0)
      throw badInput(
        'msel.bad-header-row',
        `Row ${req.headerSheetRow} of sheet "${grid.name}" of ${file} is empty or does not exist (its rows with content are ${grid.rowNumbers[0] ?? 0} to ${grid.rowNumbers.at(-1) ?? 0}): it cannot be the header row`,
      );
  }
  if (headerRow !== undefined && headerRow >= grid.rows.length)
    throw badInput(
      'msel.bad-header-row',
      `Sheet "${grid.name}" of ${file} has ${grid.rows.length} rows with content; header row ${headerRow + 1} does not exist`,
    );
  // rows in another language than the source's are translations of the injects, not injects
  const declared = cellText(
    grids.find((g) => g.name === 'Scenario')?.rows.find((r) => cellText(r[0] ?? null) === 'language')?.[1] ?? null,
  );
  const translated = readMselTranslations(
    grid,
    grids,
    detectLayout(grid.rows, headerRow, req.mapping),
    LANGUAGE_PATTERN.test(declared) ? declared : undefined,
  );
  const result = mselToPack(
    translated.grid,
    grids.map((g) => g.name),
    {
      mapping: req.mapping,
      headerRow,
      start: req.start,
      packId: req.packId,
      title: req.title,
      defaultChannel: req.defaultChannel,
      channelMap: req.channelMap,
      sourceName: req.fileName,
    },
  );
  if (picked.note) result.notes.unshift(picked.note);
  applyCompanionSheets(result.pack, grids, req);
  result.notes.push(...translated.notes);
  if (translated.source && translated.source !== 'en') result.pack.language = translated.source;
  if (Object.keys(translated.translations).length) result.pack.translations = translated.translations;
  const yaml = packToYaml(result.pack);
  const files = translationFiles(result.pack).map((f) => ({ path: f.path, content: String(f.content) }));
  const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }, ...files], 'msel');
  const packErrors = loaded.ok ? [] : loaded.errors;
  const generalErrors = attachPackErrors(result.rows, result.rowOfInject, result.pack, packErrors);
  const { rowOfInject: _rows, ...preview } = result;
  return {
    preview: { ...preview, valid: loaded.ok, packErrors, generalErrors, yaml, translationFiles: files },
    source: loaded.ok ? loaded.source : undefined,
  };
}

/**
 * The MSEL sheet of a workbook when none is named: the first with a header row that names a time,
 * subject or message column (templates often open with an Instructions or cover sheet), else the
 * first sheet with rows. Our own Teams and Scenario sheets are companions, never the MSEL.
 */
function pickSheet(grids: SheetGrid[]): { grid: SheetGrid | undefined; note: ImportNote | undefined } {
  const candidates = grids.filter((g) => !/^(teams|scenario)$/i.test(g.name) && g.rows.length > 0);
  const withHeader = candidates.find((g) => findHeaderRow(g.rows) !== undefined);
  const grid = withHeader ?? candidates[0] ?? grids[0];
  const skipped = grid ? candidates.indexOf(grid) > 0 : false;
  const sheets = grids.map((g) => `"${g.name}"`).join(', ');
  const note =
    skipped && grid
      ? importNote(
          'msel.sheet-picked',
          { sheet: grid.name, sheets },
          `Sheet "${grid.name}" was read: it is the first that has an MSEL header row (the workbook's sheets: ${sheets}; pick another with --sheet or the sheet menu)`,
        )
      : undefined;
  return { grid, note };
}

/**
 * Why an import must not be saved, or null: a pack that does not validate, no row that became an
 * inject, or (strict) any row skipped. Skipped rows otherwise only cost their own inject.
 */
export function importRefusal(
  p: MselDryRun,
  req: Pick<MselRequest, 'fileName' | 'strict'>,
): { code: string; message: string } | null {
  const file = req.fileName ? `"${req.fileName}"` : 'The MSEL';
  const where = `${file}, sheet "${p.sheet}"`;
  if (p.pack.injects.length === 0) {
    const reasons = [...new Set(p.rows.flatMap((r) => r.errors.map((e) => e.message)))].slice(0, 3);
    return {
      code: 'msel.no-injects',
      message: `${where}: no row became an inject${p.counts.checklist ? ` (${p.counts.checklist} row(s) are before STARTEX; give an earlier --start / start)` : ''}${reasons.length ? `; first problems: ${reasons.join('; ')}` : ' (check the time and message columns)'}; nothing was saved`,
    };
  }
  const skipped = p.rows.filter((r) => r.kind === 'skipped');
  if (req.strict && skipped.length)
    return {
      code: 'msel.rows-skipped',
      message: `${where}: ${skipped.length} row(s) cannot become injects (rows ${skipped.map((r) => r.row).join(', ')}) and strict mode refuses to skip them; nothing was saved`,
    };
  if (!p.valid)
    return {
      code: 'msel.invalid-pack',
      message: `${where}: the MSEL makes a pack with ${p.packErrors.length} error(s); nothing was saved`,
    };
  return null;
}

/**
 * Our own MSEL workbooks carry a Teams and a Scenario sheet: read them back so team ids,
 * descriptions and the pack's details survive a round trip. Other workbooks do not have them.
 */
function applyCompanionSheets(pack: ScenarioPack, grids: SheetGrid[], req: MselRequest): void {
  const teams = grids.find((g) => g.name === 'Teams');
  if (teams && cellText(teams.rows[0]?.[0] ?? null) === 'Team ID') {
    const byName = new Map(
      teams.rows
        .slice(1)
        .map((r) => [
          cellText(r[1] ?? null).toLowerCase(),
          { id: cellText(r[0] ?? null), description: cellText(r[2] ?? null) },
        ]),
    );
    const rename = new Map<string, string>();
    for (const t of pack.teams) {
      const known = byName.get(t.name.toLowerCase());
      if (!known?.id || pack.teams.some((o) => o !== t && o.id === known.id)) continue;
      rename.set(t.id, known.id);
      t.id = known.id;
      if (known.description) t.description = known.description;
    }
    for (const i of pack.injects) if (i.to !== 'all') i.to = i.to.map((t) => rename.get(t) ?? t);
    // teams that receive nothing in the MSEL are still part of the scenario
    for (const r of teams.rows.slice(1)) {
      const id = cellText(r[0] ?? null);
      const name = cellText(r[1] ?? null);
      if (id && name && !pack.teams.some((t) => t.id === id))
        pack.teams.push({ id, name, ...(cellText(r[2] ?? null) ? { description: cellText(r[2] ?? null) } : {}) });
    }
    // the importer's placeholder team (made when the sheet names no recipient) is not needed when
    // the Teams sheet lists the real ones, unless that sheet lists it too
    const listed = new Set(teams.rows.slice(1).map((r) => cellText(r[0] ?? null)));
    pack.teams = pack.teams.filter((t) => t.id !== 'players' || listed.has('players') || pack.teams.length === 1);
    const order = teams.rows.slice(1).map((r) => cellText(r[0] ?? null));
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    pack.teams.sort((a, b) => rank(a.id) - rank(b.id));
  }
  const scenario = grids.find((g) => g.name === 'Scenario');
  if (!scenario) return;
  const meta = new Map(scenario.rows.map((r) => [cellText(r[0] ?? null), cellText(r[1] ?? null)]));
  const list = (k: string) =>
    (meta.get(k) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (!req.packId && meta.get('id')) pack.id = meta.get('id') as string;
  if (!req.title && meta.get('title')) pack.title = meta.get('title') as string;
  if (meta.get('summary')) pack.summary = meta.get('summary') as string;
  if (meta.get('version')) pack.version = meta.get('version') as string;
  const duration = meta.get('duration');
  if (duration && /^\d{1,3}:\d{2}$/.test(duration) && durationMs(duration) >= durationMs(pack.duration))
    pack.duration = duration;
  if (meta.get('audience')) pack.audience = meta.get('audience');
  if (meta.has('tags')) pack.tags = list('tags');
  const cls = meta.get('classification');
  if (
    cls === 'TLP:CLEAR' ||
    cls === 'TLP:GREEN' ||
    cls === 'TLP:AMBER' ||
    cls === 'TLP:AMBER+STRICT' ||
    cls === 'TLP:RED'
  )
    pack.classification = cls;
  if (meta.has('threatActors')) pack.threatActors = list('threatActors');
}

const durationMs = (d: string) => {
  const [h, m] = d.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
};
