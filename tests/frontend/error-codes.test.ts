import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorOf, type FieldProblem } from '../../frontend/src/lib/api-error.js';
import { errorText, placeErrors, problemLine } from '../../frontend/src/lib/error-text.js';
import { REPO_ROOT } from '../support/app-process.js';

/**
 * Every error code the server throws has words in English and Korean (`errors.<code>` in
 * common.json), and the words are filled in: a person reads what went wrong in their language, not
 * the server's English sentence. The codes are read from the backend's source, the way a reviewer
 * would grep them, so a new `badInput('x.y', …)` without its words fails here.
 */
const SRC = join(REPO_ROOT, 'backend', 'src');
const LOCALES = join(REPO_ROOT, 'frontend', 'src', 'i18n', 'locales');
const common = (lng: string) =>
  JSON.parse(readFileSync(join(LOCALES, lng, 'common.json'), 'utf8')) as { errors: Record<string, unknown> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Calls that throw a code, and how the code is read from the call. */
const THROWS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/\bnotFound\(\s*'([^']+)'/g, (m) => `${(m[1] ?? '').replace(/\s+/g, '-')}.not-found`],
  [/\b(?:conflict|badInput)\(\s*'([^']+)'/g, (m) => m[1] ?? ''],
  [/\bnew DomainError\(\s*'[^']+',\s*'([^']+)'/g, (m) => m[1] ?? ''],
  [/\bnew RateLimitedError\(\s*'([^']+)'/g, (m) => m[1] ?? ''],
];
/** A code passed through a variable: a call like the above whose code argument is not a literal. */
const INDIRECT =
  /\b(?:conflict\(|badInput\(|new DomainError\(\s*[^,]+,|new RateLimitedError\()\s*([A-Za-z_][\w.]*)\s*,/g;
/**
 * Where a code is passed through a variable, and where that variable's codes are written. Errors
 * rebuilt after crossing from a reader process are scanned where they were first thrown.
 */
const RELAYS: Record<string, { file: string; codes: RegExp } | 'rethrown' | 'helper'> = {
  // the helpers themselves (notFound, conflict, badInput; the rate limit's constructor)
  'common/domain-error.ts': 'helper',
  'common/rate-limited-error.ts': 'helper',
  'authoring/packs/pack-check.ts': 'rethrown',
  'authoring/msel/preview-process.ts': 'rethrown',
  'exercises/participants.service.ts': {
    file: 'exercises/participants.service.ts',
    codes: /\bcheckLanguage\([^;]*?'([\w.-]+)'\)/g,
  },
  'authoring/msel/msel.service.ts': { file: 'authoring/msel/msel-preview.ts', codes: /\bcode: '([\w.-]+)'/g },
};

function thrownCodes(): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  const add = (code: string, file: string) => codes.set(code, (codes.get(code) ?? new Set()).add(file));
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path).replace(/\\/g, '/');
    const text = readFileSync(path, 'utf8');
    for (const [re, code] of THROWS) for (const m of text.matchAll(re)) add(code(m), file);
    for (const m of text.matchAll(INDIRECT)) {
      const relay = RELAYS[file];
      expect(relay, `${file} throws the code in ${m[1]}: list where its codes come from in RELAYS`).toBeDefined();
      if (typeof relay === 'object')
        for (const c of readFileSync(join(SRC, relay.file), 'utf8').matchAll(relay.codes)) add(c[1] ?? '', file);
    }
  }
  // the exception filter's own answers (request body too large or not JSON, Redis away, 500) and
  // the codes it gives Nest's and Express's refusals (unknown route, 415, 429…)
  for (const m of readFileSync(join(SRC, 'common', 'http-exception.filter.ts'), 'utf8').matchAll(
    /\bcode: '([\w.-]+)'/g,
  ))
    add(m[1] ?? '', 'common/http-exception.filter.ts');
  // the live connection's refusals: acknowledgements ({ ok: false, code }) and session:error
  for (const path of sourceFiles(join(SRC, 'realtime'))) {
    const file = relative(SRC, path).replace(/\\/g, '/');
    for (const m of readFileSync(path, 'utf8').matchAll(/\bcode: '([\w.-]+)'/g)) add(m[1] ?? '', file);
  }
  return codes;
}

/** The codes of socket refusals, and the files they are in. */
const socketCodes = () =>
  new Map([...thrownCodes()].filter(([, files]) => [...files].some((f) => f.startsWith('realtime/'))));

function wordsFor(errors: Record<string, unknown>, code: string): unknown {
  // i18next reads `a.b-c` as errors → a → b-c
  return code
    .split('.')
    .reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as never)[k] : undefined), errors);
}

async function reader(lng: 'en' | 'ko') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    ns: ['common'],
    defaultNS: 'common',
    resources: { [lng]: { common: common(lng) } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const HANGUL = /[\uac00-\ud7a3]/;
const problem = (path: (string | number)[], code: string, params: FieldProblem['params'] = {}): FieldProblem => ({
  field: path.join('.') || '(body)',
  path,
  code,
  params,
  message: 'SERVER SENTENCE',
});

describe('error codes in the reader’s language', () => {
  it('every code the server throws has words in English and Korean', () => {
    const codes = thrownCodes();
    // the scan finds what it should: the codes of the join page, a not-found, a rate limit, a too-large
    for (const known of ['join.bad-code', 'exercise.not-found', 'scenario-pack.not-found', 'join.rate-limited'])
      expect(codes.has(known), known).toBe(true);
    for (const known of ['upload.too-large', 'body.too-large', 'join.language', 'msel.no-injects'])
      expect(codes.has(known), known).toBe(true);
    // Nest's own refusals, coded by the filter, and the live connection's
    for (const known of ['route.not-found', 'body.unsupported-type', 'too-many-requests', 'payload-too-large'])
      expect(codes.has(known), known).toBe(true);
    expect([...socketCodes().keys()].sort()).toEqual(
      expect.arrayContaining([
        'auth.required',
        'auth.staff-only',
        'exercise.not-found',
        'participant.gone',
        'session.ended',
      ]),
    );
    expect(codes.size).toBeGreaterThan(120);
    for (const lng of ['en', 'ko'] as const) {
      const errors = common(lng).errors;
      const missing = [...codes.keys()].filter((c) => typeof wordsFor(errors, c) !== 'string');
      expect(
        missing.map((c) => `${c} (${[...(codes.get(c) ?? [])].join(', ')})`),
        `${lng}: codes without errors.<code> in common.json`,
      ).toEqual([]);
      if (lng === 'ko') for (const c of codes.keys()) expect(String(wordsFor(errors, c)), `ko ${c}`).toMatch(HANGUL);
    }
  });

  it('fills in every code’s values: limits in the reader’s units, the wait as a time from now', async () => {
    const codes = [...thrownCodes().keys()];
    const params = {
      limitBytes: 50 * 1024 * 1024,
      memoryMb: 384,
      retryAfterSeconds: 300,
      limit: 500,
      count: 9,
      id: 'x',
      // what the filter's codes for Nest's and Express's refusals carry
      type: 'text/plain',
      charset: 'latin9',
      encoding: 'x-zip',
      method: 'GET',
      path: '/api/nope',
      status: 418,
    };
    for (const lng of ['en', 'ko'] as const) {
      const i18n = await reader(lng);
      for (const code of codes) {
        const text = errorText(i18n, new ApiError(400, code, 'SERVER SENTENCE', undefined, undefined, params), false);
        expect(text, `${lng} ${code}`).not.toBe('SERVER SENTENCE');
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|errors\./);
      }
    }
    const en = await reader('en');
    const ko = await reader('ko');
    const upload = new ApiError(413, 'upload.too-large', 'x', undefined, undefined, { limitBytes: 50 * 1024 * 1024 });
    expect(errorText(en, upload, false)).toBe('The file is too large: the limit is 50 MB');
    expect(errorText(ko, upload, false)).toBe('파일이 너무 큽니다. 한도는 50MB입니다');
    const wait = new ApiError(429, 'join.rate-limited', 'x', undefined, undefined, { retryAfterSeconds: 240 });
    expect(errorText(en, wait, false)).toContain('try again in 4 minutes');
    expect(errorText(ko, wait, false)).toContain('4분 후에 다시 시도하십시오');
    // English keeps the server's sentence, the most precise one, unless asked for the interface's
    expect(errorText(en, wait, true)).toBe('x');
  });

  it('words a 429 with the wait when it is known, and an answer from in front of the server by its status', async () => {
    const en = await reader('en');
    const ko = await reader('ko');
    const throttled = new ApiError(429, 'too-many-requests', 'x', undefined, undefined, { retryAfterSeconds: 30 });
    expect(errorText(en, throttled, false)).toBe('Too many requests; try again in 30 seconds');
    expect(errorText(ko, throttled, false)).toBe('요청이 너무 많습니다. 30초 후에 다시 시도하십시오');
    const unknownWait = new ApiError(429, 'too-many-requests', 'x');
    expect(errorText(ko, unknownWait, false)).toBe('요청이 너무 많습니다. 잠시 후 다시 시도하십시오');
    // a proxy's page (no JSON of ours): the status picks the words, Retry-After the wait, in English too
    const proxy429 = apiErrorOf(429, 'Too Many Requests', '<html>slow down</html>', '120');
    expect(proxy429.code).toBe('http.429');
    expect(errorText(en, proxy429, true)).toBe('Too many requests; try again in 2 minutes');
    expect(errorText(ko, proxy429, false)).toBe('요청이 너무 많습니다. 2분 후에 다시 시도하십시오');
    expect(errorText(ko, apiErrorOf(502, 'Bad Gateway', undefined, null), false)).toMatch(/^프록시 뒤의 플랫폼이/);
    expect(errorText(en, apiErrorOf(418, "I'm a teapot", undefined, null), true)).toBe(
      'The request failed (HTTP 418); try again',
    );
    // the live connection's refusals are worded too, and the client's own "no answer in time"
    for (const code of [...socketCodes().keys(), 'socket.no-answer'])
      expect(errorText(ko, new ApiError(0, code, 'SERVER SENTENCE'), false), code).toMatch(HANGUL);
  });

  it('names the field and its problem for a refused request, in each language', async () => {
    const en = await reader('en');
    const ko = await reader('ko');
    const refused = new ApiError(400, 'validation-failed', 'displayName: too small', undefined, undefined, {}, [
      problem(['displayName'], 'too_small', { origin: 'string', minimum: 1 }),
      problem(['text'], 'too_big', { origin: 'string', maximum: 20000 }),
      problem(['answers', 'q1'], 'too_big', { origin: 'string', maximum: 5000 }),
      problem(['vote', 'reason'], 'invalid_type', { expected: 'string' }),
      problem(['username'], 'invalid_format', { format: 'regex' }),
      problem(['code'], 'invalid_type', { expected: 'string', received: 'undefined' }),
      problem([], 'unrecognized_keys', { keys: 'admin' }),
      problem(['text'], 'custom', { code: 'response.empty' }),
      problem(['mystery', 0, 'field'], 'too_small', { origin: 'number', minimum: 3 }),
    ]);
    expect(errorText(en, refused, true).split('; ')).toEqual([
      'Display name: must not be empty',
      'Text: must have at most 20,000 characters',
      'Hotwash answer: must have at most 5,000 characters',
      'Reason: must be text',
      'Username: use 3 to 80 letters, digits, “.”, “_” or “-”',
      'Join code: is required',
      'Request: unknown field(s): admin',
      'Text: write something, choose an action or vote',
      // a field the interface has no name for is named by its path
      'mystery.0.field: must be at least 3',
    ]);
    expect(errorText(ko, refused, false).split('; ')).toEqual([
      '표시 이름: 비워 둘 수 없습니다',
      '내용: 20,000자 이하여야 합니다',
      '사후 강평 답변: 5,000자 이하여야 합니다',
      '사유: 텍스트 형식이어야 합니다',
      '사용자 이름: 영문자, 숫자, “.”, “_”, “-”로 3~80자를 사용하십시오',
      '참가 코드: 필수 항목입니다',
      '요청: 알 수 없는 항목: admin',
      '내용: 내용을 쓰거나 조치를 고르거나 투표하십시오',
      'mystery.0.field: 3 이상이어야 합니다',
    ]);
    // a form shows its own fields' problems under them, the rest in its alert
    const placed = placeErrors(ko, refused, ['displayName', 'code'], () => 'ALERT');
    expect(placed.byField).toEqual({ displayName: '비워 둘 수 없습니다', code: '필수 항목입니다' });
    expect(placed.rest).toContain('내용: 20,000자 이하여야 합니다');
    // a problem inside a field (one of its items, one of its answers) goes under the field
    expect(placeErrors(ko, refused, ['text', 'answers.q1', 'mystery'], () => 'ALERT').byField).toEqual({
      text: '20,000자 이하여야 합니다',
      'answers.q1': '5,000자 이하여야 합니다',
      mystery: '3 이상이어야 합니다',
    });
    const badCode = new ApiError(404, 'join.bad-code', 'No exercise team has this join code');
    expect(
      placeErrors(ko, badCode, ['code'], (e) => errorText(ko, e as ApiError, false), { 'join.bad-code': 'code' }),
    ).toEqual({
      byField: { code: '이 참가 코드에 해당하는 훈련 팀이 없습니다. 진행관에게 확인하십시오' },
      rest: undefined,
    });
  });

  it('has words for every zod issue a request body can raise', async () => {
    const issues: FieldProblem[] = [
      ...['string', 'number', 'array', 'set', 'date'].flatMap((origin) => [
        problem(['name'], 'too_small', { origin, minimum: 2 }),
        problem(['name'], 'too_big', { origin, maximum: 9 }),
      ]),
      ...['regex', 'email', 'datetime', 'date', 'url', 'uuid'].map((format) =>
        problem(['subject'], 'invalid_format', { format }),
      ),
      ...['string', 'number', 'int', 'boolean', 'array', 'object'].map((expected) =>
        problem(['points'], 'invalid_type', { expected }),
      ),
      problem(['role'], 'invalid_value', { values: 'admin, observer' }),
      problem(['points'], 'not_multiple_of', { divisor: 5 }),
      problem(['to'], 'invalid_union'),
      problem(['ratings', 'x'], 'invalid_key'),
      problem(['displayName'], 'custom', { code: 'name.invisible' }),
      problem(['displayName'], 'custom'),
    ];
    for (const lng of ['en', 'ko'] as const) {
      const i18n = await reader(lng);
      for (const p of issues) {
        const line = problemLine(i18n, p);
        expect(line, `${lng} ${p.code} ${JSON.stringify(p.params)}`).not.toMatch(/SERVER SENTENCE|\{\{|errors\./);
        if (lng === 'ko') expect(line, `${p.code} ${JSON.stringify(p.params)}`).toMatch(HANGUL);
      }
    }
  });
});
