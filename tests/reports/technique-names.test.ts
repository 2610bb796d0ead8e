/**
 * The report's table of ATT&CK and DISARM names (backend/src/reports/technique-names.ts) against the
 * reference data in shared/data: every name as the knowledge base spells it, and every id a shipped
 * pack uses is in the table (a new pack's new technique cannot go unnamed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import {
  ATTACK_GROUP_NAMES,
  ATTACK_TECHNIQUE_NAMES,
  DISARM_TECHNIQUE_NAMES,
} from '../../backend/src/reports/technique-names.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// shared/ sits beside the repository (CI) or beside the folder of work trees
const dataDir = [path.resolve(repoRoot, '../shared/data'), path.resolve(repoRoot, '../../shared/data')].find((d) =>
  existsSync(path.join(d, 'attack/techniques.csv')),
);

function namesById(file: string): Map<string, string> {
  const split = (line: string) => {
    const out: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] ?? '';
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        out.push(cell);
        cell = '';
      } else cell += c;
    }
    out.push(cell);
    return out;
  };
  const [head = '', ...lines] = readFileSync(path.join(dataDir ?? '', file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const cols = split(head);
  const id = cols.indexOf('id');
  const name = cols.indexOf('name');
  return new Map(lines.map((l) => split(l)).map((c) => [c[id] ?? '', c[name] ?? '']));
}

describe.skipIf(!dataDir)('ATT&CK and DISARM names in the report', () => {
  it('spells every name as ATT&CK v18.1 and DISARM do', () => {
    const check = (table: Readonly<Record<string, string>>, file: string) => {
      const ref = namesById(file);
      const wrong = Object.entries(table)
        .filter(([id, name]) => ref.get(id) !== name)
        .map(([id, name]) => `${id}: “${name}”, reference says “${ref.get(id) ?? '(no such id)'}”`);
      expect(wrong, file).toEqual([]);
    };
    check(ATTACK_GROUP_NAMES, 'attack/groups.csv');
    check(ATTACK_TECHNIQUE_NAMES, 'attack/techniques.csv');
    check(DISARM_TECHNIQUE_NAMES, 'disarm/techniques.csv');
  });

  it('names every group and technique a shipped pack uses', () => {
    const root = path.join(repoRoot, 'injects');
    const missing: string[] = [];
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const r = loadPackFolder(path.join(root, d.name));
      if (!r.ok) continue;
      const p = r.source.pack;
      for (const g of p.threatActors) if (!ATTACK_GROUP_NAMES[g]) missing.push(`${d.name}: group ${g}`);
      for (const i of p.injects) {
        for (const t of [...i.tags.attack, ...i.tags.assumed])
          if (!ATTACK_TECHNIQUE_NAMES[t]) missing.push(`${d.name}/${i.id}: ATT&CK ${t}`);
        for (const t of i.tags.disarm) if (!DISARM_TECHNIQUE_NAMES[t]) missing.push(`${d.name}/${i.id}: DISARM ${t}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

if (!dataDir)
  console.warn('[technique-names] reference data (shared/data) not found beside the repository: names not checked');
