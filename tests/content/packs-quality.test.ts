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
import {
  parseDurationMs,
  parseOffsetMs,
  type Inject,
  type ScenarioPack,
} from '../../backend/src/scenarios/pack/pack-schema.js';
import { releaseWindows, storyContinuityBreaks, teamLoads } from './pack-timing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const injectsRoot = path.join(repoRoot, 'injects');
// the shared reference data sits beside the repository; TTX_REFERENCE_DATA points elsewhere (e.g. from a worktree)
const dataDir = process.env.TTX_REFERENCE_DATA ?? path.resolve(repoRoot, '../shared/data');

/** The main pack and its minimum size. */
const MAIN_PACK = 'korean-peninsula';
/** The 90-minute discussion edition of the main pack. */
const DISCUSSION_PACK = 'korean-peninsula-discussion';
/** Packs of the scenario library (the demo pack used by engine tests is held to the general rules only). */
const LIBRARY_PACKS = new Set([MAIN_PACK, DISCUSSION_PACK, 'crypto-bridge-heist', 'deepfake-surge']);
/** Packs whose shared injects must name, for every expected action, the teams it is expected of. */
const PER_TEAM_PACKS = new Set([MAIN_PACK, DISCUSSION_PACK, 'crypto-bridge-heist', 'deepfake-surge']);

/**
 * Pacing, per pack: the response-minutes released to each team in every full window stay within
 * [min, max], and no team waits longer than `maxIdleMinutes` with no response work in hand.
 */
interface Pacing {
  windowMinutes: number;
  min: number;
  max: number;
  maxIdleMinutes: number;
}
const PACING: Record<string, Pacing> = {
  [MAIN_PACK]: { windowMinutes: 30, min: 15, max: 75, maxIdleMinutes: 25 },
  [DISCUSSION_PACK]: { windowMinutes: 30, min: 20, max: 60, maxIdleMinutes: 25 },
  'crypto-bridge-heist': { windowMinutes: 30, min: 15, max: 60, maxIdleMinutes: 15 },
  'deepfake-surge': { windowMinutes: 30, min: 15, max: 60, maxIdleMinutes: 15 },
  // the engine-test pack: one idle half-hour for the comms team is part of its test design
  demo: { windowMinutes: 30, min: 0, max: 60, maxIdleMinutes: 20 },
};
/** Continuity: how far apart (exercise minutes) two injects must be released to be ordered, and how far back in story time (minutes) a later one may be set. */
const CONTINUITY = { gapMinutes: 3, slackMinutes: 10 };

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
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const DATA_FILES = [
  'attack/techniques.csv',
  'attack/groups.csv',
  'attack/group-techniques.csv',
  'disarm/techniques.csv',
];
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
const loaded = folders.map((folder) => ({
  name: path.basename(folder),
  folder,
  result: loadPackFolder(folder, injectsRoot),
}));

function packOf(name: string): ScenarioPack {
  const entry = loaded.find((l) => l.name === name);
  if (!entry) throw new Error(`pack ${name} not found in ${injectsRoot}`);
  if (!entry.result.ok)
    throw new Error(`pack ${name} is invalid:\n${entry.result.errors.map(formatPackError).join('\n')}`);
  return entry.result.source.pack;
}

const targets = (pack: ScenarioPack, inj: Inject): string[] =>
  inj.to === 'all' ? pack.teams.map((t) => t.id) : inj.to;

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
      if (!entry.result.ok)
        console.error(`pack ${name} has errors:\n${entry.result.errors.map(formatPackError).join('\n')}`);
      expect(entry.result.ok).toBe(true);
    });

    it.skipIf(!hasData)(`uses ATT&CK technique ids that exist in ATT&CK${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown: string[] = [];
      for (const inj of pack.injects) {
        for (const t of [...inj.tags.attack, ...inj.tags.assumed])
          if (!ref?.attack.has(t)) unknown.push(`${inj.id}: ${t}`);
      }
      expect(unknown, 'unknown ATT&CK technique ids').toEqual([]);
    });

    it.skipIf(!hasData)(`uses DISARM technique ids that exist in DISARM${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown = pack.injects.flatMap((inj) =>
        inj.tags.disarm.filter((t) => !ref?.disarm.has(t)).map((t) => `${inj.id}: ${t}`),
      );
      expect(unknown, 'unknown DISARM technique ids').toEqual([]);
    });

    it.skipIf(!hasData)(`names ATT&CK groups that exist${hasData ? '' : ` (${NO_DATA})`}`, () => {
      const pack = packOf(name);
      const unknown = [
        ...pack.threatActors.filter((g) => !ref?.groups.has(g)).map((g) => `threatActors: ${g}`),
        ...pack.injects.flatMap((inj) =>
          inj.tags.groups.filter((g) => !ref?.groups.has(g)).map((g) => `${inj.id}: ${g}`),
        ),
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
            if (!documented(t))
              undocumented.push(
                `${inj.id}: ${t} (${ref?.attack.get(t) ?? '?'}) is not documented for ${groups.join('/')}`,
              );
          }
          for (const t of inj.tags.assumed) {
            if (documented(t))
              misfiled.push(
                `${inj.id}: ${t} is documented for ${groups.join('/')} — move it from tags.assumed to tags.attack`,
              );
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
        for (const m of text.matchAll(EMAIL))
          if (!RESERVED_DOMAIN.test(m[1] ?? '')) bad.push(`${inj.id}: e-mail ${m[0]}`);
        for (const m of text.matchAll(URL_HOST))
          if (!RESERVED_DOMAIN.test(m[1] ?? '')) bad.push(`${inj.id}: URL host ${m[1]}`);
      }
      expect(bad, 'values outside RFC 5737 / RFC 2606 reserved ranges').toEqual([]);
    });

    it.runIf(library)('grounds every inject in public reporting (facilitator notes naming a dated source)', () => {
      const pack = packOf(name);
      const ungrounded = pack.injects
        .filter((i) => !i.facilitatorNotes || !/\b(19|20)\d\d\b/.test(i.facilitatorNotes))
        .map((i) => i.id);
      expect(ungrounded).toEqual([]);
    });

    it.runIf(library)(
      'gives every inject that asks for a response scored actions, response options with distractors and a target time',
      () => {
        const pack = packOf(name);
        const problems: string[] = [];
        for (const inj of pack.injects) {
          if (inj.responseOptions.length === 0 && inj.expectedActions.length === 0) continue;
          if (inj.expectedActions.length === 0) problems.push(`${inj.id}: response options but no expected actions`);
          if (!inj.respondWithin) problems.push(`${inj.id}: no respondWithin`);
          const credited = new Set(inj.expectedActions.flatMap((a) => a.options));
          for (const a of inj.expectedActions) if (a.points <= 0) problems.push(`${inj.id}/${a.id}: no points`);
          // judgement calls (no options) are for the evaluator; the options still need something to score
          if (inj.responseOptions.length > 0 && credited.size === 0)
            problems.push(`${inj.id}: no expected action is linked to a response option`);
          if (!inj.responseOptions.some((o) => !credited.has(o.id)))
            problems.push(`${inj.id}: no distractor among the response options`);
        }
        expect(problems).toEqual([]);
      },
    );

    it.runIf(PER_TEAM_PACKS.has(name))(
      'names, on every inject for several teams, the teams each expected action is expected of',
      () => {
        const pack = packOf(name);
        const unnamed = pack.injects
          .filter((i) => targets(pack, i).length > 1)
          .flatMap((i) => i.expectedActions.filter((a) => !a.teams).map((a) => `${i.id}/${a.id}`));
        expect(unnamed, 'a team is scored only against its own actions: add teams: [...]').toEqual([]);
      },
    );

    it.runIf(PER_TEAM_PACKS.has(name))(
      'gives every team something to score on each inject it must answer, and marks its worst options as costed distractors',
      () => {
        const pack = packOf(name);
        const empty: string[] = [];
        for (const inj of pack.injects) {
          if (!inj.respondWithin || inj.expectedActions.length === 0) continue;
          for (const t of targets(pack, inj)) {
            const own = inj.expectedActions.filter((a) => !a.teams || a.teams.includes(t));
            const votes = inj.decision ? (inj.decision.members ?? targets(pack, inj)).includes(t) : false;
            if (own.length === 0 && !votes) empty.push(`${inj.id}: nothing expected of ${t}`);
          }
        }
        expect(empty, 'a team asked to respond must be scored on something (or not receive the inject)').toEqual([]);
        const costed = pack.injects.flatMap((i) => i.responseOptions.filter((o) => o.distractor));
        expect(costed.length, 'distractors that cost points or cap the score').toBeGreaterThanOrEqual(
          name === MAIN_PACK ? 20 : 4,
        );
        expect(
          costed.filter((o) => o.distractor && o.distractor.why.length < 20).map((o) => o.id),
          'every costed distractor says why it is wrong',
        ).toEqual([]);
      },
    );

    it('keeps each team busy but not swamped (pacing rule, configured per pack)', () => {
      const pack = packOf(name);
      const pacing = PACING[name];
      expect(pacing, `pacing settings for ${name} in PACING`).toBeDefined();
      if (!pacing) return;
      const endMin = parseDurationMs(pack.duration) / 60_000;
      const problems: string[] = [];
      for (const load of teamLoads(pack, pacing.windowMinutes)) {
        load.perWindow.forEach((minutes, k) => {
          const from = k * pacing.windowMinutes;
          const full = from + pacing.windowMinutes <= endMin;
          const at = `T+${Math.floor(from / 60)}:${String(from % 60).padStart(2, '0')}`;
          if (minutes > pacing.max)
            problems.push(
              `${load.teamId}: ${minutes} response-minutes asked in the window from ${at} (max ${pacing.max})`,
            );
          if (full && minutes < pacing.min)
            problems.push(
              `${load.teamId}: ${minutes} response-minutes asked in the window from ${at} (min ${pacing.min})`,
            );
        });
        if (load.longestIdle.minutes > pacing.maxIdleMinutes)
          problems.push(
            `${load.teamId}: idle ${load.longestIdle.minutes} min from T+${load.longestIdle.from} min to T+${load.longestIdle.to} min (max ${pacing.maxIdleMinutes})`,
          );
      }
      expect(problems).toEqual([]);
    });

    it('sets every inject in story time after what certainly came before it (continuity rule)', () => {
      const pack = packOf(name);
      expect(storyContinuityBreaks(pack, CONTINUITY.gapMinutes, CONTINUITY.slackMinutes)).toEqual([]);
    });

    it.runIf(library)('branches on every outcome of every decision (options, blocked and timed-out)', () => {
      const pack = packOf(name);
      const referenced = new Set(
        pack.injects.flatMap((i) =>
          i.trigger?.type === 'decision-outcome' ? [`${i.trigger.decision}:${i.trigger.outcome}`] : [],
        ),
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
      const gaps = pack.phases.flatMap((p) =>
        pack.teams.filter((t) => !seen.has(`${p.id}|${t.id}`)).map((t) => `${t.id} gets nothing in ${p.id}`),
      );
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
      expect(pack.teams.map((t) => t.id).sort()).toEqual([
        'legal-policy',
        'logistics',
        'nato-cyber',
        'rok-cert',
        'stratcom',
      ]);
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
        pack.injects.flatMap((i) =>
          i.trigger?.type === 'decision-outcome' ? [`${i.trigger.decision}:${i.trigger.outcome}`] : [],
        ),
      );
      const missing = pack.injects
        .flatMap((i) => (i.decision ? i.decision.options.map((o) => `${i.decision?.id}:${o.id}`) : []))
        .filter((k) => !referenced.has(k));
      expect(missing).toEqual([]);
    });

    it('lets Allies decide: the ROK partner never votes, and a team never votes on its own request', () => {
      const pack = packOf(MAIN_PACK);
      const voters = pack.injects.flatMap((i) =>
        i.decision?.mode === 'consensus'
          ? [{ id: i.decision.id, members: i.decision.members ?? targets(pack, i) }]
          : [],
      );
      expect(voters.filter((d) => d.members.includes('rok-cert')).map((d) => d.id)).toEqual([]);
      // every Allied delegation (the four voting teams) votes on every consensus decision
      for (const d of voters)
        expect([...d.members].sort(), d.id).toEqual(['legal-policy', 'logistics', 'nato-cyber', 'stratcom']);
      // each voting team has a position card from EXCON before the first decision
      const firstDecision = Math.min(
        ...pack.injects.filter((i) => i.decision).map((i) => (i.offset ? parseOffsetMs(i.offset) : Infinity)),
      );
      const cards = pack.injects.filter(
        (i) => i.id.startsWith('kp-card-') && i.offset && parseOffsetMs(i.offset) < firstDecision,
      );
      expect(new Set(cards.flatMap((c) => targets(pack, c)))).toEqual(new Set(pack.teams.map((t) => t.id)));
    });

    it('never has two consensus decisions open at once', () => {
      const pack = packOf(MAIN_PACK);
      const windows = releaseWindows(pack);
      const open = pack.injects
        .flatMap((i) =>
          i.decision
            ? [
                {
                  id: i.decision.id,
                  from: windows.get(i.id)?.lo ?? 0,
                  to: (windows.get(i.id)?.hi ?? 0) + parseDurationMs(i.decision.deadline),
                },
              ]
            : [],
        )
        .sort((a, b) => a.from - b.from);
      const overlaps = open
        .slice(1)
        .filter((d, k) => d.from < (open[k]?.to ?? 0))
        .map((d) => d.id);
      expect(overlaps).toEqual([]);
    });

    it('plays the coverage add-on: Article 4, Yeonpyeong for all teams, NEO, US backfill, Europe, Japan/IP4, countermeasures, USFK/CFC', () => {
      const pack = packOf(MAIN_PACK);
      const byId = new Map(pack.injects.map((i) => [i.id, i]));
      const addOn = [
        'kp-usfk-cfc-context',
        'kp-yeonpyeong-sitrep',
        'kp-neo-refugees',
        'kp-us-backfill-request',
        'kp-article4-request',
        'kp-russia-europe-escalation',
        'kp-japan-ip4',
        'kp-countermeasures-option',
      ];
      for (const id of addOn) {
        const inj = byId.get(id);
        expect(inj, id).toBeDefined();
        expect(
          (inj?.tags.attack.length ?? 0) + (inj?.tags.disarm.length ?? 0) + (inj?.tags.assumed.length ?? 0),
          `${id} carries ATT&CK or DISARM tags`,
        ).toBeGreaterThan(0);
        expect(inj?.offset, `${id} is always released`).toBeDefined();
      }
      expect(byId.get('kp-yeonpyeong-sitrep')?.to).toBe('all');
      expect(byId.get('kp-article4-request')?.body).toMatch(/Article 4/);
      expect(byId.get('kp-article4-request')?.facilitatorNotes).toMatch(/Brussels Summit Communiqué \(14 June\s+2021/);
    });

    it('tags disinformation injects with DISARM ids and covers all four DPRK groups', () => {
      const pack = packOf(MAIN_PACK);
      expect(pack.injects.filter((i) => i.tags.disarm.length > 0).length).toBeGreaterThanOrEqual(5);
      const groups = new Set(pack.injects.flatMap((i) => i.tags.groups));
      for (const g of ['G0032', 'G0082', 'G0094', 'G0138']) expect([...groups]).toContain(g);
    });
  });

  describe(`90-minute discussion edition (${DISCUSSION_PACK})`, () => {
    it('runs 90 minutes in three modules, playable by one to three teams (every module reaches every team)', () => {
      const pack = packOf(DISCUSSION_PACK);
      expect(parseDurationMs(pack.duration)).toBe(90 * 60_000);
      expect(pack.phases.map((p) => p.id)).toEqual(['module-1', 'module-2', 'module-3']);
      expect(pack.teams.length).toBeGreaterThanOrEqual(1);
      expect(pack.teams.length).toBeLessThanOrEqual(3);
      const onTheClock = pack.injects.filter((i) => i.offset);
      expect(
        onTheClock.filter((i) => i.to !== 'all').map((i) => i.id),
        'clock injects that a lone team would miss',
      ).toEqual([]);
      // team-mode decisions only: each group decides for itself, so a missing group blocks nobody
      expect(pack.injects.filter((i) => i.decision && i.decision.mode !== 'team').map((i) => i.id)).toEqual([]);
    });

    it('opens each module with a situation update carrying at least three discussion questions and sponsor placeholders', () => {
      const pack = packOf(DISCUSSION_PACK);
      for (const phase of pack.phases) {
        const start = pack.injects.find((i) => i.phase === phase.id && /^MODULE \d/.test(i.subject));
        expect(start, `${phase.id} situation update`).toBeDefined();
        const questions = start?.body.split('QUESTIONS FOR DISCUSSION')[1] ?? '';
        expect(questions.match(/^\s*\d\. /gm)?.length ?? 0, `${phase.id} discussion questions`).toBeGreaterThanOrEqual(
          3,
        );
        expect(start?.body, `${phase.id} sponsor placeholder`).toMatch(/\[SPONSOR: [^\]]+\]/);
      }
    });

    it('breaks for a plenary between modules and ends with a plenary hotwash', () => {
      const pack = packOf(DISCUSSION_PACK);
      const plenaries = pack.injects
        .filter((i) => /^PLENARY/.test(i.subject) && i.offset)
        .map((i) => parseOffsetMs(i.offset ?? 'T+00:00') / 60_000);
      const moduleStarts = pack.phases.map((p) => parseOffsetMs(p.start) / 60_000);
      for (let k = 1; k < moduleStarts.length; k++) {
        expect(
          plenaries.some((m) => m < (moduleStarts[k] ?? 0) && m >= (moduleStarts[k] ?? 0) - 10),
          `a plenary before module ${k + 1}`,
        ).toBe(true);
      }
      expect(Math.max(...plenaries), 'the hotwash closes the session').toBeGreaterThanOrEqual(75);
    });

    it('carries a consolidated evaluation plan covering every objective', () => {
      const pack = packOf(DISCUSSION_PACK);
      const plan =
        pack.injects.map((i) => i.facilitatorNotes ?? '').find((n) => n.includes('CONSOLIDATED EVALUATION PLAN')) ?? '';
      expect(plan, 'evaluation plan in the facilitator notes').not.toBe('');
      for (const o of pack.objectives)
        expect(plan, `evaluation plan row for ${o.id}`).toMatch(
          new RegExp(`\\| ${o.id} \\| ${o.coreCapability.split(' (')[0]}`),
        );
      // every module has at least one judgement call for the evaluator
      for (const phase of pack.phases) {
        expect(
          pack.injects.some((i) => i.phase === phase.id && i.expectedActions.some((a) => a.options.length === 0)),
          `${phase.id} judgement call`,
        ).toBe(true);
      }
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
    expect(splitCsvLine('T1001,"Data Obfuscation, Junk",command-and-control')).toEqual([
      'T1001',
      'Data Obfuscation, Junk',
      'command-and-control',
    ]);
    expect(splitCsvLine('a,,c')).toEqual(['a', '', 'c']);
  });
});
