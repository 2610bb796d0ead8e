import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv, type TestEnv } from '../support/app-process.js';

/**
 * A staff member's interface language is kept on the account, through the real API: chosen once
 * (PUT /api/auth/me/language), returned by every sign-in and by /api/auth/me in any other browser,
 * kept in the database across a restart; only staff may set it, and only to a language the
 * interface speaks.
 */
describe('the interface language of a staff account', () => {
  let env: TestEnv;
  let app: RunningProcess;
  const PASSWORD = 'a-good-long-password-1';
  const newStaff = async (username: string, role: string) => {
    const admin = await Api.login(app.url, 'admin');
    await admin.ok('POST', '/users', { username, displayName: `Test ${username}`, password: PASSWORD, role });
    return Api.login(app.url, username, PASSWORD);
  };

  beforeAll(async () => {
    env = testEnv('staff-language');
    app = await startBackend(env);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('is chosen once and follows the account to every sign-in, across a restart', async () => {
    const first = await newStaff('duty.officer', 'facilitator');
    expect((await first.get('/auth/me')).body.language).toBeNull();

    const set = await first.request('PUT', '/auth/me/language', { language: 'ko' });
    expect(set.status).toBe(200);
    expect(set.body.language).toBe('ko');
    expect(set.body.username).toBe('duty.officer');

    // another browser: the sign-in answer and "who am I" both carry it
    const other = new Api(app.url);
    const login = await other.post('/auth/login', { username: 'duty.officer', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.language).toBe('ko');
    other.token = login.body.token;
    expect((await other.get('/auth/me')).body.language).toBe('ko');

    // someone else's account is untouched
    const instructor = await Api.login(app.url, 'instructor');
    expect((await instructor.get('/auth/me')).body.language).toBeNull();

    // and back to English from the second browser
    expect((await other.request('PUT', '/auth/me/language', { language: 'en' })).body.language).toBe('en');
    expect((await first.get('/auth/me')).body.language).toBe('en');
    expect((await other.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(200);

    await app.stop();
    app = await startBackend(env);
    expect((await Api.login(app.url, 'duty.officer', PASSWORD).then((a) => a.get('/auth/me'))).body.language).toBe(
      'ko',
    );
  }, 90_000);

  it('takes only a language the interface speaks, and only from staff', async () => {
    const staff = await newStaff('watch.observer', 'observer');
    for (const body of [{ language: 'fr' }, { language: 'KO' }, {}, { language: 'ko', extra: 1 }]) {
      const r = await staff.request('PUT', '/auth/me/language', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code, JSON.stringify(body)).toBeTruthy();
    }
    expect((await staff.get('/auth/me')).body.language).toBeNull();

    expect((await new Api(app.url).request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(401);
    const exercise = await createExercise(await Api.login(app.url), 'demo');
    const player = await Api.join(app.url, teamByKey(exercise, exercise.teams[0].key).joinCode ?? '', 'Min-jun');
    expect((await player.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(403);
  });
});
