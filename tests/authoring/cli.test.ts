import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { REPO_ROOT } from '../support/app-process.js';

const ttx = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('ttx command line for authors who work in git', () => {
  it('exports a pack as an MSEL and imports it back (XLSX and CSV)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-'));
    const demo = loadPackFolder(join(REPO_ROOT, 'injects', 'demo'));
    if (!demo.ok) throw new Error('demo pack invalid');
    for (const ext of ['xlsx', 'csv']) {
      const exported = ttx('msel', 'export', join(REPO_ROOT, 'injects', 'demo'), join(dir, `demo.${ext}`));
      expect(exported.status, exported.stderr).toBe(0);
      const imported = ttx('msel', 'import', join(dir, `demo.${ext}`), '--pack-id', 'demo', '--out', join(dir, `back-${ext}`));
      expect(imported.status, imported.stderr).toBe(0);
      const back = loadPackFolder(join(dir, `back-${ext}`));
      expect(back.ok).toBe(true);
      if (back.ok) {
        expect(back.source.pack.injects.map((i) => [i.id, i.offset ?? null, i.subject]).sort()).toEqual(demo.source.pack.injects.map((i) => [i.id, i.offset ?? null, i.subject]).sort());
      }
    }
  });

  it('fails with a clear message and a non-zero exit on a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-bad-'));
    writeFileSync(join(dir, 'broken.csv'), 'Event,Time,Message\n1,later,\n');
    const r = ttx('msel', 'import', join(dir, 'broken.csv'), '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.csv: no row became an inject/);
    const missing = ttx('import-openaev', join(dir, 'nope.zip'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope\.zip/);
    expect(ttx('msel').status).toBe(2);
  });
});
