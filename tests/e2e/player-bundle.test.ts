import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { loadPack } from '../support/demo-pack.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer } from './support/app-flows.js';
import { launchBrowser } from './support/browser.js';

const ASSETS = join(REPO_ROOT, 'frontend', 'dist', 'assets');

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
    const manifest = JSON.parse(readFileSync(join(ASSETS, '..', '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;
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
    for (const key of Object.keys(manifest)) if (/src\/app\/routes\/(play|join|home|not-found)\.tsx$/.test(key)) visit(key, true);
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
      if (playerFiles.has(f)) for (const key of ['facilitatorNotes', 'expectedActions']) if (code.includes(key)) leaks.push(`${f}: field name ${key}`);
    }
    expect(leaks).toEqual([]);
  });

  describe('in a real browser session', () => {
    let app: RunningProcess;
    const received: { url: string; body: string }[] = [];
    const frames: string[] = [];

    beforeAll(async () => {
      app = await startBackend(testEnv('e2e-bundle'));
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'demo', 600);
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({ baseURL: app.url });
        const page = await context.newPage();
        page.on('response', async (res) => {
          const type = res.headers()['content-type'] ?? '';
          if (/javascript|json|html/.test(type)) received.push({ url: res.url(), body: await res.text().catch(() => '') });
        });
        page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
        await joinAsPlayer(page, teamByKey(ex, 'soc').joinCode ?? '', 'Leak Hunter');
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
      for (const r of received) for (const s of secrets) if (r.body.includes(s)) leaks.push(`${r.url}: ${s.slice(0, 60)}`);
      for (const f of frames) for (const s of secrets) if (f.includes(s)) leaks.push(`socket frame: ${s.slice(0, 60)}`);
      expect(leaks).toEqual([]);
    });

    it('the player never loads the control room code', () => {
      const scripts = received.filter((r) => r.url.includes('/assets/') && r.url.endsWith('.js')).map((r) => r.url.split('/').pop() ?? '');
      expect(scripts.filter((s) => /^(control|observe|exercise-picker)-/.test(s))).toEqual([]);
    });
  });
});
