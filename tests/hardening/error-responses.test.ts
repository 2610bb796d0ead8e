import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';

/**
 * What a refused request answers, through the real API: a stable code, the values its wording
 * needs (`params`), and for a refused body one problem per field (path, zod's issue code and its
 * values), so the interface can say it in the reader's language; the English `message` stays for
 * API clients as it was.
 */
let app: RunningProcess;
let staff: Api;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('error-responses'));
  staff = await Api.login(app.url);
  ex = await createExercise(staff, 'demo');
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  params?: Record<string, string | number>;
  problems?: { field: string; path: (string | number)[]; code: string; params: Record<string, unknown> }[];
}

describe('refused request bodies', () => {
  it('a join with a blank name and a short code names both fields, with zod’s codes and limits', async () => {
    const r = await new Api(app.url).request<ErrorBody>('POST', '/join', { code: 'AB', displayName: '   ' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation-failed');
    // one problem per field: an empty name is only "too small"
    expect(r.body.problems).toEqual([
      expect.objectContaining({
        field: 'code',
        path: ['code'],
        code: 'too_small',
        params: { origin: 'string', minimum: 4 },
      }),
      expect.objectContaining({
        field: 'displayName',
        path: ['displayName'],
        code: 'too_small',
        params: { origin: 'string', minimum: 1 },
      }),
    ]);
    // the English sentence API clients read is as before
    expect(r.body.message).toBe(
      'code: Too small: expected string to have >=4 characters; displayName: enter the name your team will see',
    );
  });

  it('a missing field, a wrong type, an unknown field and a response with nothing in it', async () => {
    const player = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'Kim');
    const admin = await Api.login(app.url, 'admin');
    const r = await admin.request<ErrorBody>('POST', '/users', { displayName: 'X', role: 'boss', extra: 1 });
    expect(r.status).toBe(400);
    expect(r.body.problems?.map((p) => [p.field, p.code, p.params])).toEqual([
      ['username', 'invalid_type', { expected: 'string', received: 'undefined' }],
      ['role', 'invalid_value', { values: 'admin, instructor, facilitator, evaluator, observer' }],
      ['(body)', 'unrecognized_keys', { keys: 'extra' }],
    ]);
    const empty = await player.request<ErrorBody>('POST', '/play/responses', { injectId: 'x', text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.problems?.map((p) => [p.path, p.code, p.params])).toEqual([
      [['text'], 'custom', { code: 'response.empty' }],
    ]);
    const long = await player.request<ErrorBody>('POST', '/play/responses', {
      injectId: 'x',
      text: 'y'.repeat(20_001),
    });
    expect(long.body.problems?.map((p) => [p.path, p.code, p.params])).toEqual([
      [['text'], 'too_big', { origin: 'string', maximum: 20_000 }],
    ]);
  });
});

describe('not found, too large', () => {
  it('a thing that does not exist answers <thing>.not-found with its id', async () => {
    const r = await staff.request<ErrorBody>('GET', '/exercises/no-such-exercise');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      code: 'exercise.not-found',
      params: { id: 'no-such-exercise' },
      message: 'exercise "no-such-exercise" does not exist',
    });
    const pack = await staff.request<ErrorBody>('GET', '/scenarios/no-such-pack');
    expect(pack.status).toBe(404);
    // a thing with a space in its name is kebab case in its code
    expect(pack.body).toMatchObject({ code: 'scenario-pack.not-found', params: { id: 'no-such-pack' } });
  });

  it('a body over the limit answers the limit in bytes, for the interface to say in its units', async () => {
    const r = await new Api(app.url).request<ErrorBody>('POST', '/auth/login', {
      username: 'x',
      password: 'y'.repeat(1_100_000),
    });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'body.too-large', params: { limitBytes: 1_048_576 } });
  });
});

describe('Nest’s and Express’s own refusals carry a code of ours', () => {
  const raw = (path: string, init: RequestInit) => fetch(`${app.url}/api${path}`, init);
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as ErrorBody });

  it('broken JSON is a 400 body.invalid-json, not the parser’s bare sentence', async () => {
    const r = await json(
      await raw('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('body.invalid-json');
  });

  it('an address no route answers is a 404 route.not-found naming the method and path', async () => {
    const get = await staff.request<ErrorBody>('GET', '/no-such-route?x=1');
    expect(get.status).toBe(404);
    expect(get.body).toMatchObject({ code: 'route.not-found', params: { method: 'GET', path: '/api/no-such-route' } });
    const post = await staff.request<ErrorBody>('POST', '/exercises/x/no-such-action', {});
    expect(post.status).toBe(404);
    expect(post.body).toMatchObject({ code: 'route.not-found', params: { method: 'POST' } });
    // a thing that does not exist at a real address keeps its own code
    expect((await staff.request<ErrorBody>('GET', '/exercises/nope')).body.code).toBe('exercise.not-found');
  });

  it('a body over the limit is a 413 body.too-large', async () => {
    const r = await json(
      await raw('/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024), displayName: 'y' }),
      }),
    );
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'body.too-large', params: { limitBytes: 1_048_576 } });
  });

  it('a body that is not JSON on a JSON route is a 415 naming its type; a missing body stays a field problem', async () => {
    for (const [type, body] of [
      ['text/plain', '{"code":"AB"}'],
      ['application/x-www-form-urlencoded', 'code=AB&displayName=x'],
    ] as const) {
      const r = await json(await raw('/join', { method: 'POST', headers: { 'content-type': type }, body }));
      expect(r.status, type).toBe(415);
      expect(r.body, type).toMatchObject({ code: 'body.unsupported-type', params: { type } });
    }
    const none = await json(await raw('/join', { method: 'POST', headers: { 'content-type': 'text/plain' } }));
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('validation-failed');
    // an upload route takes its file as any type: a bad query there is about the query, not the body
    const upload = await staff.request<ErrorBody>('POST', '/authoring/images?bogus=1', 'not an image', {
      'content-type': 'text/plain',
    });
    expect(upload.status).toBe(400);
    expect(upload.body.code).toBe('validation-failed');
  });

  it('a charset or compression the parser cannot read is a 415, a broken compressed body a 400', async () => {
    const post = (headers: Record<string, string>) =>
      raw('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const charset = await json(await post({ 'content-type': 'application/json; charset=latin9' }));
    expect(charset).toMatchObject({
      status: 415,
      body: { code: 'body.unsupported-charset', params: { charset: 'latin9' } },
    });
    const encoding = await json(await post({ 'content-encoding': 'x-zip' }));
    expect(encoding).toMatchObject({
      status: 415,
      body: { code: 'body.unsupported-encoding', params: { encoding: 'x-zip' } },
    });
    const broken = await json(await post({ 'content-encoding': 'gzip' }));
    expect(broken).toMatchObject({ status: 400, body: { code: 'body.unreadable' } });
  });
});
