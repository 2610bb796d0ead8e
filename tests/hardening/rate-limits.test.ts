import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import {
  ADMIN_PASSWORD,
  INSTRUCTOR_PASSWORD,
  type RunningProcess,
  startBackend,
  testEnv,
} from '../support/app-process.js';

/**
 * Sign-in and join limits hold across API instances (counted in Redis), count the client's real
 * address (X-Forwarded-For only from a proxy TRUST_PROXY names), and answer 429 with Retry-After.
 *
 * Two instances behind a "load balancer" on loopback (TRUST_PROXY=loopback): each test speaks as
 * its own client address through X-Forwarded-For, so the tests do not share a count. A third
 * instance trusts no proxy, as by default.
 */
let api1: RunningProcess;
let api2: RunningProcess;
let direct: RunningProcess;
let ex: ExerciseDetail;

beforeAll(async () => {
  const env = testEnv('rate-limits');
  api1 = await startBackend(env, { extraEnv: { TRUST_PROXY: 'loopback' } });
  api2 = await startBackend(env, { worker: 'off', extraEnv: { TRUST_PROXY: 'loopback' } });
  direct = await startBackend(testEnv('rate-limits-direct'));
  ex = await createExercise(await Api.login(api1.url), 'demo');
}, 120_000);
afterAll(async () => {
  await Promise.all([api1?.stop(), api2?.stop(), direct?.stop()]);
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { code?: string; message?: string; retryAfterSeconds?: number };
}

async function post(base: string, path: string, body: unknown, clientAddress?: string): Promise<Answer> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(clientAddress ? { 'x-forwarded-for': clientAddress } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

/** Alternate between the two instances, as a load balancer would. */
const instance = (i: number) => (i % 2 === 0 ? api1 : api2).url;

function expectLimited(r: Answer, code: string, withinSeconds: number): void {
  expect(r.status).toBe(429);
  expect(r.body.code).toBe(code);
  const seconds = Number(r.retryAfter);
  expect(seconds, 'Retry-After in seconds').toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(withinSeconds);
  expect(r.body.retryAfterSeconds).toBe(seconds);
  expect(r.body.message).toMatch(/try again in \d+ minute\(s\)/);
}

describe('sign-in', () => {
  it('locks an account out from an address after 10 failures spread over two instances, with Retry-After', async () => {
    const client = '198.51.100.10';
    for (let i = 0; i < 10; i++)
      expect(
        (await post(instance(i), '/auth/login', { username: 'admin', password: `wrong-${i}` }, client)).status,
      ).toBe(401);
    for (const base of [api1.url, api2.url]) {
      expectLimited(
        await post(base, '/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, client),
        'auth.locked',
        15 * 60,
      );
    }
    // another client address, and another account from this address, are not locked
    expect(
      (await post(api2.url, '/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, '198.51.100.11')).status,
    ).toBe(200);
    expect(
      (await post(api1.url, '/auth/login', { username: 'instructor', password: INSTRUCTOR_PASSWORD }, client)).status,
    ).toBe(200);
  }, 120_000);

  it('slows one password tried across many usernames: at most 30 failures per address, then 429 for every account', async () => {
    const client = '198.51.100.20';
    let i = 0;
    for (; i < 30; i++)
      expect(
        (await post(instance(i), '/auth/login', { username: `user-${i}`, password: 'Spring2026!' }, client)).status,
        `attempt ${i}`,
      ).toBe(401);
    const next = await post(instance(i), '/auth/login', { username: 'user-new', password: 'Spring2026!' }, client);
    expectLimited(next, 'auth.locked', 15 * 60);
    expect(next.body.message).toMatch(/from your address/);
    // an account never tried from here is refused too: the limit is the address's
    expect(
      (await post(api2.url, '/auth/login', { username: 'instructor', password: INSTRUCTOR_PASSWORD }, client)).status,
    ).toBe(429);
  }, 180_000);

  it('does not let a client reset the lockout with its own X-Forwarded-For when no proxy is trusted', async () => {
    for (let i = 0; i < 10; i++)
      expect((await post(direct.url, '/auth/login', { username: 'admin', password: `wrong-${i}` })).status).toBe(401);
    expectLimited(
      await post(direct.url, '/auth/login', { username: 'admin', password: 'wrong' }),
      'auth.locked',
      15 * 60,
    );
    for (const spoofed of ['198.51.100.7', '203.0.113.9, 127.0.0.1']) {
      expect(
        (await post(direct.url, '/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, spoofed)).status,
        spoofed,
      ).toBe(429);
    }
    // nor claim HTTPS for its cookie
    const res = await fetch(`${direct.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'instructor', password: INSTRUCTOR_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('ttx_session='))).not.toMatch(/; Secure/);
  }, 120_000);
});

describe('joining with a code', () => {
  it('allows 30 wrong codes per address over both instances, then answers 429 with Retry-After, even to a right code', async () => {
    const client = '198.51.100.30';
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const r = await post(
        instance(i),
        '/join',
        {
          code: `WXYZ-${String(1000 + i)
            .slice(-4)
            .replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)] ?? 'A')}`,
          displayName: 'guesser',
        },
        client,
      );
      expect(r.status, `guess ${i}`).toBe(404);
    }
    const elapsed = Date.now() - started;
    const limited = await post(api2.url, '/join', { code: 'QQQQ-QQQQ', displayName: 'guesser' }, client);
    expectLimited(limited, 'join.rate-limited', 10 * 60);
    expect(
      (await post(api1.url, '/join', { code: teamByKey(ex, 'soc').joinCode, displayName: 'guesser' }, client)).status,
    ).toBe(429);
    console.log(`[rate-limits] 30 wrong codes took ${elapsed} ms, then 429 for ${limited.retryAfter} s`);
    // another address joins as usual
    expect(
      (
        await post(
          api1.url,
          '/join',
          { code: teamByKey(ex, 'soc').joinCode, displayName: 'colleague' },
          '198.51.100.31',
        )
      ).status,
    ).toBe(200);
  }, 120_000);

  it('does not count successful joins: a class of 60 behind one address all get their seats', async () => {
    const client = '198.51.100.40';
    for (let i = 0; i < 60; i++) {
      const code = teamByKey(ex, ['soc', 'cert', 'comms'][i % 3] ?? 'soc').joinCode;
      expect(
        (await post(instance(i), '/join', { code, displayName: `player ${i}` }, client)).status,
        `player ${i}`,
      ).toBe(200);
    }
    // nor mistakes that are not guesses (a display name refused)
    for (let i = 0; i < 35; i++)
      expect(
        (await post(instance(i), '/join', { code: teamByKey(ex, 'soc').joinCode, displayName: '<b>' }, client)).status,
      ).toBe(400);
    expect(
      (await post(api1.url, '/join', { code: teamByKey(ex, 'cert').joinCode, displayName: 'late' }, client)).status,
    ).toBe(200);
  }, 120_000);
});
