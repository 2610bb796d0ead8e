import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it.each([
    // a translation may not change channels, timing or ids: every attempt is refused at its line
    [
      'bad-translation/translations/ko/02.yaml',
      4,
      'injects.alert.channel',
      /unknown field\(s\): channel, offset: a translation may not change ids, recipients, channels, timing or scoring/,
    ],
    [
      'bad-translation/translations/ko/03.yaml',
      4,
      'injects.alert.colour',
      /unknown field\(s\): colour \(a translation holds only the text fields/,
    ],
    [
      'bad-translation/translations/ko/01.yaml',
      10,
      'injects.alert.responseOptions.allow',
      /unknown response option "allow" \(options: block\)/,
    ],
    [
      'bad-translation/translations/ko/01.yaml',
      15,
      'injects.alert.decision.options.later',
      /unknown decision option "later"/,
    ],
    // a distractor's why translates only an option the source marks as a distractor
    [
      'bad-translation/translations/ko/01.yaml',
      17,
      'injects.alert.distractors.block',
      /response option "block" is not a distractor in the source: it has no why to translate/,
    ],
    [
      'bad-translation/translations/ko/01.yaml',
      18,
      'injects.alert.distractors.allow',
      /unknown response option "allow" \(options: block\)/,
    ],
    ['bad-translation/translations/ko/01.yaml', 20, 'injects.nowhere', /unknown inject "nowhere"/],
    ['bad-translation/translations/ko/01.yaml', 4, 'pack.teams.purple', /unknown team "purple"/],
    ['bad-translation/translations/english', 1, '(folder)', /"english" is not a language tag/],
  ] as const)('translations: reports %s:%i at %s', (file, line, path, message) => {
    const errors = errorsOf('bad-translation');
    const hit = errors.find((e) => e.file === file && e.path === path && message.test(e.message));
    expect(hit, `got: ${JSON.stringify(errors, null, 1)}`).toBeDefined();
    expect(hit?.line).toBe(line);
  });

  it('merges a translation into the pack, keyed by the source ids; a missing text falls back to the source and is named', async () => {
    const r = loadPackFolder(join(FIXTURES, 'good-translation'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const ko = r.source.pack.translations?.ko;
    expect(ko?.pack.title).toBe('좋은 번역');
    expect(ko?.injects.alert?.responseOptions).toEqual({ block: '발신자 차단' });
    const { localiseInject, packLanguages } = await import('../../backend/src/scenarios/pack/pack-translations.js');
    expect(packLanguages(r.source.pack)).toEqual(['en', 'ko']);
    const alert = r.source.pack.injects.find((i) => i.id === 'alert');
    if (!alert) throw new Error('no alert');
    const local = localiseInject(alert, r.source.pack, 'ko');
    expect(local.inject.subject).toBe('경보');
    expect(local.inject.responseOptions.map((o) => o.label)).toEqual(['발신자 차단', 'Ignore it']);
    // the missing label falls back to the source and is named; ids, channel, timing untouched
    expect(local.content).toEqual({ language: 'ko', untranslated: ['responseOptions.ignore'] });
    // the distractor's why (read in the score breakdown) is translated; its penalty is the source's
    expect(local.inject.responseOptions.find((o) => o.id === 'ignore')?.distractor).toEqual({
      why: '피싱 메일이 계속 수신함에 들어옵니다',
      penalty: 5,
    });
    expect({
      id: local.inject.id,
      channel: local.inject.channel,
      offset: local.inject.offset,
      to: local.inject.to,
    }).toEqual({ id: 'alert', channel: 'email', offset: 'T+00:05', to: ['blue'] });
    expect(localiseInject(alert, r.source.pack, 'en').content).toEqual({ language: 'en', untranslated: [] });
    // without a word of translation the copy is in the source language, every field named
    const bare = { ...r.source.pack, translations: {} };
    expect(localiseInject(alert, bare, 'ko').content.language).toBe('en');
    expect(localiseInject(alert, bare, 'ko').content.untranslated).toContain('body');
  });

  it('exports a translated pack as pack.yaml plus translation files that load back to the same pack', async () => {
    const { loadPackFiles, packToYaml, translationFiles } =
      await import('../../backend/src/authoring/packs/pack-files.js');
    const r = loadPackFolder(join(REPO_ROOT, 'injects', 'korean-peninsula'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const yaml = packToYaml(r.source.pack);
    expect(yaml).not.toMatch(/^translations:/m);
    const back = loadPackFiles([{ path: 'pack.yaml', content: yaml }, ...translationFiles(r.source.pack)]);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.source.pack.translations).toEqual(r.source.pack.translations);
    expect(back.source.pack.injects).toEqual(r.source.pack.injects);
  });

  it('refuses a translation folder named after the source language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-tr-'));
    try {
      cpSync(join(FIXTURES, 'good-translation'), dir, { recursive: true });
      cpSync(join(dir, 'translations', 'ko'), join(dir, 'translations', 'en'), { recursive: true });
      const r = loadPackFolder(dir, dir);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors.map((e) => `${e.file} ${e.message}`).join('\n')).toMatch(
          /translations\/en\/01\.yaml "en" is the pack's source language/,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const bad = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), 'validate', join(FIXTURES, 'unknown-team')],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown-team\/pack\.yaml:11:\d+ injects\[0\]\.to\[1\]: unknown team "purple"/);
    const good = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), 'validate', join(REPO_ROOT, 'injects', 'demo')],
      { encoding: 'utf8' },
    );
    expect(good.stdout).toMatch(/ok +demo/);
    expect(good.status).toBe(0);
    const badTranslation = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), 'validate', join(FIXTURES, 'bad-translation')],
      { encoding: 'utf8' },
    );
    expect(badTranslation.status).toBe(1);
    expect(badTranslation.stderr).toMatch(
      /translations\/ko\/01\.yaml:10:\d+ injects\.alert\.responseOptions\.allow: unknown response option "allow"/,
    );
  });

  it('gives every error a code and params the editor words in English and Korean', () => {
    const messages = (lang: string) =>
      JSON.parse(readFileSync(join(REPO_ROOT, 'frontend', 'src', 'i18n', 'locales', lang, 'author.json'), 'utf8'))
        .packError as Record<string, unknown>;
    const lookup = (tree: Record<string, unknown>, code: string): unknown =>
      code.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);
    const en = messages('en');
    const ko = messages('ko');
    const broken = [
      'bad-yaml',
      'unknown-team',
      'bad-offset',
      'missing-field',
      'trigger-cycle',
      'dup-ids',
      'split-file',
    ];
    const errors = [...broken, 'bad-translation', 'late-offset'].flatMap(errorsOf);
    expect(errors.length).toBeGreaterThan(15);
    for (const e of errors) {
      expect(e.code, `${e.file} ${e.path}: ${e.message}`).toBeTruthy();
      for (const words of [lookup(en, e.code ?? ''), lookup(ko, e.code ?? '')]) {
        expect(typeof words, `no words for ${e.code}`).toBe('string');
        // every placeholder is filled in by the error's params, and the params are plain (they cross processes as JSON)
        for (const [, name] of String(words).matchAll(/\{\{(\w+)\}\}/g))
          expect(e.params?.[name ?? ''], `${e.code}: {{${name}}}`).toBeDefined();
      }
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
    const code = (fixture: string, path: string) => errorsOf(fixture).find((e) => e.path === path);
    expect(code('unknown-team', 'injects[0].to[1]')).toMatchObject({
      code: 'unknown.teamOf',
      params: { id: 'purple' },
    });
    expect(code('bad-offset', 'injects[0].offset')).toMatchObject({ code: 'schema.format.offset' });
    expect(code('missing-field', 'injects[0].subject')).toMatchObject({
      code: 'schema.required',
      params: { expected: 'string' },
    });
    expect(code('dup-ids', 'injects[1].id')).toMatchObject({ code: 'duplicate.inject', params: { id: 'same' } });
    expect(code('trigger-cycle', 'injects[0].trigger')).toMatchObject({
      code: 'trigger.cycle',
      params: { cycle: 'a → b → a' },
    });
    expect(errorsOf('bad-translation').find((e) => e.path === 'injects.alert.channel')).toMatchObject({
      code: 'translation.structuralField',
      params: { fields: 'channel, offset' },
    });
  });
});
