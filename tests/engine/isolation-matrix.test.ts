import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

/**
 * Every route of the API against every kind of caller. The policy below is the specification,
 * written independently of the controllers: a route missing from it fails the test, so a new route
 * cannot ship without a decision on who may call it.
 */
type Who = 'anon' | 'playerA' | 'playerB' | 'observer' | 'evaluator' | 'facilitator' | 'instructor' | 'admin';
const EVERYONE: Who[] = ['anon', 'playerA', 'playerB', 'observer', 'evaluator', 'facilitator', 'instructor', 'admin'];
const PLAYERS: Who[] = ['playerA', 'playerB'];
const STAFF: Who[] = ['observer', 'evaluator', 'facilitator', 'instructor', 'admin'];
const CONTROL: Who[] = ['evaluator', 'facilitator', 'instructor', 'admin'];
const STEER: Who[] = ['facilitator', 'instructor', 'admin'];
const AUTHOR: Who[] = ['instructor', 'admin'];
const ADMIN: Who[] = ['admin'];

const POLICY: Record<string, Who[]> = {
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': EVERYONE,
  // anonymous callers get 204 (no session, no user), not a 401 that browsers log as an error
  'GET /api/auth/me': ['anon', ...STAFF],
  'POST /api/auth/password': STAFF,
  'PUT /api/auth/me/language': STAFF,
  // single sign-on: browser navigations before any session exists (404 here, where it is not configured)
  'GET /api/auth/oidc': EVERYONE,
  'GET /api/auth/oidc/login': EVERYONE,
  'GET /api/auth/oidc/callback': EVERYONE,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'POST /api/users/{userId}/role': ADMIN,
  'POST /api/users/{userId}/disable': ADMIN,
  'POST /api/users/{userId}/enable': ADMIN,
  'POST /api/users/{userId}/reset-password': ADMIN,
  'DELETE /api/users/{userId}': ADMIN,
  'GET /api/sessions': ADMIN,
  'DELETE /api/sessions/{sessionId}': ADMIN,
  'GET /api/exercises/{id}/participants': STEER,
  'POST /api/exercises/{id}/participants/{participantId}/remove': STEER,
  'GET /api/exercises/{id}/team-access': STEER,
  'POST /api/exercises/{id}/teams/{teamId}/rotate-code': STEER,
  'PUT /api/exercises/{id}/teams/{teamId}/seat-limit': STEER,
  'GET /api/health': EVERYONE,
  'GET /api/health/delivery-metrics': STEER,
  'POST /api/health/delivery-metrics/reset': STEER,
  'GET /api/scenarios': CONTROL,
  'GET /api/scenarios/{id}': CONTROL,
  'POST /api/authoring/packs/validate': AUTHOR,
  'POST /api/authoring/packs': AUTHOR,
  'POST /api/authoring/packs/import': AUTHOR,
  'GET /api/authoring/packs/{id}/source': AUTHOR,
  'GET /api/authoring/packs/{id}/images': AUTHOR,
  'POST /api/authoring/images': AUTHOR,
  'GET /api/authoring/images/{sha256}': AUTHOR,
  'GET /api/authoring/packs/{id}/export.yaml': AUTHOR,
  'GET /api/authoring/packs/{id}/export.zip': AUTHOR,
  'GET /api/authoring/packs/{id}/msel': AUTHOR,
  'POST /api/authoring/msel/preview': AUTHOR,
  'POST /api/authoring/msel/import': AUTHOR,
  'POST /api/authoring/openaev/preview': AUTHOR,
  'POST /api/authoring/openaev/import': AUTHOR,
  'POST /api/authoring/tool-import/preview': AUTHOR,
  'POST /api/authoring/tool-import/import': AUTHOR,
  'POST /api/authoring/dry-runs': AUTHOR,
  'GET /api/authoring/dry-runs/{id}': AUTHOR,
  'GET /api/exercises': STAFF,
  'POST /api/exercises': STEER,
  'GET /api/exercises/{id}': STAFF,
  'GET /api/exercises/{id}/timeline': STAFF,
  'GET /api/exercises/{id}/deliveries': STAFF,
  'GET /api/exercises/{id}/delivery-accuracy': STAFF,
  'GET /api/exercises/{id}/events': CONTROL,
  'POST /api/exercises/{id}/start': STEER,
  'POST /api/exercises/{id}/pause': STEER,
  'POST /api/exercises/{id}/resume': STEER,
  'POST /api/exercises/{id}/speed': STEER,
  'POST /api/exercises/{id}/end': STEER,
  'POST /api/exercises/{id}/injects/{injectId}/fire': STEER,
  'POST /api/exercises/{id}/injects/{injectId}/skip': STEER,
  'POST /api/exercises/{id}/adhoc-injects': STEER,
  'POST /api/exercises/{id}/journal': CONTROL,
  'POST /api/exercises/{id}/settings': STEER,
  'GET /api/exercises/{id}/status-grid': STAFF,
  'GET /api/exercises/{id}/responses': STAFF,
  'GET /api/exercises/{id}/threads': CONTROL,
  'POST /api/exercises/{id}/threads/{threadId}/messages': STEER,
  'GET /api/exercises/{id}/decisions': STAFF,
  'POST /api/exercises/{id}/decisions/{decisionRowId}/extend': STEER,
  'POST /api/exercises/{id}/decisions/{decisionRowId}/force': STEER,
  'GET /api/exercises/{id}/scores': CONTROL,
  'GET /api/exercises/{id}/evaluation/queue': CONTROL,
  'POST /api/exercises/{id}/evaluations': CONTROL,
  'POST /api/exercises/{id}/score-adjustments': CONTROL,
  'GET /api/exercises/{id}/ratings': STAFF,
  'POST /api/exercises/{id}/ratings': CONTROL,
  'POST /api/exercises/{id}/score-visibility': AUTHOR,
  'GET /api/exercises/{id}/report': STAFF,
  'GET /api/exercises/{id}/report/export/{format}': STAFF,
  'GET /api/exercises/{id}/report/player/{teamId}': STAFF,
  'GET /api/exercises/{id}/report/player/{teamId}/export/{format}': STAFF,
  'PUT /api/exercises/{id}/report/findings': CONTROL,
  'GET /api/exercises/{id}/improvement-plan': STAFF,
  'POST /api/exercises/{id}/improvement-plan': CONTROL,
  'GET /api/exercises/{id}/improvement-plan/export/{format}': STAFF,
  'PUT /api/exercises/{id}/improvement-plan/{itemId}': CONTROL,
  'DELETE /api/exercises/{id}/improvement-plan/{itemId}': CONTROL,
  'GET /api/exercises/{id}/hotwash': STAFF,
  'POST /api/join': EVERYONE,
  // which exercise and team a code leads to (title, team name, started/ended): public, like joining
  'GET /api/join/preview/{code}': EVERYONE,
  'GET /api/play/session': PLAYERS,
  'PUT /api/play/language': PLAYERS,
  'GET /api/play/injects': PLAYERS,
  'GET /api/play/injects/{injectId}': PLAYERS,
  'GET /api/play/injects/{injectId}/artifacts/{index}': PLAYERS,
  'POST /api/play/injects/{injectId}/ack': PLAYERS,
  'GET /api/play/acks': PLAYERS,
  'GET /api/play/responses': PLAYERS,
  'POST /api/play/responses': PLAYERS,
  'PUT /api/play/responses/{id}': PLAYERS,
  'GET /api/play/parties': PLAYERS,
  'GET /api/play/threads': PLAYERS,
  'POST /api/play/threads': PLAYERS,
  'POST /api/play/threads/{threadId}/messages': PLAYERS,
  'GET /api/play/decisions': PLAYERS,
  'POST /api/play/votes': PLAYERS,
  'GET /api/play/scores': PLAYERS,
  'GET /api/play/hotwash': PLAYERS,
  'POST /api/play/hotwash': PLAYERS,
  'GET /api/play/report': PLAYERS,
  'GET /api/play/report/export/{format}': PLAYERS,
};

describe('isolation matrix: every route × every role', () => {
  let app: RunningProcess;
  let routes: string[];
  const callers = {} as Record<Who, Api>;
  let live: ExerciseDetail;
  let ended: ExerciseDetail;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startBackend(testEnv('matrix'));
    const doc = await (await fetch(`${app.url}/api/docs-json`)).json();
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    callers.admin = await Api.login(app.url, 'admin');
    callers.instructor = await Api.login(app.url);
    for (const role of ['observer', 'evaluator', 'facilitator'] as const) {
      await callers.admin.ok('POST', '/users', {
        username: `${role}-m`,
        displayName: role,
        password: 'matrix-password-1',
        role,
      });
      callers[role] = await Api.login(app.url, `${role}-m`, 'matrix-password-1');
    }
    callers.anon = new Api(app.url);
    live = await createExercise(callers.instructor, 'demo', 600);
    ended = await createExercise(callers.instructor, 'demo');
    await callers.instructor.ok('POST', `/exercises/${ended.id}/start`);
    await callers.instructor.ok('POST', `/exercises/${ended.id}/end`);
    // player A in the SOC (receives phish-email), player B in the CERT (does not)
    callers.playerA = await Api.join(app.url, teamByKey(live, 'soc').joinCode ?? '', 'analyst A');
    callers.playerB = await Api.join(app.url, teamByKey(live, 'cert').joinCode ?? '', 'analyst B');
    await callers.instructor.ok('POST', `/exercises/${live.id}/start`);
    await until(
      async () =>
        (await callers.instructor.ok<{ status: string }[]>('GET', `/exercises/${live.id}/decisions`)).length > 0,
      30_000,
      'the ransom-note decision',
    );
    const response = await callers.playerA.ok<{ id: string }>('POST', '/play/responses', {
      injectId: 'phish-email',
      text: 'Quarantined.',
      optionIds: ['quarantine'],
    });
    const thread = await callers.playerA.ok<{ id: string }>('POST', '/play/threads', {
      subject: 'Question',
      text: 'Can we get the mail headers?',
    });
    const decisions = await callers.instructor.ok<{ id: string }[]>('GET', `/exercises/${live.id}/decisions`);
    Object.assign(ids, {
      response: response.id,
      thread: thread.id,
      decision: decisions[0]?.id ?? '',
      teamA: teamByKey(live, 'soc').id,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('has a declared policy for every route the API offers', () => {
    const undeclared = routes.filter((r) => !(r in POLICY));
    expect(undeclared, 'routes without a policy in this test').toEqual([]);
  });

  it('lets exactly the declared callers through, and refuses the rest with 401/403', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const allowed = POLICY[route];
      if (!allowed) continue;
      const [method = 'GET', pattern = ''] = route.split(' ');
      // state-changing control routes aim at the ended exercise, so allowed calls change nothing
      const exerciseId = method === 'GET' ? live.id : ended.id;
      const path = pattern
        .replace('/api', '')
        .replace(
          '{id}',
          pattern.startsWith('/api/play/responses')
            ? ids.response
            : pattern.startsWith('/api/scenarios') || pattern.startsWith('/api/authoring/packs')
              ? 'demo'
              : pattern.startsWith('/api/authoring/dry-runs')
                ? '00000000-0000-0000-0000-000000000000'
                : exerciseId,
        )
        .replace('{injectId}', 'phish-email')
        .replace('{index}', '0')
        .replace('{sha256}', '0'.repeat(64))
        .replace('{threadId}', ids.thread)
        .replace('{decisionRowId}', ids.decision)
        .replace('{teamId}', ids.teamA)
        .replace('{itemId}', '00000000-0000-0000-0000-000000000000')
        // account, session and seat routes aim at ids that do not exist: an allowed call answers 404 and ends nobody's session
        .replace('{userId}', '00000000-0000-0000-0000-000000000000')
        .replace('{sessionId}', '00000000-0000-0000-0000-000000000000')
        .replace('{participantId}', '00000000-0000-0000-0000-000000000000')
        .replace('{format}', 'json')
        .replace('{code}', teamByKey(live, 'soc').joinCode ?? '');
      for (const who of EVERYONE) {
        // never log the matrix's own sessions out half-way
        if (route === 'POST /api/auth/logout' && who !== 'anon') continue;
        const r = await callers[who].request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        const refused = r.status === 401 || r.status === 403;
        const shouldPass = allowed.includes(who);
        if (r.status >= 500) wrong.push(`${who} ${method} ${path} → ${r.status} (server error)`);
        else if (shouldPass === refused)
          wrong.push(`${who} ${method} ${path} → ${r.status}, expected ${shouldPass ? 'to pass' : 'a refusal'}`);
        else if (!shouldPass && who === 'anon' && r.status !== 401)
          wrong.push(`anon ${method} ${path} → ${r.status}, expected 401`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("never shows a player another team's injects, responses, threads or votes", async () => {
    const a = callers.playerA;
    const b = callers.playerB;
    expect((await a.get('/play/injects/phish-email')).status).toBe(200);
    expect((await b.get('/play/injects/phish-email')).status).toBe(404);
    expect((await b.post('/play/injects/phish-email/ack')).status).toBe(404);
    expect((await b.post('/play/responses', { injectId: 'phish-email', text: 'x', optionIds: [] })).status).toBe(404);
    expect((await b.request('PUT', `/play/responses/${ids.response}`, { text: 'hijack', optionIds: [] })).status).toBe(
      404,
    );
    expect((await b.post(`/play/threads/${ids.thread}/messages`, { text: 'hijack' })).status).toBe(404);
    // the same in Korean: a translation never carries another team's inject (future injects: tests/engine/languages.test.ts)
    for (const language of ['en', 'ko']) {
      expect((await b.request('PUT', '/play/language', { language })).status).toBe(200);
      expect((await b.get('/play/injects/phish-email')).status).toBe(404);
      const bView = JSON.stringify([
        await b.ok('GET', '/play/session'),
        await b.ok('GET', '/play/injects'),
        await b.ok('GET', '/play/responses'),
        await b.ok('GET', '/play/threads'),
        await b.ok('GET', '/play/acks'),
        await b.ok('GET', '/play/decisions'),
      ]);
      const secrets = [
        'Quarantined.',
        'mail headers',
        'analyst A',
        ids.teamA,
        'phish-email',
        '연체 청구서',
        '모든 사서함에서 해당 메일 격리',
        '항만운영사 보안관제센터',
        'Port operator SOC',
        'edr-alert',
        'BOOK-APP-02',
      ];
      for (const secret of secrets) expect(bView, `player B (${language}) sees "${secret}"`).not.toContain(secret);
    }
    // A's own data is there
    const aView = JSON.stringify([await a.ok('GET', '/play/responses'), await a.ok('GET', '/play/threads')]);
    expect(aView).toContain('Quarantined.');
    expect(aView).toContain('mail headers');
  });
});
