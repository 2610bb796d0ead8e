import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { REPO_ROOT } from '../support/app-process.js';
import { HAVE_SAMPLES, SAMPLES_DIR } from './authoring-support.js';

const ttx = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'backend/dist/cli/ttx.js'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
const packAt = (folder: string) => {
  const r = loadPackFolder(folder);
  if (!r.ok) throw new Error(`pack at ${folder} is invalid`);
  return r.source.pack;
};

describe('ttx command line for authors who work in git', () => {
  it('exports a pack as an MSEL and imports it back (XLSX and CSV)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-'));
    const demo = loadPackFolder(join(REPO_ROOT, 'injects', 'demo'));
    if (!demo.ok) throw new Error('demo pack invalid');
    for (const ext of ['xlsx', 'csv']) {
      const exported = ttx('msel', 'export', join(REPO_ROOT, 'injects', 'demo'), join(dir, `demo.${ext}`));
      expect(exported.status, exported.stderr).toBe(0);
      const imported = ttx(
        'msel',
        'import',
        join(dir, `demo.${ext}`),
        '--pack-id',
        'demo',
        '--out',
        join(dir, `back-${ext}`),
      );
      expect(imported.status, imported.stderr).toBe(0);
      const back = packAt(join(dir, `back-${ext}`));
      expect(back.injects.map((i) => [i.id, i.offset ?? null, i.subject]).sort()).toEqual(
        demo.source.pack.injects.map((i) => [i.id, i.offset ?? null, i.subject]).sort(),
      );
      // the Korean translation is written beside pack.yaml (the Language column, and the Translations sheet of a workbook)
      expect(imported.stdout).toContain('translations: translations/ko/ko.yaml');
      const subjects = (p: typeof back) =>
        p.injects.map((i) => [i.id, p.translations?.ko?.injects[i.id]?.subject ?? null]).sort();
      expect(subjects(back)).toEqual(subjects(demo.source.pack));
      expect(back.translations?.ko?.pack.title).toBe(
        ext === 'xlsx' ? demo.source.pack.translations?.ko?.pack.title : undefined,
      );
    }
  });

  it('exports a translated pack as one YAML file that validates and imports back with its translations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-yaml-'));
    const source = join(REPO_ROOT, 'injects', 'korean-peninsula');
    const file = join(dir, 'kp.yaml');
    const exported = ttx('export', source, file);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/wrote .*kp\.yaml: \d+ injects, translations: ko/);
    expect(readFileSync(file, 'utf8')).toMatch(/^translations:\n {2}ko:/m);
    // without out.yaml the file goes to stdout, the same text
    expect(ttx('export', source).stdout).toBe(readFileSync(file, 'utf8'));

    const validated = ttx('validate', file);
    expect(validated.status, validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/ok {4}korean-peninsula .*, translations: ko\n1 pack\(s\) checked, 0 error\(s\)/);

    const imported = ttx('import', file, '--out', join(dir, 'back'));
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('translations: translations/ko/ko.yaml');
    const original = packAt(source);
    const back = packAt(join(dir, 'back'));
    expect(back.translations?.ko).toBeDefined();
    expect(back.translations).toEqual(original.translations);
    expect(back.injects).toEqual(original.injects);
    expect({ ...back, injects: [], translations: {} }).toEqual({ ...original, injects: [], translations: {} });

    // a wrong translation in the single file is an error naming it, not a silent drop
    writeFileSync(
      join(dir, 'bad.yaml'),
      readFileSync(file, 'utf8').replace(/^translations:\n {2}ko:/m, 'translations:\n  korean:'),
    );
    const bad = ttx('validate', join(dir, 'bad.yaml'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml: "korean" under "translations" is not a language tag/);
    noStackTrace(bad.stderr);
    expect(ttx('export').status).toBe(2);
    expect(ttx('export', source, join(dir, 'kp.txt')).stderr).toMatch(/kp\.txt: the output is a \.yaml file/);
  });

  it('fails with a clear message and a non-zero exit on a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-bad-'));
    writeFileSync(join(dir, 'broken.csv'), 'Event,Time,Message\n1,later,\n');
    const r = ttx('msel', 'import', join(dir, 'broken.csv'), '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/"broken\.csv", sheet "csv": no row became an inject/);
    const missing = ttx('import-openaev', join(dir, 'nope.zip'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.zip: no such file/);
    expect(ttx('msel').status).toBe(2);
  });

  it('answers every wrong file with one line naming it, never a stack trace; usage errors exit 2, bad input 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-errors-'));
    writeFileSync(join(dir, 'scenario.json'), '{"scenario_information": {}}');
    writeFileSync(join(dir, 'garbage.xlsx'), 'PK\u0003\u0004 this is no zip at all');
    writeFileSync(join(dir, 'ok.csv'), 'Time,Subject,Message\n09:00,Hello,World\n');
    const cases: [string[], number, RegExp][] = [
      [['msel', 'import', join(dir, 'missing.xlsx')], 2, /missing\.xlsx: no such file/],
      [['msel', 'import', dir], 2, /is a folder/],
      [['msel', 'import', join(dir, 'ok.csv'), '--bogus', 'x'], 2, /unknown option --bogus/],
      [['msel', 'import', join(dir, 'ok.csv'), '--start', 'tomorrow'], 2, /--start: "tomorrow" is not a date and time/],
      [
        ['msel', 'import', join(dir, 'ok.csv'), '--channel-map', 'pigeon=carrier'],
        2,
        /--channel-map: "pigeon" → "carrier" is not a channel/,
      ],
      [
        ['msel', 'import', join(dir, 'ok.csv'), '--map', 'Nope=time'],
        2,
        /--map: the sheet has no column "Nope" \(its headers: "Time", "Subject", "Message"\)/,
      ],
      [['msel', 'import', join(dir, 'ok.csv'), '--strict', '--skip-bad-rows'], 2, /contradict/],
      [
        ['msel', 'import', join(dir, 'scenario.json')],
        1,
        /scenario\.json: .*is JSON, not a spreadsheet: an OpenAEV export goes to import-openaev/,
      ],
      [['msel', 'import', join(dir, 'garbage.xlsx')], 1, /garbage\.xlsx: is not a readable XLSX workbook/],
      [
        ['msel', 'import', join(dir, 'ok.csv'), '--sheet', 'Injects'],
        2,
        /ok\.csv: .*has no sheet "Injects" \(its sheets: "csv"\)/,
      ],
      [
        ['msel', 'import', join(dir, 'ok.csv'), '--header-row', '9'],
        2,
        /ok\.csv: Row 9 of sheet "csv" .*is empty or does not exist \(its rows with content are 1 to 2\)/,
      ],
    ];
    for (const [args, status, message] of cases) {
      const r = ttx(...args);
      expect({ args: args.slice(2), status: r.status }).toEqual({ args: args.slice(2), status });
      expect(r.stderr).toMatch(message);
      noStackTrace(r.stderr);
    }
  });

  it('takes the mapping and inject types the web preview offers: --map, --channel-map, --default-channel, --start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-map-'));
    writeFileSync(
      join(dir, 'own.csv'),
      [
        'When;Script;How;Who',
        '09:00;Ransom note on every screen;Carrier pigeon;SOC',
        '09:20;Journalist calls the press office;phone call;Comms',
        '09:40;Someone posts a screenshot;tweet;Comms',
        '10:00;Regulator asks for a report;Fax machine;Legal',
      ].join('\r\n'),
    );
    const r = ttx(
      'msel',
      'import',
      join(dir, 'own.csv'),
      '--map',
      'Script=message,Who=to',
      '--channel-map',
      'Carrier pigeon=chat',
      '--default-channel',
      'intel',
      '--start',
      '2026-05-04T08:30',
      '--out',
      join(dir, 'out'),
    );
    expect(r.status, r.stderr).toBe(0);
    const pack = packAt(join(dir, 'out'));
    expect(pack.injects.map((i) => [i.offset, i.channel, i.to, i.body])).toEqual([
      ['T+00:30', 'chat', ['soc'], 'Ransom note on every screen'],
      ['T+00:50', 'phone', ['comms'], 'Journalist calls the press office'],
      ['T+01:10', 'social', ['comms'], 'Someone posts a screenshot'],
      ['T+01:30', 'email', ['legal'], 'Regulator asks for a report'],
    ]);
    noStackTrace(r.stderr);
  });

  it('--header-row counts rows as the sheet shows them, empty rows included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-header-'));
    writeFileSync(
      join(dir, 'titled.csv'),
      [
        'Harbour Shield',
        '',
        '',
        'When,What,Text',
        '09:00,Phish,Forty users clicked',
        '09:30,Ransom,Server encrypted',
      ].join('\n'),
    );
    const r = ttx(
      'msel',
      'import',
      join(dir, 'titled.csv'),
      '--header-row',
      '4',
      '--map',
      'When=time,What=subject,Text=message',
      '--out',
      join(dir, 'out'),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(packAt(join(dir, 'out')).injects.map((i) => [i.offset, i.subject])).toEqual([
      ['T+00:00', 'Phish'],
      ['T+00:30', 'Ransom'],
    ]);
  });

  it('refuses a file over the row cap, naming the cap and the count, instead of cutting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-cap-'));
    writeFileSync(
      join(dir, 'long.csv'),
      [
        'Time,Subject,Message',
        ...Array.from({ length: 40 }, (_, n) => `T+00:${String(n).padStart(2, '0')},Inject ${n},Text ${n}`),
      ].join('\n'),
    );
    const r = ttx('msel', 'import', join(dir, 'long.csv'), '--max-rows', '25', '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/long\.csv: has about 40 rows; the limit is 25 rows per sheet/);
    const ok = ttx('msel', 'import', join(dir, 'long.csv'), '--max-rows', '41', '--out', join(dir, 'out'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(packAt(join(dir, 'out')).injects).toHaveLength(40);
  });
});

describe('ttx import-timeline and import-icebergttx', () => {
  it('writes the pack of a ttx-community timeline, and names the right command for a file of the other kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-tools-'));
    const timeline = {
      exercise_id: 3,
      exported_at: '2026-01-10T10:00:00Z',
      timeline_type: 'business',
      total_injects: 2,
      phases: [{ id: 1, name: 'Detection', start_offset: 0 }],
      injects: [
        {
          id: 1,
          title: 'Phishing mail',
          type: 'mail',
          time_offset: 0,
          phase_id: 1,
          content: { subject: 'Invoice overdue', body: 'Please pay' },
        },
        {
          id: 2,
          title: 'Journalist calls',
          type: 'call',
          time_offset: 30,
          phase_id: 1,
          content: { text: 'Is the port down?' },
          dependency_ids: [1],
        },
      ],
    };
    writeFileSync(join(dir, 'timeline.json'), JSON.stringify(timeline));
    const r = ttx('import-timeline', join(dir, 'timeline.json'), '--out', join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(packAt(join(dir, 'out')).injects.map((i) => [i.channel, i.subject])).toEqual([
      ['email', 'Invoice overdue'],
      ['phone', 'Journalist calls'],
    ]);
    const wrong = ttx('import-icebergttx', join(dir, 'timeline.json'), '--out', join(dir, 'wrong'));
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/timeline\.json: .*import-timeline/);
    noStackTrace(wrong.stderr);
  });

  it.skipIf(!HAVE_SAMPLES)('writes the pack of an IcebergTTX scenario, its branches as decisions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-iceberg-'));
    const r = ttx(
      'import-icebergttx',
      join(SAMPLES_DIR, 'icebergttx', 'ransomware_response.json'),
      '--out',
      join(dir, 'out'),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/became decisions/);
    const pack = packAt(join(dir, 'out'));
    expect(pack.teams).toHaveLength(4);
    expect(pack.injects.filter((i) => i.decision).length).toBe(2);
  });
});

describe.skipIf(!HAVE_SAMPLES)('ttx on real files from other tools', () => {
  it('imports the OpenAEV checklists with the unusable row skipped and listed; --strict refuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-samples-'));
    for (const n of [1, 2, 3]) {
      const file = join(SAMPLES_DIR, 'msel', `openaev-checklist-${n}.xlsx`);
      const r = ttx('msel', 'import', file, '--out', join(dir, `c${n}`));
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(
          `openaev-checklist-${n}\\.xlsx: sheet "CHECKLIST": row \\d: skipped: nothing to send: .*"\\?\\?\\?"`,
        ),
      );
      expect(r.stdout).toMatch(/1 row\(s\) skipped/);
      expect(packAt(join(dir, `c${n}`)).injects.length).toBeGreaterThanOrEqual(2);
      const strict = ttx('msel', 'import', file, '--strict', '--out', join(dir, `s${n}`));
      expect(strict.status).toBe(1);
      expect(strict.stderr).toMatch(/strict mode refuses to skip them; nothing was written/);
    }
  });

  it('prints the notes: columns kept as notes, STARTEX, merged rows', () => {
    const r = ttx(
      'msel',
      'import',
      join(SAMPLES_DIR, 'msel', 't3sf-MSEL.xlsx'),
      '--out',
      join(mkdtempSync(join(tmpdir(), 'ttx-cli-t3sf-')), 'out'),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/t3sf-MSEL\.xlsx: sheet "main": note: Columns not mapped to a field, kept .*"Photo"/);
    expect(r.stdout).toMatch(/note: No start was given: the earliest clock time/);
    expect(r.stdout).toMatch(/row 6: warning: rows 6, 7, 8, 9, 10, 11 are the same event for 6 recipients/);
  });

  it('refuses an OpenAEV export with only technical injects, or none, instead of writing an empty pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-cli-oaev-'));
    const technical = ttx(
      'import-openaev',
      join(SAMPLES_DIR, 'openaev', 'scenario-technical.zip'),
      '--out',
      join(dir, 't'),
    );
    expect(technical.status).toBe(1);
    expect(technical.stderr).toMatch(
      /scenario-technical\.zip: none of its 2 inject\(s\) is tabletop content .*nothing was written/,
    );
    expect(technical.stdout).toMatch(/skipped ".*" \(openaev_/);
    const empty = ttx('import-openaev', join(SAMPLES_DIR, 'openaev', 'scenario-empty.zip'), '--out', join(dir, 'e'));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/has no inject/);
  });
});
