import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder, type PackError } from '../../backend/src/scenarios/pack/pack-loader.js';
import { packJsonSchema } from '../../backend/src/scenarios/pack/pack-json-schema.js';
import { REPO_ROOT } from '../support/app-process.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'packs');

function errorsOf(name: string): PackError[] {
  const r = loadPackFolder(join(FIXTURES, name), FIXTURES);
  if (r.ok) throw new Error(`${name} should not load`);
  return r.errors;
}

describe('scenario pack loader', () => {
  it.each([
    // fixture, file, line, field path, message
    ['bad-yaml', 'bad-yaml/pack.yaml', 7, '(yaml)', /flow sequence|Missing|expected/i],
    ['unknown-team', 'unknown-team/pack.yaml', 11, 'injects[0].to[1]', /unknown team "purple"/],
    ['bad-offset', 'bad-offset/pack.yaml', 10, 'injects[0].offset', /T\+01:30/],
    ['missing-field', 'missing-field/pack.yaml', 9, 'injects[0].subject', /required/],
    ['missing-field', 'missing-field/pack.yaml', 9, 'injects[0]', /unknown field\(s\): respond_within/],
    ['trigger-cycle', 'trigger-cycle/pack.yaml', 10, 'injects[0].trigger', /trigger cycle: a → b → a/],
    ['trigger-cycle', 'trigger-cycle/pack.yaml', 24, 'injects[2].trigger.inject', /unknown inject "nowhere"/],
    ['dup-ids', 'dup-ids/pack.yaml', 18, 'injects[1].id', /duplicate inject id "same"/],
    ['dup-ids', 'dup-ids/pack.yaml', 25, 'injects[1].objectives[0]', /unknown objective "obj-2"/],
    ['split-file', 'split-file/injects/01-phase.yaml', 12, 'injects[1].channel', /email|news/],
  ] as const)('%s: reports %s:%i at %s', (fixture, file, line, path, message) => {
    const errors = errorsOf(fixture);
    const hit = errors.find((e) => e.file === file && e.path === path && message.test(e.message));
    expect(hit, `got: ${JSON.stringify(errors, null, 1)}`).toBeDefined();
    expect(hit?.line).toBe(line);
    expect(hit?.column).toBeGreaterThan(0);
  });

  it('reports an offset after the end of the exercise', () => {
    const e = errorsOf('late-offset').find((x) => x.path === 'injects[1].offset');
    expect(e?.message).toMatch(/after the end of the exercise/);
    expect(e?.line).toBe(17);
  });

  it('loads the shipped demo pack with its version hash', () => {
    const r = loadPackFolder(join(REPO_ROOT, 'injects', 'demo'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.source.pack.teams).toHaveLength(3);
      expect(r.source.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('keeps injects/scenario.schema.json in step with the schema in the code', () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'injects', 'scenario.schema.json'), 'utf8'));
    expect(committed).toEqual(packJsonSchema());
  });

  it('`npm run ttx -- validate` exits non-zero with file:line:column on a broken pack, zero on good ones', () => {
    const bad = spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), 'validate', join(FIXTURES, 'unknown-team')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown-team\/pack\.yaml:11:\d+ injects\[0\]\.to\[1\]: unknown team "purple"/);
    const good = spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), 'validate', join(REPO_ROOT, 'injects', 'demo')], { encoding: 'utf8' });
    expect(good.stdout).toMatch(/ok +demo/);
    expect(good.status).toBe(0);
  });
});
