/**
 * Content-quality checks for every scenario pack in `injects/`.
 *
 * Schema and cross-reference validity come from the pack loader; this file adds the content rules
 * of the scenario library: ATT&CK / DISARM ids that exist, techniques that ATT&CK documents for
 * the groups an inject names (or are marked as scenario assumptions), team and objective
 * coverage, decision branches, documentation-reserved network values and grounded facilitator
 * notes. The engine dry run of each pack lives in a separate test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPackError, listPackFolders, loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { parseDurationMs, parseOffsetMs, type Inject, type ScenarioPack } from '../../backend/src/scenarios/pack/pack-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const injectsRoot = path.join(repoRoot, 'injects');
const dataDir = path.resolve(repoRoot, '../shared/data');

/** The main pack and its minimum size. */
const MAIN_PACK = 'korean-peninsula';
/** Packs of the scenario library (the demo pack used by engine tests is held to the general rules only). */
const LIBRARY_PACKS = new Set([MAIN_PACK, 'crypto-bridge-heist', 'deepfake-surge']);

// ---------------------------------------------------------------------------------------------
// reference data

/** Split one CSV line; fields may be double-quoted, with `""` for a literal quote. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const DATA_FILES = ['attack/techniques.csv', 'attack/groups.csv', 'attack/group-techniques.csv', 'disarm/techniques.csv'];
const hasData = DATA_FILES.every((f) => existsSync(path.join(dataDir, f)));
const NO_DATA = `reference data not found at ${dataDir} — ATT&CK/DISARM checks skipped`;
if (!hasData) console.warn(`[packs-quality] ${NO_DATA}`);

interface ReferenceData {
  attack: Map<string, string>;
  groups: Map<string, string>;
  groupTechniques: Map<string, Set<string>>;
  disarm: Map<string, string>;
}

function loadReferenceData(): ReferenceData {
  const byId = (file: string) => new Map(readCsv(path.join(dataDir, file)).map((r) => [r.id ?? '', r.name ?? '']));
  const groupTechniques = new Map<string, Set<string>>();
  for (const r of readCsv(path.join(dataDir, 'attack/group-techniques.csv'))) {
    const g = r.group_id ?? '';
    if (!groupTechniques.has(g)) groupTechniques.set(g, new Set());
    groupTechniques.get(g)?.add(r.technique_id ?? '');
  }
  return {
    attack: byId('attack/techniques.csv'),
    groups: byId('attack/groups.csv'),
    groupTechniques,
    disarm: byId('disarm/techniques.csv'),
  };
}
const ref: ReferenceData | undefined = hasData ? loadReferenceData() : undefined;

// ---------------------------------------------------------------------------------------------
// pack helpers

const folders = existsSync(injectsRoot) ? listPackFolders(injectsRoot) : [];
const loaded = folders.map((folder) => ({ name: path.basename(folder), folder, result: loadPackFolder(folder, injectsRoot) }));

function packOf(name: string): ScenarioPack {
  const entry = loaded.find((l) => l.name === name);
  if (!entry) throw new Error(`pack ${name} not found in ${injectsRoot}`);
  if (!entry.result.ok) throw new Error(`pack ${name} is invalid:\n${entry.result.errors.map(formatPackError).join('\n')}`);
  return entry.result.source.pack;
}

const targets = (pack: ScenarioPack, inj: Inject): string[] => (inj.to === 'all' ? pack.teams.map((t) => t.id) : inj.to);

/** Exercise-clock times of the injects the clock alone releases (offsets and after-inject chains). */
function clockTimes(pack: ScenarioPack): Map<string, number> {
  const times = new Map<string, number>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const inj of pack.injects) {
      if (times.has(inj.id)) continue;
      if (inj.offset !== undefined) times.set(inj.id, parseOffsetMs(inj.offset));
      else if (inj.trigger?.type === 'after-inject' && times.has(inj.trigger.inject)) {
        times.set(inj.id, (times.get(inj.trigger.inject) ?? 0) + parseDurationMs(inj.trigger.delay));
      } else continue;
      changed = true;
    }
  }
  return times;
}

/** The phase of an inject: its explicit phase, else the last phase starting at or before its release time. */
function phaseOf(pack: ScenarioPack, inj: Inject, atMs: number | undefined): string | undefined {
  if (inj.phase) return inj.phase;
  if (atMs === undefined) return undefined;
  let best: { id: string; start: number } | undefined;
  for (const p of pack.phases) {
    const start = parseOffsetMs(p.start);
    if (start <= atMs && (!best || start >= best.start)) best = { id: p.id, start };
  }
  return best?.id;
}

/** All text of an inject that players or facilitators see, for value checks. */
function injectText(inj: Inject): string {
  const parts: string[] = [inj.subject, inj.body, inj.from.name, inj.from.address ?? '', inj.facilitatorNotes ?? ''];
  for (const a of inj.artifacts) {
    if (a.kind === 'log') parts.push(a.content);
    if (a.kind === 'ioc-table') for (const r of a.rows) parts.push(r.value, r.note ?? '');
  }
  for (const v of Object.values(inj.meta)) parts.push(String(v));
  return parts.join('\n');
}

const IPV4 = /(?<![\w./:-])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w.]*\d)/g;
const RESERVED_V4 = ['192.0.2.', '198.51.100.', '203.0.113.'];
const EMAIL = /[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})\b/gi;
const URL_HOST = /\bhttps?:\/\/([\w.-]+)/gi;
const RESERVED_DOMAIN = /(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$/i;

// ---------------------------------------------------------------------------------------------

describe('scenario packs: content quality', () => {
  it('finds the scenario library packs', () => {
    const names = loaded.map((l) => l.name);
    for (const p of LIBRARY_PACKS) expect(names, `pack folder injects/${p}`).toContain(p);
  });

  describe.each(loaded.map((l) => [l.name, l] as const))('%s', (name, entry) => {
    const library = LIBRARY_PACKS.has(name);

    it('loads and validates', () => {
      if (!entry.result.ok) console.error(`pack ${name} has errors:\n${entry.result.errors.map(formatPackError).join('\n')}`);
      expect(entry.result.ok).toBe(true);
    });

    it.skipIf(!hasData)(`uses ATT&CK technique ids that exist in ATT&CK${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown: string[] = [];
      for (const inj of pack.injects) {
        for (const t of [...inj.tags.attack, ...inj.tags.assumed]) if (!ref?.attack.has(t)) unknown.push(`${inj.id}: ${t}`);
      }
      expect(unknown, 'unknown ATT&CK technique ids').toEqual([]);
    });

    it.skipIf(!hasData)(`uses DISARM technique ids that exist in DISARM${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown = pack.injects.flatMap((inj) => inj.tags.disarm.filter((t) => !ref?.disarm.has(t)).map((t) => `${inj.id}: ${t}`));
      expect(unknown, 'unknown DISARM technique ids').toEqual([]);
    });

    it.skipIf(!hasData)(`names ATT&CK groups that exist${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown = [
        ...pack.threatActors.filter((g) => !ref?.groups.has(g)).map((g) => `threatActors: ${g}`),
        ...pack.injects.flatMap((inj) => inj.tags.groups.filter((g) => !ref?.groups.has(g)).map((g) => `${inj.id}: ${g}`)),
      ];
      expect(unknown, 'unknown ATT&CK group ids').toEqual([]);
    });

    it.skipIf(!hasData)(
      `attributes to a group only techniques ATT&CK documents for it (others go in tags.assumed)${hasData ? '' : ` (${NO_DATA})`}`,
      () => {
        const pack = packOf(name);
        const undocumented: string[] = [];
        const misfiled: string[] = [];
        for (const inj of pack.injects) {
          const groups = inj.tags.groups;
          if (groups.length === 0) continue;
          const documented = (t: string) => groups.some((g) => ref?.groupTechniques.get(g)?.has(t));
          for (const t of inj.tags.attack) {
            if (!documented(t)) undocumented.push(`${inj.id}: ${t} (${ref?.attack.get(t) ?? '?'}) is not documented for ${groups.join('/')}`);
          }
          for (const t of inj.tags.assumed) {
            if (documented(t)) misfiled.push(`${inj.id}: ${t} is documented for ${groups.join('/')} — move it from tags.assumed to tags.attack`);
          }
        }
        expect(undocumented, 'techniques not documented for the named groups: move them to tags.assumed').toEqual([]);
        expect(misfiled).toEqual([]);
      },
    );

    it('exercises every objective through an inject with expected actions', () => {
      const pack = packOf(name);
      const covered = new Set(pack.injects.filter((i) => i.expectedActions.length > 0).flatMap((i) => i.objectives));
      const missing = pack.objectives.map((o) => o.id).filter((o) => !covered.has(o));
      expect(missing, 'objectives without an inject that has expected actions').toEqual([]);
    });

    it('gives every team at least one inject', () => {
      const pack = packOf(name);
      const reached = new Set(pack.injects.flatMap((i) => targets(pack, i)));
      expect(pack.teams.map((t) => t.id).filter((t) => !reached.has(t))).toEqual([]);
    });

    it('marks every intel report with a TLP', () => {
      const pack = packOf(name);
      expect(pack.injects.filter((i) => i.channel === 'intel' && !i.tlp).map((i) => i.id)).toEqual([]);
    });

    it('uses documentation-reserved IP addresses, e-mail domains and URL hosts only', () => {
      const pack = packOf(name);
      const bad: string[] = [];
      for (const inj of pack.injects) {
        const text = injectText(inj);
        for (const m of text.matchAll(IPV4)) {
          const ip = m[0];
          if (!RESERVED_V4.some((p) => ip.startsWith(p))) bad.push(`${inj.id}: IP ${ip}`);
        }
        for (const m of text.matchAll(EMAIL)) if (!RESERVED_DOMAIN.test(m[1] ?? '')) bad.push(`${inj.id}: e-mail ${m[0]}`);
        for (const m of text.matchAll(URL_HOST)) if (!RESERVED_DOMAIN.test(m[1] ?? '')) bad.push(`${inj.id}: URL host ${m[1]}`);
      }
      expect(bad, 'values outside RFC 5737 / RFC 2606 reserved ranges').toEqual([]);
    });

    it.runIf(library)('grounds every inject in public reporting (facilitator notes naming a dated source)', () => {
      const pack = packOf(name);
      const ungrounded = pack.injects.filter((i) => !i.facilitatorNotes || !/\b(19|20)\d\d\b/.test(i.facilitatorNotes)).map((i) => i.id);
      expect(ungrounded).toEqual([]);
    });

    it.runIf(library)('gives every inject that asks for a response scored actions, response options with distractors and a target time', () => {
      const pack = packOf(name);
      const problems: string[] = [];
      for (const inj of pack.injects) {
        if (inj.responseOptions.length === 0 && inj.expectedActions.length === 0) continue;
        if (inj.expectedActions.length === 0) problems.push(`${inj.id}: response options but no expected actions`);
        if (!inj.respondWithin) problems.push(`${inj.id}: no respondWithin`);
        const credited = new Set(inj.expectedActions.flatMap((a) => a.options));
        for (const a of inj.expectedActions) {
          if (a.options.length === 0) problems.push(`${inj.id}/${a.id}: expected action linked to no response option`);
          if (a.points <= 0) problems.push(`${inj.id}/${a.id}: no points`);
        }
        if (!inj.responseOptions.some((o) => !credited.has(o.id))) problems.push(`${inj.id}: no distractor among the response options`);
      }
      expect(problems).toEqual([]);
    });

    it.runIf(library)('branches on every outcome of every decision (options, blocked and timed-out)', () => {
      const pack = packOf(name);
      const referenced = new Set(
        pack.injects.flatMap((i) => (i.trigger?.type === 'decision-outcome' ? [`${i.trigger.decision}:${i.trigger.outcome}`] : [])),
      );
      const missing: string[] = [];
      for (const inj of pack.injects) {
        const d = inj.decision;
        if (!d) continue;
        const canBlock = d.mode === 'consensus' && d.allowBlock;
        const outcomes = [...d.options.map((o) => o.id), ...(canBlock ? ['blocked'] : []), 'timed-out'];
        for (const o of outcomes) if (!referenced.has(`${d.id}:${o}`)) missing.push(`${d.id}:${o}`);
      }
      expect(missing, 'decision outcomes without a decision-outcome trigger').toEqual([]);
    });

    it.runIf(library)('has at least one decision and one contingency inject', () => {
      const pack = packOf(name);
      expect(pack.injects.filter((i) => i.decision).length).toBeGreaterThanOrEqual(1);
      expect(pack.injects.filter((i) => i.trigger?.type === 'contingency').length).toBeGreaterThanOrEqual(1);
    });

    it.runIf(library)('delivers clock-released injects to every team in every phase', () => {
      const pack = packOf(name);
      const times = clockTimes(pack);
      const seen = new Set<string>();
      for (const inj of pack.injects) {
        if (!times.has(inj.id)) continue; // conditional injects (branches, contingencies) are not guaranteed
        const phase = phaseOf(pack, inj, times.get(inj.id));
        if (phase) for (const t of targets(pack, inj)) seen.add(`${phase}|${t}`);
      }
      const gaps = pack.phases.flatMap((p) => pack.teams.filter((t) => !seen.has(`${p.id}|${t.id}`)).map((t) => `${t.id} gets nothing in ${p.id}`));
      expect(gaps).toEqual([]);
    });
  });

  describe(`main pack (${MAIN_PACK})`, () => {
    it('has at least 40 injects, 3 consensus decisions and 3 contingency injects', () => {
      const pack = packOf(MAIN_PACK);
      expect(pack.injects.length).toBeGreaterThanOrEqual(40);
      expect(pack.injects.filter((i) => i.decision?.mode === 'consensus').length).toBeGreaterThanOrEqual(3);
      expect(pack.injects.filter((i) => i.trigger?.type === 'contingency').length).toBeGreaterThanOrEqual(3);
    });

    it('has the five teams of the brief', () => {
      const pack = packOf(MAIN_PACK);
      expect(pack.teams.map((t) => t.id).sort()).toEqual(['legal-policy', 'logistics', 'nato-cyber', 'rok-cert', 'stratcom']);
    });

    it('runs about four hours', () => {
      const pack = packOf(MAIN_PACK);
      const hours = parseDurationMs(pack.duration) / 3_600_000;
      expect(hours).toBeGreaterThanOrEqual(3.5);
      expect(hours).toBeLessThanOrEqual(4.5);
    });

    it('references each decision option through a decision-outcome trigger', () => {
      const pack = packOf(MAIN_PACK);
      const referenced = new Set(
        pack.injects.flatMap((i) => (i.trigger?.type === 'decision-outcome' ? [`${i.trigger.decision}:${i.trigger.outcome}`] : [])),
      );
      const missing = pack.injects.flatMap((i) => (i.decision ? i.decision.options.map((o) => `${i.decision?.id}:${o.id}`) : [])).filter((k) => !referenced.has(k));
      expect(missing).toEqual([]);
    });

    it('tags disinformation injects with DISARM ids and covers all four DPRK groups', () => {
      const pack = packOf(MAIN_PACK);
      expect(pack.injects.filter((i) => i.tags.disarm.length > 0).length).toBeGreaterThanOrEqual(5);
      const groups = new Set(pack.injects.flatMap((i) => i.tags.groups));
      for (const g of ['G0032', 'G0082', 'G0094', 'G0138']) expect([...groups]).toContain(g);
    });
  });

  describe.each([
    ['crypto-bridge-heist', 60, 90],
    ['deepfake-surge', 45, 60],
  ] as const)('drill %s', (name, minMinutes, maxMinutes) => {
    it(`runs ${minMinutes}–${maxMinutes} minutes with 8–12 injects and 2–3 teams`, () => {
      const pack = packOf(name);
      const minutes = parseDurationMs(pack.duration) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(minMinutes);
      expect(minutes).toBeLessThanOrEqual(maxMinutes);
      expect(pack.injects.length).toBeGreaterThanOrEqual(8);
      expect(pack.injects.length).toBeLessThanOrEqual(12);
      expect(pack.teams.length).toBeGreaterThanOrEqual(2);
      expect(pack.teams.length).toBeLessThanOrEqual(3);
    });
  });
});

describe('CSV splitting', () => {
  it('handles quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('T0048.001,"Boycott/""Cancel"" Opponents",drive-online-harms')).toEqual([
      'T0048.001',
      'Boycott/"Cancel" Opponents',
      'drive-online-harms',
    ]);
    expect(splitCsvLine('T1001,"Data Obfuscation, Junk",command-and-control')).toEqual(['T1001', 'Data Obfuscation, Junk', 'command-and-control']);
    expect(splitCsvLine('a,,c')).toEqual(['a', '', 'c']);
  });
});
