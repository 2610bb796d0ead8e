import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

/**
 * The API contract (backend/openapi.json, written by `npm run contract` from the backend's types, and
 * the source of the frontend's api-schema.d.ts) checked against what a real backend answers. Object
 * schemas refuse unknown keys, so a field the types do not declare (a staff-only one in a player's
 * view, say) fails here as surely as a missing or mistyped one.
 */
type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: Json } } }>;
}
const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'backend/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};
const defs = JSON.parse(
  JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
) as Record<string, Json>;

function withDefs(schema: Json): z.ZodType {
  return z.fromJSONSchema({
    ...(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/')) as Json),
    $defs: defs,
  });
}
function responseSchema(method: string, route: string): z.ZodType {
  const op = doc.paths[`/api${route}`]?.[method];
  if (!op) throw new Error(`the contract has no ${method.toUpperCase()} /api${route}`);
  const schema = Object.values(op.responses)[0]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the contract declares no JSON answer for ${method.toUpperCase()} /api${route}`);
  return withDefs(schema);
}
const eventSchema = (name: string) => withDefs({ $ref: `#/components/schemas/${name}` });

/** Problems, as `where: message` lines (empty when the body matches the contract). */
function mismatches(schema: z.ZodType, body: unknown): string[] {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

describe('the API contract matches what the server answers', () => {
  let app: RunningProcess;
  let instructor: Api;
  let admin: Api;
  let player: Api & { teamId: string };
  let exercise: ExerciseDetail;
  let socket: RecordingClient;
  const checked: string[] = [];

  /** GET (or POST) a route for real and compare the body with the contract. */
  async function expectMatches(
    api: Api,
    method: 'get' | 'post',
    route: string,
    params: Record<string, string> = {},
    body?: unknown,
  ) {
    const path = route.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
    const r = await api.request(method.toUpperCase(), path, method === 'post' ? (body ?? {}) : undefined);
    expect(r.status, `${method.toUpperCase()} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    expect(mismatches(responseSchema(method, route), r.body), `${method.toUpperCase()} ${route}`).toEqual([]);
    checked.push(`${method.toUpperCase()} ${route}`);
    return r.body as Json;
  }

  beforeAll(async () => {
    app = await startBackend(testEnv('contract'));
    instructor = await Api.login(app.url);
    admin = await Api.login(app.url, 'admin');
    exercise = await createExercise(instructor, 'demo', 600);
    player = await Api.join(app.url, teamByKey(exercise, 'soc').joinCode ?? '', 'analyst');
    socket = new RecordingClient(app.url, player.token);
    expect(await socket.ready()).toBe('ready');
    await instructor.ok('POST', `/exercises/${exercise.id}/start`);
    await until(
      async () => (await player.ok<unknown[]>('GET', '/play/injects')).length > 0,
      30_000,
      'the first inject to reach the SOC',
    );
    await player.ok('POST', '/play/responses', {
      injectId: 'phish-email',
      text: 'Quarantined.',
      optionIds: ['quarantine'],
    });
    await player.ok('POST', '/play/injects/phish-email/ack');
    await player.ok('POST', '/play/threads', { subject: 'Question', text: 'Can we get the mail headers?' });
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await app?.stop();
  });

  it("describes a player's own views (session, inbox, log, threads, decisions, scores)", async () => {
    const session = await expectMatches(player, 'get', '/play/session');
    expect((session.team as Json).id).toBe(player.teamId);
    const inbox = (await expectMatches(player, 'get', '/play/injects')) as unknown as Json[];
    expect(inbox.map((i) => i.id)).toContain('phish-email');
    await expectMatches(player, 'get', '/play/injects/{injectId}', { injectId: 'phish-email' });
    await expectMatches(player, 'get', '/play/responses');
    await expectMatches(player, 'get', '/play/acks');
    await expectMatches(player, 'get', '/play/threads');
    await expectMatches(player, 'get', '/play/decisions');
    await expectMatches(player, 'get', '/play/parties');
    await expectMatches(player, 'get', '/play/scores');
  });

  it('keeps staff-only fields out of the schema of what players read', () => {
    const playerRoutes = [
      '/play/session',
      '/play/injects',
      '/play/injects/{injectId}',
      '/play/responses',
      '/play/decisions',
      '/play/threads',
      '/play/scores',
    ];
    const staffOnly = ['expectedActions', 'rubric', 'memberTeamIds', 'teamIds', 'joinCode', 'votes'];
    for (const route of playerRoutes) {
      const op = doc.paths[`/api${route}`]?.get;
      const text = JSON.stringify(op?.responses);
      // follow the named schemas the answer refers to, one level at a time
      const seen = new Set<string>();
      let frontier = text;
      let all = text;
      for (let depth = 0; depth < 10; depth++) {
        const refs = [...frontier.matchAll(/#\/components\/schemas\/([\w.-]+)/g)]
          .map((m) => m[1] ?? '')
          .filter((n) => !seen.has(n));
        if (!refs.length) break;
        refs.forEach((n) => seen.add(n));
        frontier = refs.map((n) => JSON.stringify(doc.components.schemas[n])).join();
        all += frontier;
      }
      for (const field of staffOnly) expect(all, `${route} declares "${field}"`).not.toContain(`"${field}":`);
    }
  });

  it('describes the control room (exercise, timeline, grid, feed, decisions, scores, threads, participants, seats)', async () => {
    const id = { id: exercise.id };
    await expectMatches(instructor, 'get', '/exercises');
    await expectMatches(instructor, 'get', '/exercises/{id}', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/timeline', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/status-grid', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/responses', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/decisions', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/scores', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/threads', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/events', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/evaluation/queue', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/ratings', id);
    await expectMatches(instructor, 'get', '/exercises/{id}/delivery-accuracy', id);
    const participants = (await expectMatches(
      instructor,
      'get',
      '/exercises/{id}/participants',
      id,
    )) as unknown as Json[];
    expect(participants.map((p) => p.displayName)).toContain('analyst');
    await expectMatches(instructor, 'get', '/exercises/{id}/team-access', id);
    await expectMatches(instructor, 'get', '/scenarios');
    await expectMatches(instructor, 'get', '/scenarios/{id}', { id: 'demo' });
  });

  it('describes accounts and sessions (admin)', async () => {
    await expectMatches(admin, 'get', '/users');
    await expectMatches(admin, 'get', '/sessions');
    await expectMatches(admin, 'get', '/auth/me');
  });

  it('describes the after-action report, full and per team', async () => {
    await instructor.ok('POST', `/exercises/${exercise.id}/end`);
    const report = await expectMatches(instructor, 'get', '/exercises/{id}/report', { id: exercise.id });
    expect(report.state).toBe('final');
    await expectMatches(instructor, 'get', '/exercises/{id}/report/player/{teamId}', {
      id: exercise.id,
      teamId: player.teamId,
    });
    await expectMatches(player, 'get', '/play/report');
  });

  it('describes the socket payloads the player received', () => {
    const delivered = socket.of('inject:delivered');
    const clocks = socket.of('exercise:clock');
    const responses = socket.of('response:changed');
    expect(delivered.length, 'inject:delivered events').toBeGreaterThan(0);
    expect(clocks.length, 'exercise:clock events').toBeGreaterThan(0);
    expect(responses.length, 'response:changed events').toBeGreaterThan(0);
    for (const e of delivered) expect(mismatches(eventSchema('ServerEvent_inject_delivered'), e)).toEqual([]);
    for (const e of clocks) expect(mismatches(eventSchema('ServerEvent_exercise_clock'), e)).toEqual([]);
    for (const e of responses) expect(mismatches(eventSchema('ServerEvent_response_changed'), e)).toEqual([]);
    for (const e of socket.of('ack:changed')) expect(mismatches(eventSchema('ServerEvent_ack_changed'), e)).toEqual([]);
    for (const e of socket.of('session:ready'))
      expect(mismatches(eventSchema('ServerEvent_session_ready'), e)).toEqual([]);
  });

  it('lists the same routes as the server it describes', async () => {
    const served = (await (await fetch(`${app.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = (d: { paths: Record<string, Record<string, unknown>> }) =>
      Object.entries(d.paths)
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
        .sort();
    expect(routes(doc)).toEqual(routes(served));
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });

  it('serves the request and response bodies of the contract at /api/docs', async () => {
    const served = (await (await fetch(`${app.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    const generated = doc as unknown as typeof served;
    for (const [path, ops] of Object.entries(generated.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(served.paths[path]?.[method]?.responses, `${method} ${path} responses`).toEqual(op.responses);
        expect(served.paths[path]?.[method]?.requestBody, `${method} ${path} body`).toEqual(op.requestBody);
      }
    for (const name of Object.keys(generated.components.schemas))
      expect(served.components.schemas[name], `schema ${name}`).toEqual(generated.components.schemas[name]);
    const page = await (await fetch(`${app.url}/api/docs`)).text();
    expect(page).toContain('swagger-ui');
  });
});
