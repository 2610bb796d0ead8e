import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { loadPack } from '../support/demo-pack.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer } from './support/app-flows.js';
import { launchBrowser } from './support/browser.js';
import { recordTransfers, sumBody, type Transfer } from './support/transfer.js';

const ASSETS = join(REPO_ROOT, 'frontend', 'dist', 'assets');
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with node:http, the body exactly as the server sent it (fetch would decode it for us). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const varyOn = (r: Raw, name: string) =>
  String(r.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes(name);

/** What the control cell knows and players must never receive: expected actions and facilitator notes. */
function controlOnlyTexts(): string[] {
  const texts = new Set<string>();
  for (const folder of ['demo', 'korean-peninsula']) {
    for (const inject of loadPack(folder).injects) {
      if (inject.facilitatorNotes) texts.add(inject.facilitatorNotes.trim());
      for (const a of inject.expectedActions) texts.add(a.text.trim());
    }
  }
  // very short phrases could collide with UI copy by chance; every real note is longer than this
  return [...texts].filter((t) => t.length >= 20);
}

describe('what a player downloads', () => {
  const secrets = controlOnlyTexts();

  /** Every JS file a player's pages can load: the entry's imports and the join and play routes with theirs. */
  function playerReachable(): Set<string> {
    const manifest = JSON.parse(readFileSync(join(ASSETS, '..', '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
    >;
    const out = new Set<string>();
    const visit = (key: string, dynamic: boolean) => {
      const chunk = manifest[key];
      if (!chunk || out.has(chunk.file.replace(/^assets\//, ''))) return;
      out.add(chunk.file.replace(/^assets\//, ''));
      for (const i of chunk.imports ?? []) visit(i, dynamic);
      if (dynamic) for (const i of chunk.dynamicImports ?? []) visit(i, dynamic);
    };
    // the entry first (its lazy routes are not followed), then the player's routes with everything they load lazily
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key, false);
    for (const key of Object.keys(manifest))
      if (/src\/app\/routes\/(play|join|home|not-found)\.tsx$/.test(key)) visit(key, true);
    return out;
  }

  it('has control-only texts to look for', () => {
    expect(secrets.length).toBeGreaterThan(10);
  });

  it('the built JavaScript contains no expected action or facilitator note', () => {
    expect(existsSync(ASSETS), 'frontend/dist is missing: run npm run build -w frontend (npm test does it)').toBe(true);
    const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    const playerFiles = playerReachable();
    expect(playerFiles.size).toBeGreaterThan(0);
    for (const f of files) {
      const code = readFileSync(join(ASSETS, f), 'utf8');
      // scenario content never ships in any bundle, staff pages included
      for (const s of secrets) if (code.includes(s)) leaks.push(`${f}: ${s.slice(0, 60)}`);
      // the field names only in code a player can load (the evaluator's own page reads expected actions)
      if (playerFiles.has(f))
        for (const key of ['facilitatorNotes', 'expectedActions'])
          if (code.includes(key)) leaks.push(`${f}: field name ${key}`);
    }
    expect(leaks).toEqual([]);
  });

  describe('in a real browser session', () => {
    let app: RunningProcess;
    const received: { url: string; body: string }[] = [];
    const frames: string[] = [];
    /** the assets Chromium received to open the console, as its network events count them */
    const opening: Transfer[] = [];

    beforeAll(async () => {
      app = await startBackend(testEnv('e2e-bundle'));
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'demo', 600);
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({ baseURL: app.url });
        const page = await context.newPage();
        const rec = await recordTransfers(page);
        page.on('response', async (res) => {
          const type = res.headers()['content-type'] ?? '';
          if (/javascript|json|html/.test(type))
            received.push({ url: res.url(), body: await res.text().catch(() => '') });
        });
        page.on('websocket', (ws) =>
          ws.on('framereceived', (f) =>
            frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')),
          ),
        );
        await joinAsPlayer(page, teamByKey(ex, 'soc').joinCode ?? '', 'Leak Hunter');
        await page.waitForLoadState('networkidle');
        opening.push(...rec.done.filter((t) => t.path.startsWith('/assets/')));
        await rec.stop();
        await staff.ok('POST', `/exercises/${ex.id}/start`);
        await until(async () => (await inboxIds(page)).length >= 5, 20_000, 'the SOC inbox to fill');
        await page.reload();
        await page.getByTestId('team-console').waitFor();
        await until(async () => (await inboxIds(page)).length >= 5, 10_000, 'the inbox after reload');
      } finally {
        await browser.close();
      }
    });

    afterAll(async () => {
      await app?.stop();
    });

    it('no script, API answer or socket frame the player received carries control-only text', () => {
      expect(received.some((r) => r.url.includes('/assets/') && r.url.endsWith('.js'))).toBe(true);
      expect(received.some((r) => r.url.includes('/api/play/injects'))).toBe(true);
      expect(frames.some((f) => f.includes('inject:delivered'))).toBe(true);
      const leaks: string[] = [];
      for (const r of received)
        for (const s of secrets) if (r.body.includes(s)) leaks.push(`${r.url}: ${s.slice(0, 60)}`);
      for (const f of frames) for (const s of secrets) if (f.includes(s)) leaks.push(`socket frame: ${s.slice(0, 60)}`);
      expect(leaks).toEqual([]);
    });

    it('Chromium receives the scripts and styles brotli-compressed, within 250 KB of JavaScript', () => {
      const scripts = opening.filter((t) => t.type === 'Script');
      const styles = opening.filter((t) => t.type === 'Stylesheet');
      expect(scripts.length).toBeGreaterThan(3);
      expect(styles.length).toBeGreaterThan(0);
      // files under 1 KB are not worth compressing and are sent as they are
      const big = [...scripts, ...styles].filter(
        (t) => statSync(join(REPO_ROOT, 'frontend', 'dist', t.path)).size >= 1024,
      );
      expect(big.length).toBeGreaterThan(3);
      expect(big.filter((t) => t.contentEncoding !== 'br').map((t) => `${t.path}: ${t.contentEncoding}`)).toEqual([]);
      // what was on the wire is the .br file the build wrote, byte for byte
      for (const t of big)
        expect(t.bodyBytes, t.path).toBe(statSync(join(REPO_ROOT, 'frontend', 'dist', `${t.path}.br`)).size);
      expect(sumBody(scripts)).toBeLessThanOrEqual(250 * 1024);
    });

    it('the player never loads the control room code', () => {
      const scripts = received
        .filter((r) => r.url.includes('/assets/') && r.url.endsWith('.js'))
        .map((r) => r.url.split('/').pop() ?? '');
      expect(scripts.filter((s) => /^(control|observe|exercise-picker)-/.test(s))).toEqual([]);
    });
  });

  describe('how the server sends the built files', () => {
    let app: RunningProcess;
    let script = '';
    let style = '';

    beforeAll(async () => {
      app = await startBackend(testEnv('e2e-bundle-http'));
      const index = readFileSync(join(ASSETS, '..', 'index.html'), 'utf8');
      script = /src="(\/assets\/index-[^"]+\.js)"/.exec(index)?.[1] ?? '';
      style = /href="(\/assets\/index-[^"]+\.css)"/.exec(index)?.[1] ?? '';
    });

    afterAll(async () => {
      await app?.stop();
    });

    const onDisk = (path: string) => readFileSync(join(REPO_ROOT, 'frontend', 'dist', path));

    it('sends hashed assets as brotli to a browser that takes it, cached for a year as immutable', async () => {
      expect(script).not.toBe('');
      expect(style).not.toBe('');
      for (const path of [script, style]) {
        const r = await rawGet(app.url, path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
        expect(r.status, path).toBe(200);
        expect(r.headers['content-encoding'], path).toBe('br');
        expect(r.headers['cache-control'], path).toBe(IMMUTABLE);
        expect(varyOn(r, 'accept-encoding'), path).toBe(true);
        expect(r.headers['content-type'], path).toMatch(path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
        expect(Number(r.headers['content-length']), path).toBe(r.body.length);
        expect(r.body.length, path).toBeLessThan(onDisk(path).length / 3);
        expect(brotliDecompressSync(r.body).equals(onDisk(path)), path).toBe(true);
      }
    });

    it('sends gzip to a client without brotli, and the file as it is to one that takes neither', async () => {
      for (const accept of ['gzip', 'gzip, deflate', 'br;q=0, gzip;q=0.8']) {
        const r = await rawGet(app.url, script, { 'accept-encoding': accept });
        expect(r.headers['content-encoding'], accept).toBe('gzip');
        expect(r.headers['cache-control']).toBe(IMMUTABLE);
        expect(varyOn(r, 'accept-encoding')).toBe(true);
        expect(gunzipSync(r.body).equals(onDisk(script)), accept).toBe(true);
      }
      for (const accept of ['identity', 'br;q=0, gzip;q=0', '']) {
        const r = await rawGet(app.url, script, accept ? { 'accept-encoding': accept } : {});
        expect(r.headers['content-encoding'], accept).toBeUndefined();
        expect(r.headers['cache-control']).toBe(IMMUTABLE);
        expect(varyOn(r, 'accept-encoding')).toBe(true);
        expect(r.body.equals(onDisk(script)), accept).toBe(true);
      }
    });

    it('answers a repeat visit with 304 for the encoding it holds', async () => {
      const first = await rawGet(app.url, script, { 'accept-encoding': 'br' });
      const etag = String(first.headers.etag ?? '');
      expect(etag).not.toBe('');
      const gz = await rawGet(app.url, script, { 'accept-encoding': 'gzip' });
      expect(gz.headers.etag).not.toBe(etag); // two different bodies must not share a validator
      const again = await rawGet(app.url, script, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    });

    it('index.html and client routes are revalidated on every load', async () => {
      for (const path of ['/', '/play', '/join/ABC123', '/author']) {
        const r = await rawGet(app.url, path, { 'accept-encoding': 'gzip, deflate, br' });
        expect(r.status, path).toBe(200);
        expect(r.headers['cache-control'], path).toBe('no-cache');
        expect(r.headers['content-type'], path).toMatch(/^text\/html/);
        expect(varyOn(r, 'accept-encoding'), path).toBe(true);
        const html = r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.body;
        expect(html.toString('utf8'), path).toContain(script);
      }
    });

    it('a hashed file that does not exist is a 404, not index.html parsed as a script', async () => {
      const r = await rawGet(app.url, '/assets/index-00000000.js', { 'accept-encoding': 'br' });
      expect(r.status).toBe(404);
      expect(r.headers['content-type'] ?? '').not.toMatch(/text\/html/);
    });
  });
});
