import { Injectable } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import type { PackError } from '../../scenarios/pack/pack-loader.js';
import type { Channel, ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import { loadPackFiles, packToYaml } from '../packs/pack-files.js';
import { PackAuthoringService, type SavedPack } from '../packs/pack-authoring.service.js';
import { cellText, type ColumnMapping } from './msel-columns.js';
import { mselCsv, mselXlsx } from './msel-export.js';
import { detectFormat, readGrids, type SheetGrid } from './msel-grid.js';
import { attachPackErrors, type MselPreview, mselToPack } from './msel-import.js';

export interface MselRequest {
  fileName?: string | undefined;
  sheet?: string | undefined;
  headerRow?: number | undefined;
  mapping?: ColumnMapping | undefined;
  start?: number | undefined;
  packId?: string | undefined;
  title?: string | undefined;
  defaultChannel?: Channel | undefined;
}

export interface MselDryRun extends MselPreview {
  /** the pack the rows make, checked by the same loader as any pack */
  valid: boolean;
  packErrors: PackError[];
  /** loader errors that belong to no single row */
  generalErrors: string[];
  yaml: string;
}

/** MSEL spreadsheets in and out: preview every row before saving, then save as a pack version. */
@Injectable()
export class MselService {
  constructor(
    private readonly packs: PackAuthoringService,
    private readonly scenarios: ScenariosService,
  ) {}

  async preview(data: Buffer, req: MselRequest): Promise<MselDryRun> {
    const grids = await readGrids(data, detectFormat(req.fileName, data));
    const grid = req.sheet === undefined ? (grids.find((g) => !/^(teams|scenario)$/i.test(g.name)) ?? grids[0]) : grids.find((g) => g.name === req.sheet);
    if (!grid) throw badInput('msel.no-sheet', `The workbook has no sheet "${req.sheet ?? ''}" (sheets: ${grids.map((g) => g.name).join(', ')})`);
    if (req.headerRow !== undefined && req.headerRow >= grid.rows.length) throw badInput('msel.bad-header-row', `The sheet has ${grid.rows.length} rows; header row ${req.headerRow} does not exist`);
    const result = mselToPack(grid, grids.map((g) => g.name), {
      mapping: req.mapping,
      headerRow: req.headerRow,
      start: req.start,
      packId: req.packId,
      title: req.title,
      defaultChannel: req.defaultChannel,
      sourceName: req.fileName,
    });
    applyCompanionSheets(result.pack, grids, req);
    const yaml = packToYaml(result.pack);
    const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }], 'msel');
    const packErrors = loaded.ok ? [] : loaded.errors;
    const generalErrors = attachPackErrors(result.rows, result.rowOfInject, result.pack, packErrors);
    const { rowOfInject: _rows, ...preview } = result;
    return { ...preview, valid: loaded.ok, packErrors, generalErrors, yaml };
  }

  async import(data: Buffer, req: MselRequest): Promise<SavedPack & { preview: MselDryRun }> {
    const preview = await this.preview(data, req);
    if (!preview.valid) {
      throw badInput('msel.invalid-pack', `The MSEL makes a pack with ${preview.packErrors.length} error(s); nothing was saved`, { errors: preview.packErrors });
    }
    const saved = await this.packs.save([{ path: 'pack.yaml', content: preview.yaml }], 'msel');
    return { ...saved, preview };
  }

  async export(idOrPackId: string, format: 'xlsx' | 'csv'): Promise<{ fileName: string; data: Buffer; contentType: string }> {
    const row = await this.scenarios.get(idOrPackId);
    const base = `${row.packId}-${row.version}-msel`;
    if (format === 'csv') return { fileName: `${base}.csv`, data: Buffer.from(`\uFEFF${mselCsv(row.document)}`, 'utf8'), contentType: 'text/csv; charset=utf-8' };
    return { fileName: `${base}.xlsx`, data: await mselXlsx(row.document), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
}

/**
 * Our own MSEL workbooks carry a Teams and a Scenario sheet: read them back so team ids,
 * descriptions and the pack's details survive a round trip. Other workbooks do not have them.
 */
function applyCompanionSheets(pack: ScenarioPack, grids: SheetGrid[], req: MselRequest): void {
  const teams = grids.find((g) => g.name === 'Teams');
  if (teams && cellText(teams.rows[0]?.[0] ?? null) === 'Team ID') {
    const byName = new Map(teams.rows.slice(1).map((r) => [cellText(r[1] ?? null).toLowerCase(), { id: cellText(r[0] ?? null), description: cellText(r[2] ?? null) }]));
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
      if (id && name && !pack.teams.some((t) => t.id === id)) pack.teams.push({ id, name, ...(cellText(r[2] ?? null) ? { description: cellText(r[2] ?? null) } : {}) });
    }
    pack.teams = pack.teams.filter((t) => t.id !== 'players' || pack.injects.some((i) => i.to === 'all') || pack.teams.length === 1);
    const order = teams.rows.slice(1).map((r) => cellText(r[0] ?? null));
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    pack.teams.sort((a, b) => rank(a.id) - rank(b.id));
  }
  const scenario = grids.find((g) => g.name === 'Scenario');
  if (!scenario) return;
  const meta = new Map(scenario.rows.map((r) => [cellText(r[0] ?? null), cellText(r[1] ?? null)]));
  const list = (k: string) => (meta.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!req.packId && meta.get('id')) pack.id = meta.get('id') as string;
  if (!req.title && meta.get('title')) pack.title = meta.get('title') as string;
  if (meta.get('summary')) pack.summary = meta.get('summary') as string;
  if (meta.get('version')) pack.version = meta.get('version') as string;
  const duration = meta.get('duration');
  if (duration && /^\d{1,3}:\d{2}$/.test(duration) && durationMs(duration) >= durationMs(pack.duration)) pack.duration = duration;
  if (meta.get('audience')) pack.audience = meta.get('audience');
  if (meta.has('tags')) pack.tags = list('tags');
  const cls = meta.get('classification');
  if (cls === 'TLP:CLEAR' || cls === 'TLP:GREEN' || cls === 'TLP:AMBER' || cls === 'TLP:AMBER+STRICT' || cls === 'TLP:RED') pack.classification = cls;
  if (meta.has('threatActors')) pack.threatActors = list('threatActors');
}

const durationMs = (d: string) => {
  const [h, m] = d.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
};
