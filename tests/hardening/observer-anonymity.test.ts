import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';
import { pdfText } from '../reports/pdf-text.js';

/**
 * With "hide player identities" on, an observer never reads a player's name: not in any view, any
 * export, the staff preview of a team's player edition, nor on the socket. Every GET route the API
 * documents is tried as the observer; the ones it may read are listed below, so a new one cannot
 * ship without being checked here.
 */
const NAMES = ['Quillonreth', 'Marisabeth', 'Thorvaldine'];
const REPORT_FORMATS = ['pdf', 'markdown', 'json', 'responses-csv', 'scores-csv'];
const PLAYER_FORMATS = ['pdf', 'markdown', 'json'];
const PLAN_FORMATS = ['pdf', 'markdown', 'json', 'csv'];

/** What an observer may read (OpenAPI paths); the test checks this list is complete. */
const OBSERVER_READS = [
  'GET /api/exercises',
  'GET /api/exercises/{id}',
  'GET /api/exercises/{id}/timeline',
  'GET /api/exercises/{id}/deliveries',
  // lateness figures per inject and process: no player appears in them
  'GET /api/exercises/{id}/delivery-accuracy',
  'GET /api/exercises/{id}/status-grid',
  'GET /api/exercises/{id}/responses',
  'GET /api/exercises/{id}/decisions',
  'GET /api/exercises/{id}/ratings',
  'GET /api/exercises/{id}/report',
  'GET /api/exercises/{id}/report/export/{format}',
  'GET /api/exercises/{id}/report/player/{teamId}',
  'GET /api/exercises/{id}/report/player/{teamId}/export/{format}',
  'GET /api/exercises/{id}/improvement-plan',
  'GET /api/exercises/{id}/improvement-plan/export/{format}',
  'GET /api/exercises/{id}/hotwash',
];

let app: RunningProcess;
let staff: Api;
let observer: Api;
let ex: ExerciseDetail;
let getRoutes: string[];

beforeAll(async () => {
  app = await startBackend(testEnv('observer-anon'));
  staff = await Api.login(app.url);
  await (
    await Api.login(app.url, 'admin')
  ).ok('POST', '/users', {
    username: 'observer-a',
    displayName: 'Observer',
    password: 'observer-password-1',
    role: 'observer',
  });
  observer = await Api.login(app.url, 'observer-a', 'observer-password-1');
  const doc = (await (await fetch(`${app.url}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  getRoutes = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [`GET ${path}`] : []));

  ex = await createExercise(staff, 'demo');
  const players = await Promise.all(
    ['soc', 'cert', 'comms'].map((k, i) => Api.join(app.url, teamByKey(ex, k).joinCode ?? '', NAMES[i] ?? 'x')),
  );
  await staff.ok('POST', `/exercises/${ex.id}/start`);
  await staff.ok('POST', `/exercises/${ex.id}/injects/ransom-note/fire`);
  for (const p of players)
    await until(async () => (await p.get('/play/injects/ransom-note')).status === 200, 20_000, 'ransom-note');
  for (const p of players) {
    await p.ok('POST', '/play/injects/ransom-note/ack');
    await p.ok('POST', '/play/responses', { injectId: 'ransom-note', text: 'We do not pay.', optionIds: ['no-pay'] });
    await p.ok('POST', '/play/threads', { subject: 'Backups', text: 'Are the backups clean?' });
    await p.ok('POST', '/play/votes', { decisionId: 'statement', choice: 'issue' });
  }
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

/** Every concrete GET an observer may make: each route of the list, with each export format. */
function observerPaths(): string[] {
  const soc = teamByKey(ex, 'soc').id;
  return OBSERVER_READS.flatMap((route) => {
    const path = route.replace('GET /api', '').replace('{id}', ex.id).replace('{teamId}', soc);
    if (!path.includes('{format}')) return [path];
    const formats = path.includes('/report/player/')
      ? PLAYER_FORMATS
      : path.includes('/improvement-plan/')
        ? PLAN_FORMATS
        : REPORT_FORMATS;
    return formats.map((f) => path.replace('{format}', f));
  });
}

/** The text a reader sees: PDFs through pdf.js, everything else as it is. */
async function readAs(
  api: Api,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.url}/api${path}`, {
    headers: { authorization: `Bearer ${api.token ?? ''}`, ...headers },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const pdf = (res.headers.get('content-type') ?? '').includes('pdf');
  return { status: res.status, text: pdf ? (await pdfText(bytes)).text : new TextDecoder().decode(bytes) };
}

async function leaks(state: string): Promise<string[]> {
  const found: string[] = [];
  for (const path of observerPaths()) {
    const r = await readAs(observer, path);
    expect(r.status, `${state}: observer GET ${path}`).toBe(200);
    for (const name of NAMES) if (r.text.includes(name)) found.push(`${state}: ${path} shows "${name}"`);
  }
  return found;
}

describe('an observer with hidden player identities', () => {
  it('lists every GET route an observer may read', async () => {
    const readable: string[] = [];
    const fill = (route: string) =>
      route
        .replace('GET /api', '')
        .replace('{id}', ex.id)
        .replace('{teamId}', teamByKey(ex, 'soc').id)
        .replace('{format}', 'json')
        .replace(/\{[^}]+\}/g, 'x');
    for (const route of getRoutes) {
      const r = await observer.get(fill(route));
      if (r.status !== 401 && r.status !== 403) readable.push(route);
    }
    // besides the observer's own reads: the routes anyone may call (session, health, single sign-on, join preview)
    const PUBLIC = [
      'GET /api/auth/me',
      'GET /api/health',
      'GET /api/auth/oidc',
      'GET /api/auth/oidc/login',
      'GET /api/auth/oidc/callback',
      'GET /api/join/preview/{code}',
    ];
    expect(readable.sort()).toEqual([...OBSERVER_READS, ...PUBLIC].sort());
  });

  it('sees the names while identities are not hidden (so the check below can see a leak)', async () => {
    const shown = await leaks('names shown');
    for (const path of [
      `/exercises/${ex.id}/responses`,
      `/exercises/${ex.id}/report/player/${teamByKey(ex, 'soc').id}`,
    ])
      expect(
        shown.some((l) => l.includes(`${path} shows`)),
        path,
      ).toBe(true);
  });

  it('reads no player name in any view or export, the player-edition preview included, live and after the end', async () => {
    await staff.ok('POST', `/exercises/${ex.id}/settings`, { observerAnonymous: true });
    const socket = new RecordingClient(app.url, observer.token);
    expect(await socket.ready()).toBe('ready');
    expect(await socket.watch(ex.id)).toMatchObject({ ok: true });
    expect(await leaks('live')).toEqual([]);
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    expect(await leaks('ended')).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    socket.close();
    expect(socket.received.length).toBeGreaterThan(0);
    const seen = JSON.stringify(socket.received);
    for (const name of NAMES) expect(seen).not.toContain(name);
    // staff who steer the drill still see who wrote what
    expect((await readAs(staff, `/exercises/${ex.id}/report/player/${teamByKey(ex, 'soc').id}`)).text).toContain(
      NAMES[0],
    );
  }, 120_000);
});

describe('presentation mode (a staff console projected in the room)', () => {
  it('hides player names from any staff view that asks for it, whatever the exercise setting', async () => {
    const fresh = await createExercise(staff, 'demo');
    const p = await Api.join(app.url, teamByKey(fresh, 'soc').joinCode ?? '', 'Presentedname');
    await staff.ok('POST', `/exercises/${fresh.id}/start`);
    await until(async () => (await p.get('/play/injects/phish-email')).status === 200, 20_000, 'phish-email');
    await p.ok('POST', '/play/responses', { injectId: 'phish-email', text: 'Quarantined.', optionIds: [] });
    await p.ok('POST', '/play/threads', { subject: 'Headers', text: 'Send us the headers?' });
    const soc = teamByKey(fresh, 'soc').id;
    const paths = [
      `/exercises/${fresh.id}/responses`,
      `/exercises/${fresh.id}/decisions`,
      `/exercises/${fresh.id}/threads`,
      `/exercises/${fresh.id}/report`,
      `/exercises/${fresh.id}/report/export/markdown`,
      `/exercises/${fresh.id}/report/export/pdf`,
      `/exercises/${fresh.id}/report/player/${soc}`,
      `/exercises/${fresh.id}/report/player/${soc}/export/pdf`,
    ];
    for (const path of paths) {
      const hidden = await readAs(staff, path, { 'x-anonymous-view': 'on' });
      expect(hidden.status, path).toBe(200);
      expect(hidden.text, path).not.toContain('Presentedname');
    }
    // without the switch the facilitator sees who wrote what
    for (const path of [
      `/exercises/${fresh.id}/responses`,
      `/exercises/${fresh.id}/threads`,
      `/exercises/${fresh.id}/report/player/${soc}`,
    ]) {
      expect((await readAs(staff, path)).text, path).toContain('Presentedname');
    }
  }, 90_000);
});
