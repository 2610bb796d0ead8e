import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parse } from 'yaml';
import { editorFiles, loadPackFiles } from '../../backend/src/authoring/packs/pack-files.js';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { demoYaml, download, fixture, upload } from './authoring-support.js';

let app: RunningProcess;
let api: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-packs'));
  api = await Api.login(app.url, 'instructor');
});
afterAll(async () => {
  await app?.stop();
});

describe('validating a pack from the editor', () => {
  it('accepts the demo pack and counts what it holds', async () => {
    const r = await api.post('/authoring/packs/validate', { yaml: demoYaml() });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.summary).toMatchObject({ id: 'demo', teams: 3 });
  });

  it('reports every error with its file, line, column and field path', async () => {
    const broken = demoYaml().replace('offset: "T+00:05"', 'offset: "five past"').replace('to: [cert]', 'to: [nobody]');
    const r = await api.post('/authoring/packs/validate', { yaml: broken });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    const lines = broken.split('\n');
    const offsetLine = lines.findIndex((l) => l.includes('five past')) + 1;
    expect(r.body.errors).toContainEqual(
      expect.objectContaining({
        file: 'pack.yaml',
        line: offsetLine,
        path: 'injects[1].offset',
        message: expect.stringContaining('T+01:30'),
      }),
    );
    // the schema error stops the pack before cross-references: fix it and the unknown team shows
    const second = await api.post('/authoring/packs/validate', {
      yaml: demoYaml().replace('to: [cert]', 'to: [nobody]'),
    });
    const teamLine = lines.findIndex((l) => l.includes('to: [nobody]')) + 1;
    expect(second.body.errors).toContainEqual(
      expect.objectContaining({
        line: teamLine,
        column: expect.any(Number),
        path: 'injects[2].to[0]',
        message: expect.stringContaining('unknown team "nobody"'),
      }),
    );
  });

  it('validates split packs given as files, pointing at the file that holds the error', async () => {
    const pack = { ...parse(demoYaml()) };
    const injects = pack.injects;
    delete pack.injects;
    const { stringify } = await import('yaml');
    injects[0].channel = 'pigeon';
    const r = await api.post('/authoring/packs/validate', {
      files: [
        { path: 'pack.yaml', content: stringify(pack) },
        { path: 'injects/01-all.yaml', content: stringify({ injects }) },
      ],
    });
    expect(r.body.ok).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ file: 'injects/01-all.yaml', path: 'injects[0].channel' });
  });

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ),
    ].join('\n');
    const started = Date.now();
    const r = await api.post('/authoring/packs/validate', { yaml: bomb });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.errors[0].message).toMatch(/alias/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers bad requests with a 400 that says what is wrong', async () => {
    expect((await api.post('/authoring/packs/validate', {})).status).toBe(400);
    const both = await api.post('/authoring/packs/validate', {
      yaml: 'a: 1',
      files: [{ path: 'pack.yaml', content: 'a: 1' }],
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/either yaml or files/);
    const badPath = await api.post('/authoring/packs/validate', { files: [{ path: '../etc/passwd', content: 'x' }] });
    expect(badPath.status).toBe(400);
    expect(badPath.body.message).toMatch(/not a pack file/);
    expect((await new Api(app.url).post('/authoring/packs/validate', { yaml: 'x: 1' })).status).toBe(401);
  });
});

describe("the editor's text keeps the pack's translations", () => {
  // before the next block saves a demo version from pack.yaml alone (no translations)
  it('holds them under translations:, saves edits to them, and still points pack errors at the line the author sees', async () => {
    const source = await api.ok<{ yaml: string }>('GET', '/authoring/packs/demo/source');
    // the Korean translation rides along in the one text the editor edits
    expect(source.yaml).toMatch(/^translations:\n {2}ko:\n/m);
    expect(source.yaml).toContain('연체 청구서 HL-20931');
    const edited = source.yaml
      .replace(/^id: demo$/m, 'id: demo-bilingual')
      .replace('연체 청구서 HL-20931 – 조치 요망', '최종 통지 HL-20931');
    const saved = await api.post('/authoring/packs', { yaml: edited });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const back = await api.ok<{ yaml: string }>('GET', '/authoring/packs/demo-bilingual/source');
    expect(back.yaml).toContain('최종 통지 HL-20931');
    expect(back.yaml).toContain('항만운영사 보안관제센터(SOC)');
    // the saved version's translation file holds the edit
    const zip = await JSZip.loadAsync((await download(api, '/authoring/packs/demo-bilingual/export.zip')).data);
    expect(await zip.file('demo-bilingual/translations/ko/ko.yaml')?.async('string')).toContain('최종 통지 HL-20931');

    // an error above the translations keeps its line; one inside them names the translation
    const broken = edited.replace(/offset: "?T\+00:10[^\n]*/, 'offset: ten past');
    expect(broken).toContain('ten past');
    const r = await api.post('/authoring/packs/validate', { yaml: broken });
    const line = broken.split('\n').findIndex((l) => l.includes('ten past')) + 1;
    expect(r.body.errors).toContainEqual(
      expect.objectContaining({ file: 'pack.yaml', line, path: 'injects[2].offset' }),
    );
    const unknown = await api.post('/authoring/packs/validate', {
      yaml: edited.replace(/^ {6}phish-email:$/m, '      no-such-inject:'),
    });
    expect(unknown.body.ok).toBe(false);
    expect(unknown.body.errors.some((e: { file: string }) => e.file.startsWith('translations/ko/'))).toBe(true);
  });
});

describe('saving a new version', () => {
  it('stores the edit as a new version while an exercise made earlier keeps its snapshot', async () => {
    const before = await api.ok('POST', '/exercises', { packId: 'demo' });
    const edited = demoYaml()
      .replace('version: 1.0.0', 'version: 1.1.0')
      .replace('Overdue invoice HL-20931', 'Final notice HL-20931');
    const saved = await api.post('/authoring/packs', { yaml: edited });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ packId: 'demo', version: '1.1.0', created: true });
    const again = await api.post('/authoring/packs', { yaml: edited });
    expect(again.body).toMatchObject({ id: saved.body.id, created: false });

    const list = await api.get('/scenarios');
    expect(list.body.find((p: { packId: string }) => p.packId === 'demo').version).toBe('1.1.0');
    const after = await api.ok('POST', '/exercises', { packId: 'demo' });
    expect(after.pack.version).toBe('1.1.0');
    expect((await api.get(`/exercises/${before.id}`)).body.pack.version).toBe('1.0.0');
    const timeline = await api.get(`/exercises/${after.id}/timeline`);
    expect(timeline.body.find((t: { injectId: string }) => t.injectId === 'phish-email').subject).toContain(
      'Final notice',
    );
  });

  it('refuses an invalid pack with its errors and saves nothing', async () => {
    const r = await api.post('/authoring/packs', {
      yaml: demoYaml().replace('version: 1.0.0', 'version: 9.0.0').replace('to: [cert]', 'to: [nobody]'),
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('pack.invalid');
    expect(r.body.details.errors[0]).toMatchObject({ path: 'injects[2].to[0]' });
    expect((await api.get('/scenarios')).body.find((p: { packId: string }) => p.packId === 'demo').version).not.toBe(
      '9.0.0',
    );
  });
});

describe('export and import', () => {
  it('exports YAML, translations included, that loads back to the same pack', async () => {
    const y = await download(api, '/authoring/packs/korean-peninsula/export.yaml');
    expect(y.status).toBe(200);
    expect(y.headers.get('content-disposition')).toMatch(/korean-peninsula-.*\.yaml/);
    const original = (await api.get('/scenarios/korean-peninsula')).body.pack;
    const text = y.data.toString('utf8');
    const v = await api.post('/authoring/packs/validate', { yaml: text });
    expect(v.body.ok).toBe(true);
    expect(v.body.summary.injects).toBe(original.injects.length);
    expect(parse(text).injects.map((i: { id: string }) => i.id)).toEqual(
      original.injects.map((i: { id: string }) => i.id),
    );
    // the single file carries the Korean under translations: and reads back to the pack on disk
    expect(text).toMatch(/^translations:\n {2}ko:/m);
    const onDisk = loadPackFolder(join(REPO_ROOT, 'injects', 'korean-peninsula'));
    const back = loadPackFiles(editorFiles(text));
    if (!onDisk.ok || !back.ok) throw new Error('korean-peninsula does not load');
    expect(Object.keys(back.source.pack.translations ?? {})).toEqual(['ko']);
    expect(back.source.pack.translations).toEqual(onDisk.source.pack.translations);
    // a distractor's Korean why travels with the rest
    expect(back.source.pack.translations?.ko?.injects['kp-swift-manipulation']?.distractors?.['rebuild-first']).toEqual(
      {
        why: '아직 회수할 수 있는 지급 29건이 남아 있는데 증거와 SAA 저널을 지워 버립니다',
      },
    );
    expect(back.source.pack.injects).toEqual(onDisk.source.pack.injects);
  });

  it('exports a zip and imports it again as a pack', async () => {
    const z = await download(api, '/authoring/packs/deepfake-surge/export.zip');
    expect(z.status).toBe(200);
    const zip = await JSZip.loadAsync(z.data);
    expect(Object.keys(zip.files)).toContain('deepfake-surge/pack.yaml');
    const yaml = await zip.file('deepfake-surge/pack.yaml')!.async('string');
    zip.file('deepfake-surge/pack.yaml', yaml.replace(/^version: .*$/m, 'version: 2.0.0'));
    const r = await upload(api, '/authoring/packs/import', await zip.generateAsync({ type: 'nodebuffer' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ packId: 'deepfake-surge', version: '2.0.0', created: true });
  });

  it('refuses broken zips and zip bombs with a 400, and oversized uploads with a 413', async () => {
    expect((await upload(api, '/authoring/packs/import', Buffer.from('not a zip'))).body.code).toBe('zip.unreadable');
    const bomb = new JSZip();
    bomb.file('pack.yaml', Buffer.alloc(12 * 1024 * 1024, 0x20));
    const bombZip = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bombZip.length).toBeLessThan(200 * 1024);
    const r = await upload(api, '/authoring/packs/import', bombZip);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('zip.too-large');
    const huge = await upload(api, '/authoring/packs/import', Buffer.alloc(21 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('upload.too-large');
    const noPack = new JSZip();
    noPack.file('readme.txt', 'hello');
    expect(
      (await upload(api, '/authoring/packs/import', await noPack.generateAsync({ type: 'nodebuffer' }))).body.code,
    ).toBe('pack.no-pack-yaml');
  });
});

/** The demo pack as another pack whose EDR alert (SOC only, T+00:05) shows a screenshot. */
const imagePackYaml = (id: string, version = '1.0.0', path = 'images/screen.png') =>
  demoYaml()
    .replace(/^id: demo$/m, `id: ${id}`)
    .replace(/^version: .*$/m, `version: ${version}`)
    .replace(
      '    artifacts:\n      - kind: log\n        format: syslog',
      `    artifacts:\n      - kind: image\n        title: Screenshot\n        path: ${path}\n        alt: The EDR console listing renamed files\n      - kind: log\n        format: syslog`,
    );

async function packZip(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [path, data] of Object.entries(files)) zip.file(path, data);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('images in packs', () => {
  const png = fixture('images/pixel.png');
  const gif = fixture('images/pixel.gif');
  const svg = fixture('images/script.svg');

  it('keeps the images of an imported zip with the version and exports them back', async () => {
    expect(imagePackYaml('img-zip')).toContain('path: images/screen.png');
    const r = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'img-zip/pack.yaml': imagePackYaml('img-zip'), 'img-zip/images/screen.png': png }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ packId: 'img-zip', created: true });
    const images = await api.ok('GET', '/authoring/packs/img-zip/images');
    expect(images).toEqual([
      {
        path: 'images/screen.png',
        contentType: 'image/png',
        size: png.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);

    const z = await download(api, '/authoring/packs/img-zip/export.zip');
    expect(z.headers.get('x-missing-images')).toBeNull();
    const zip = await JSZip.loadAsync(z.data);
    expect(Buffer.from(await zip.file('img-zip/images/screen.png')!.async('uint8array')).equals(png)).toBe(true);
    // the exported zip imports again with its image; importing it twice stores it once
    const again = await upload(api, '/authoring/packs/import', z.data);
    expect(again.status).toBe(201);
    expect(await api.ok('GET', `/authoring/packs/${again.body.id}/images`)).toEqual(images);
    expect((await upload(api, '/authoring/packs/import', z.data)).body).toMatchObject({
      id: again.body.id,
      created: false,
    });
    // the same YAML with another picture is new content, so a new version row
    const changed = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-zip'), 'images/screen.png': gif }),
    );
    expect(changed.body).toMatchObject({ packId: 'img-zip', created: true });
    expect(changed.body.id).not.toBe(r.body.id);
  });

  it('refuses an image that is not PNG, JPEG, GIF or WebP by its content, naming the file', async () => {
    // an SVG (which can carry script) renamed to .png
    const disguised = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-bad'), 'images/screen.png': svg }),
    );
    expect(disguised.status).toBe(400);
    expect(disguised.body.code).toBe('pack.invalid');
    expect(disguised.body.message).toContain('images/screen.png');
    expect(disguised.body.details.errors[0]).toMatchObject({
      path: 'injects[1].artifacts[0].path',
      message: expect.stringMatching(/"images\/screen\.png" is not a PNG, JPEG, GIF or WebP/),
    });
    const asSvg = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-bad', '1.0.0', 'images/screen.svg'), 'images/screen.svg': svg }),
    );
    expect(asSvg.status).toBe(400);
    expect(asSvg.body.details.errors[0].message).toMatch(/"images\/screen\.svg": SVG is not accepted/);
    const missing = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-bad') }),
    );
    expect(missing.body.details.errors[0].message).toMatch(/image file "images\/screen\.png" not found in the pack/);

    const raw = await upload(api, '/authoring/images', svg, { fileName: 'logo.png' });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({
      code: 'image.invalid',
      message: expect.stringContaining('"logo.png" is not a PNG, JPEG, GIF or WebP'),
    });
    const big = await upload(api, '/authoring/images', Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), {
      fileName: 'huge.png',
    });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/the limit is 5 MiB/);
    expect((await api.get('/authoring/packs/img-bad/images')).status).toBe(404);
  });

  it('saves an image uploaded from the editor with the version, and refuses an unknown upload', async () => {
    const up = await upload(api, '/authoring/images', png, { fileName: 'screen.png' });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      contentType: 'image/png',
      size: png.length,
    });
    const preview = await download(api, `/authoring/images/${up.body.sha256}`);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
    expect(preview.data.equals(png)).toBe(true);

    const yaml = imagePackYaml('img-editor');
    expect((await api.post('/authoring/packs/validate', { yaml })).body.errors[0].message).toMatch(
      /not found in the pack/,
    );
    const v = await api.post('/authoring/packs/validate', { yaml, images: { 'images/screen.png': up.body.sha256 } });
    expect(v.body).toMatchObject({ ok: true });
    const saved = await api.post('/authoring/packs', { yaml, images: { 'images/screen.png': up.body.sha256 } });
    expect(saved.status).toBe(201);
    expect(await api.ok('GET', '/authoring/packs/img-editor/images')).toEqual([
      expect.objectContaining({ path: 'images/screen.png', sha256: up.body.sha256 }),
    ]);
    const unknown = await api.post('/authoring/packs', { yaml, images: { 'images/screen.png': 'f'.repeat(64) } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      code: 'image.unknown',
      message: expect.stringContaining('images/screen.png'),
    });
    // images are authoring material: players and anonymous callers cannot read uploads
    expect((await new Api(app.url).get(`/authoring/images/${up.body.sha256}`)).status).toBe(401);
  });

  it("serves an inject's image to a player only once the inject reached their team, from the exercise's own version", async () => {
    const imported = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-play'), 'images/screen.png': png }),
    );
    expect(imported.status).toBe(201);
    const ex = await createExercise(api, 'img-play', 600);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst A');
    const cert = await Api.join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'analyst B');
    const path = '/play/injects/edr-alert/artifacts/0';
    // not delivered yet: the same 404 as for an inject that does not exist
    expect((await download(soc, path)).status).toBe(404);
    // a new version with another picture does not change the exercise made from the earlier one
    const newer = await upload(
      api,
      '/authoring/packs/import',
      await packZip({ 'pack.yaml': imagePackYaml('img-play', '1.1.0'), 'images/screen.png': gif }),
    );
    expect(newer.status).toBe(201);

    await api.ok('POST', `/exercises/${ex.id}/start`);
    await until(
      async () => (await soc.get('/play/injects/edr-alert')).status === 200,
      30_000,
      'edr-alert delivered to the SOC',
    );
    const seen = await download(soc, path);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('content-type')).toBe('image/png');
    expect(seen.data.equals(png)).toBe(true);
    // the CERT never receives edr-alert; the log at index 1 is not an image; no artifact at 7
    expect((await download(cert, path)).status).toBe(404);
    expect((await download(soc, '/play/injects/edr-alert/artifacts/1')).status).toBe(404);
    expect((await download(soc, '/play/injects/edr-alert/artifacts/7')).status).toBe(404);
    expect((await download(soc, '/play/injects/edr-alert/artifacts/x')).status).toBe(400);
    // staff routes stay closed to players
    expect((await download(soc, '/authoring/packs/img-play/images')).status).toBe(403);
    await api.ok('POST', `/exercises/${ex.id}/end`);
  });
});
