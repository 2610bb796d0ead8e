import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

/**
 * Accounts, passwords and sessions through the real API and real sockets, on two API instances
 * sharing one database and one Redis: whatever ends a session ends it on both at once.
 */
let a: RunningProcess;
let b: RunningProcess;
let admin: Api;
let ex: ExerciseDetail;

beforeAll(async () => {
  const env = testEnv('accounts');
  a = await startBackend(env);
  b = await startBackend(env, { worker: 'off' });
  admin = await Api.login(a.url, 'admin');
  ex = await createExercise(await Api.login(a.url), 'demo');
}, 120_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const on = (proc: RunningProcess, api: Api) => new Api(proc.url, api.token);
const sockets: RecordingClient[] = [];
afterAll(() => sockets.forEach((s) => s.close()));
async function socketOf(proc: RunningProcess, api: Api): Promise<RecordingClient> {
  const s = new RecordingClient(proc.url, api.token);
  sockets.push(s);
  expect(await s.ready()).toBe('ready');
  return s;
}
const ended = (s: RecordingClient) =>
  s.of('session:error').some((e: { code: string }) => e.code === 'session.ended') && !s.socket.connected;

async function newStaff(
  username: string,
  role: string,
  password = 'a-good-long-password-1',
): Promise<{ id: string; api: Api }> {
  const created = await admin.ok<{ id: string }>('POST', '/users', {
    username,
    displayName: `Test ${username}`,
    password,
    role,
  });
  return { id: created.id, api: await Api.login(a.url, username, password) };
}

describe('ending sessions', () => {
  it('logout ends the token at once on every instance and disconnects its socket on the other instance', async () => {
    const { api } = await newStaff('logout.user', 'facilitator');
    const socket = await socketOf(b, api);
    expect((await on(b, api).get('/auth/me')).status).toBe(200);
    expect((await api.request('POST', '/auth/logout')).status).toBe(204);
    // the very next request, on either instance, is refused
    expect((await api.get('/exercises')).status).toBe(401);
    expect((await on(b, api).get('/exercises')).status).toBe(401);
    await until(() => ended(socket), 5_000, 'the socket on instance B to be disconnected');
    // and a new socket with the old token is refused
    const again = new RecordingClient(b.url, api.token);
    sockets.push(again);
    expect(await again.ready()).toBe('rejected');
  });

  it('a password change ends every other session of the account and returns a fresh one', async () => {
    const { api: first } = await newStaff('pw.user', 'evaluator');
    const second = await Api.login(a.url, 'pw.user', 'a-good-long-password-1');
    const socket = await socketOf(b, second);
    const bad = async (body: unknown) =>
      (await first.post('/auth/password', body)) as { status: number; body: { message: string } };
    const wrongCurrent = await bad({ currentPassword: 'not-my-password-xx', newPassword: 'another-good-password' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.message).toMatch(/currentPassword: this is not your current password/);
    const short = await bad({ currentPassword: 'a-good-long-password-1', newPassword: 'short-pw' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/newPassword: must be at least 12 characters/);
    const asName = await bad({ currentPassword: 'a-good-long-password-1', newPassword: 'PW.USER' });
    expect(asName.status).toBe(400);
    expect(asName.body.message).toMatch(/newPassword: must be at least 12 characters/);
    const same = await bad({ currentPassword: 'a-good-long-password-1', newPassword: 'a-good-long-password-1' });
    expect(same.status).toBe(400);
    expect(same.body.message).toMatch(/must differ from the current password/);
    const equal = await (async () => {
      const u = await newStaff('longusername12', 'observer');
      return (await u.api.post('/auth/password', {
        currentPassword: 'a-good-long-password-1',
        newPassword: 'LongUsername12',
      })) as { status: number; body: { message: string } };
    })();
    expect(equal.status).toBe(400);
    expect(equal.body.message).toMatch(/must not be your username/);

    const changed = await first.post<{ token: string }>('/auth/password', {
      currentPassword: 'a-good-long-password-1',
      newPassword: 'a-brand-new-password-2',
    });
    expect(changed.status).toBe(200);
    expect((await first.get('/exercises')).status).toBe(401);
    expect((await on(b, second).get('/exercises')).status).toBe(401);
    await until(() => ended(socket), 5_000, 'the other session’s socket to be disconnected');
    expect((await new Api(b.url, changed.body.token).get('/auth/me')).status).toBe(200);
    expect(
      (await new Api(a.url).post('/auth/login', { username: 'pw.user', password: 'a-good-long-password-1' })).status,
    ).toBe(401);
    expect((await Api.login(b.url, 'pw.user', 'a-brand-new-password-2')).token).toBeTruthy();
  });
});

describe('accounts (administrators)', () => {
  it('creates an account with a one-time password that must be changed before anything else', async () => {
    const created = await admin.post<{ id: string; oneTimePassword: string; mustChangePassword: boolean }>('/users', {
      username: 'new.fac',
      displayName: 'New Facilitator',
      role: 'facilitator',
    });
    expect(created.status).toBe(201);
    expect(created.body.oneTimePassword).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(created.body.mustChangePassword).toBe(true);
    // the one-time password is never shown again
    expect(JSON.stringify(await admin.ok('GET', '/users'))).not.toContain(created.body.oneTimePassword);
    const fac = await Api.login(a.url, 'new.fac', created.body.oneTimePassword);
    const me = await fac.ok<{ mustChangePassword: boolean }>('GET', '/auth/me');
    expect(me.mustChangePassword).toBe(true);
    const blocked = await fac.get<{ code: string }>('/exercises');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('auth.password-change-required');
    expect(await new RecordingClient(a.url, fac.token).ready()).toBe('rejected');
    const changed = await fac.ok<{ token: string; user: { mustChangePassword: boolean } }>('POST', '/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: 'my-own-password-now',
    });
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await new Api(a.url, changed.token).get('/exercises')).status).toBe(200);
  });

  it('refuses bad input with a 4xx naming the field, and duplicates with 409', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ username: 'x', displayName: 'X', role: 'observer' }, 400, /username/],
      [
        { username: 'role.bad', displayName: 'X', role: 'superuser' },
        400,
        /role: must be one of admin, instructor, facilitator, evaluator, observer/,
      ],
      [
        { username: 'weak.pw', displayName: 'X', role: 'observer', password: 'short' },
        400,
        /password: must be at least 12 characters/,
      ],
      [{ username: 'admin', displayName: 'X', role: 'observer' }, 409, /already exists/],
      [{ username: 'deleted-x', displayName: 'X', role: 'observer' }, 400, /reserved/],
    ];
    for (const [body, status, message] of cases) {
      const r = await admin.post<{ message: string }>('/users', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.message).toMatch(message);
    }
    expect((await admin.post('/users/00000000-0000-0000-0000-000000000000/role', { role: 'observer' })).status).toBe(
      404,
    );
    const me = await admin.ok<{ id: string }>('GET', '/auth/me');
    expect((await admin.post(`/users/${me.id}/disable`)).status).toBe(409);
    expect((await admin.request('DELETE', `/users/${me.id}`)).status).toBe(409);
  });

  it('disabling ends the sessions at once and refuses sign-in; enabling lets the user back', async () => {
    const { id, api } = await newStaff('to.disable', 'instructor');
    const socket = await socketOf(b, api);
    expect((await admin.post(`/users/${id}/disable`)).status).toBe(200);
    expect((await on(b, api).get('/exercises')).status).toBe(401);
    await until(() => ended(socket), 5_000, 'the disabled user’s socket to be disconnected');
    const refused = await new Api(a.url).post<{ code: string }>('/auth/login', {
      username: 'to.disable',
      password: 'a-good-long-password-1',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.disabled');
    const list = await admin.ok<{ username: string; disabled: boolean; sessions: number }[]>('GET', '/users');
    expect(list.find((u) => u.username === 'to.disable')).toMatchObject({ disabled: true, sessions: 0 });
    expect((await admin.post(`/users/${id}/enable`)).status).toBe(200);
    expect((await Api.login(b.url, 'to.disable', 'a-good-long-password-1')).token).toBeTruthy();
  });

  it('a role change ends the sessions, and the next sign-in carries the new role', async () => {
    const { id, api } = await newStaff('to.demote', 'facilitator');
    expect((await api.post(`/exercises/${ex.id}/journal`, { text: 'before the change' })).status).toBe(201);
    expect((await admin.post(`/users/${id}/role`, { role: 'observer' })).status).toBe(200);
    expect((await on(b, api).get('/exercises')).status).toBe(401);
    const again = await Api.login(a.url, 'to.demote', 'a-good-long-password-1');
    expect((await again.ok<{ role: string }>('GET', '/auth/me')).role).toBe('observer');
    expect((await again.post(`/exercises/${ex.id}/journal`, { text: 'after' })).status).toBe(403);
  });

  it('a password reset ends the sessions and gives a one-time password that must be changed', async () => {
    const { id, api } = await newStaff('to.reset', 'evaluator');
    const reset = await admin.ok<{ oneTimePassword: string }>('POST', `/users/${id}/reset-password`);
    expect((await api.get('/exercises')).status).toBe(401);
    expect(
      (await new Api(a.url).post('/auth/login', { username: 'to.reset', password: 'a-good-long-password-1' })).status,
    ).toBe(401);
    const otp = await Api.login(a.url, 'to.reset', reset.oneTimePassword);
    expect((await otp.get<{ code: string }>('/exercises')).body.code).toBe('auth.password-change-required');
  });

  it('deleting keeps the audit trail: the log still names the actor, anonymised, and the name is free again', async () => {
    const { id, api } = await newStaff('to.delete', 'facilitator');
    expect((await api.post(`/exercises/${ex.id}/journal`, { text: 'note by a leaver' })).status).toBe(201);
    expect((await admin.request('DELETE', `/users/${id}`)).status).toBe(204);
    expect((await api.get('/exercises')).status).toBe(401);
    expect(
      (await new Api(a.url).post('/auth/login', { username: 'to.delete', password: 'a-good-long-password-1' })).status,
    ).toBe(401);
    expect((await admin.ok<{ id: string }[]>('GET', '/users')).some((u) => u.id === id)).toBe(false);
    const events = await admin.ok<{ type: string; actor: string }[]>('GET', `/exercises/${ex.id}/events`);
    expect(events.some((e) => e.type === 'journal.note' && e.actor === `user:${id}`)).toBe(true);
    const report = JSON.stringify(await admin.ok('GET', `/exercises/${ex.id}/report`));
    expect(report).toContain('note by a leaver');
    expect(report).toContain('Deleted user');
    expect(report).not.toContain('Test to.delete');
    expect(
      (await admin.post('/users', { username: 'to.delete', displayName: 'Reused', role: 'observer' })).status,
    ).toBe(201);
  });

  it('lists open sessions for an administrator, who can end one', async () => {
    const { api } = await newStaff('watched', 'observer');
    const socket = await socketOf(b, api);
    const sessions = await admin.ok<{ id: string; name: string; kind: string; role: string }[]>('GET', '/sessions');
    const mine = sessions.filter((s) => s.name === 'watched');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'user', role: 'observer' });
    expect((await admin.request('DELETE', `/sessions/${mine[0]?.id ?? ''}`)).status).toBe(204);
    expect((await api.get('/exercises')).status).toBe(401);
    await until(() => ended(socket), 5_000, 'the ended session’s socket to be disconnected');
    expect((await admin.request('DELETE', `/sessions/${mine[0]?.id ?? ''}`)).status).toBe(404);
    expect((await api.get('/sessions')).status).toBe(401);
  });
});

describe('player seats', () => {
  it('a facilitator removes a participant: session over, socket disconnected, entries kept', async () => {
    const staff = await Api.login(a.url);
    const code = teamByKey(ex, 'soc').joinCode ?? '';
    const player = await Api.join(a.url, code, 'leaving player');
    const mate = await Api.join(b.url, code, 'staying player');
    const socket = await socketOf(b, player);
    const thread = await player.ok<{ id: string }>('POST', '/play/threads', {
      subject: 'Before removal',
      text: 'kept in the log',
    });
    const seats = await staff.ok<{ id: string; displayName: string; online: boolean }[]>(
      'GET',
      `/exercises/${ex.id}/participants`,
    );
    const seat = seats.find((s) => s.displayName === 'leaving player');
    expect(seat?.online).toBe(true);
    expect((await staff.post(`/exercises/${ex.id}/participants/${seat?.id ?? ''}/remove`)).status).toBe(200);
    expect((await player.get('/play/session')).status).toBe(401);
    expect((await on(b, player).get('/play/injects')).status).toBe(401);
    await until(() => ended(socket), 5_000, 'the removed player’s socket to be disconnected');
    expect(await new RecordingClient(b.url, player.token).ready()).toBe('rejected');
    // teammates keep playing and still see what the removed player wrote
    const threads = await mate.ok<{ id: string }[]>('GET', '/play/threads');
    expect(threads.some((t) => t.id === thread.id)).toBe(true);
    const after = await staff.ok<{ id: string; removedAt: number | null; online: boolean }[]>(
      'GET',
      `/exercises/${ex.id}/participants`,
    );
    expect(after.find((s) => s.id === seat?.id)).toMatchObject({ online: false });
    expect(after.find((s) => s.id === seat?.id)?.removedAt).toBeGreaterThan(0);
    const events = await staff.ok<{ type: string }[]>('GET', `/exercises/${ex.id}/events`);
    expect(events.some((e) => e.type === 'participant.removed')).toBe(true);
    expect(
      (await staff.post(`/exercises/${ex.id}/participants/00000000-0000-0000-0000-000000000000/remove`)).status,
    ).toBe(404);
  });

  it('rotating a join code stops the old one at once; seated players stay', async () => {
    const staff = await Api.login(a.url);
    const team = teamByKey(ex, 'cert');
    const seated = await Api.join(a.url, team.joinCode ?? '', 'seated before');
    const rotated = await staff.ok<{ joinCode: string }>('POST', `/exercises/${ex.id}/teams/${team.id}/rotate-code`);
    expect(rotated.joinCode).not.toBe(team.joinCode);
    const old = await new Api(b.url).post<{ code: string }>('/join', { code: team.joinCode, displayName: 'late' });
    expect(old.status).toBe(404);
    expect(old.body.code).toBe('join.bad-code');
    expect((await Api.join(b.url, rotated.joinCode, 'with the new code')).teamId).toBe(team.id);
    expect((await seated.get('/play/session')).status).toBe(200);
    const detail = await staff.ok<ExerciseDetail>('GET', `/exercises/${ex.id}`);
    expect(teamByKey(detail, 'cert').joinCode).toBe(rotated.joinCode);
    team.joinCode = rotated.joinCode;
  });

  it('caps the seats of a team: a join beyond the cap gets 409 naming the cap; a removal or the player’s own Leave frees a seat', async () => {
    const staff = await Api.login(a.url);
    const fresh = await createExercise(staff, 'demo');
    const team = teamByKey(fresh, 'soc');
    expect(
      (await staff.request('PUT', `/exercises/${fresh.id}/teams/${team.id}/seat-limit`, { seatLimit: 0 })).status,
    ).toBe(400);
    expect(
      (await staff.request('PUT', `/exercises/${fresh.id}/teams/${team.id}/seat-limit`, { seatLimit: 2 })).status,
    ).toBe(200);
    await Api.join(a.url, team.joinCode ?? '', 'one');
    const two = await Api.join(b.url, team.joinCode ?? '', 'two');
    const third = await new Api(a.url).post<{ code: string; message: string }>('/join', {
      code: team.joinCode,
      displayName: 'three',
    });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('join.team-full');
    expect(third.body.message).toMatch(/full \(2 seats\)/);
    const access = await staff.ok<{ teamId: string; seatLimit: number; seatsTaken: number }[]>(
      'GET',
      `/exercises/${fresh.id}/team-access`,
    );
    expect(access.find((t) => t.teamId === team.id)).toMatchObject({ seatLimit: 2, seatsTaken: 2 });
    const seats = await staff.ok<{ id: string; displayName: string }[]>('GET', `/exercises/${fresh.id}/participants`);
    await staff.ok(
      'POST',
      `/exercises/${fresh.id}/participants/${seats.find((s) => s.displayName === 'one')?.id ?? ''}/remove`,
    );
    expect((await Api.join(a.url, team.joinCode ?? '', 'three')).teamId).toBe(team.id);
    // full again; a player's own Leave (sign-out) frees their seat as well
    expect((await new Api(a.url).post('/join', { code: team.joinCode, displayName: 'five' })).status).toBe(409);
    expect((await two.request('POST', '/auth/logout')).status).toBe(204);
    expect(
      (await staff.ok<{ teamId: string; seatsTaken: number }[]>('GET', `/exercises/${fresh.id}/team-access`)).find(
        (t) => t.teamId === team.id,
      )?.seatsTaken,
    ).toBe(1);
    expect((await Api.join(a.url, team.joinCode ?? '', 'five')).teamId).toBe(team.id);
    expect((await new Api(a.url).post('/join', { code: team.joinCode, displayName: 'six' })).status).toBe(409);
    // lifting the cap
    expect(
      (await staff.request('PUT', `/exercises/${fresh.id}/teams/${team.id}/seat-limit`, { seatLimit: null })).status,
    ).toBe(200);
    await Api.join(a.url, team.joinCode ?? '', 'four');
  });

  it('a player’s own logout ends their seat’s session too', async () => {
    const player = await Api.join(a.url, teamByKey(ex, 'soc').joinCode ?? '', 'leaver');
    expect((await player.request('POST', '/auth/logout')).status).toBe(204);
    expect((await on(b, player).get('/play/session')).status).toBe(401);
  });
});

describe('single sign-on when it is not configured', () => {
  it('offers no "Sign in with …" button and answers the sign-in routes with 404', async () => {
    const anon = new Api(a.url);
    expect(await anon.ok('GET', '/auth/oidc')).toEqual({ enabled: false });
    const start = await fetch(`${a.url}/api/auth/oidc/login`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(start.status).toBe(404);
    expect(((await start.json()) as { code: string }).code).toBe('sso.not-configured');
    const page = await fetch(`${a.url}/api/auth/oidc/callback?code=x&state=y`, {
      redirect: 'manual',
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Single sign-on is not configured on this platform');
  });
});

describe('first run', () => {
  it('without ADMIN_PASSWORD or DEMO_ACCOUNTS: only admin, with a generated password to change at first sign-in', async () => {
    const fresh = await startBackend(testEnv('first-run'), {
      omitEnv: ['ADMIN_PASSWORD', 'DEMO_ACCOUNTS', 'DEMO_PASSWORD'],
    });
    try {
      const line = /admin\s+username: admin\s+password: (\S+)/.exec(fresh.output());
      expect(line, fresh.output()).not.toBeNull();
      expect(fresh.output()).not.toMatch(/username: instructor/);
      const first = await Api.login(fresh.url, 'admin', line?.[1] ?? '');
      expect((await first.get<{ code: string }>('/users')).body.code).toBe('auth.password-change-required');
      expect(
        (await new Api(fresh.url).post('/auth/login', { username: 'instructor', password: line?.[1] ?? '' })).status,
      ).toBe(401);
    } finally {
      await fresh.stop();
    }
  });

  it('with ADMIN_PASSWORD and DEMO_ACCOUNTS, admin and the demo instructor never share a password', async () => {
    // the suite's own platform: admin has ADMIN_PASSWORD, the instructor its own DEMO_PASSWORD
    expect(
      (await new Api(a.url).post('/auth/login', { username: 'instructor', password: ADMIN_PASSWORD })).status,
    ).toBe(401);
    expect((await admin.ok<{ mustChangePassword: boolean }>('GET', '/auth/me')).mustChangePassword).toBe(false);
    const refused = await startBackend(testEnv('same-pw'), { extraEnv: { DEMO_PASSWORD: ADMIN_PASSWORD } }).then(
      async (p) => {
        await p.stop();
        return 'started';
      },
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/DEMO_PASSWORD: must differ from ADMIN_PASSWORD/);
  });
});
