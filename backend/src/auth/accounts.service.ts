import { Injectable } from '@nestjs/common';
import { badInput, conflict, DomainError, notFound } from '../common/domain-error.js';
import { oneTimePassword, passwordProblem } from './password-policy.js';
import type { SessionOrigin } from './sessions.service.js';
import { SessionsService } from './sessions.service.js';
import type { UserPrincipal } from './principal.js';
import type { Role, UserEntity } from './user.entity.js';
import { type PublicUser, toPublicUser, UsersService } from './users.service.js';

export interface AccountView extends PublicUser {
  /** open sessions (signed-in browsers) of the account */
  sessions: number;
}

/**
 * What an administrator does to accounts, and what every staff user does to their own password.
 * Every change that alters who someone is or what they may do ends their open sessions at once.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  async list(): Promise<AccountView[]> {
    const [users, open] = await Promise.all([this.users.list(), this.sessions.openCountByUser()]);
    return users.map((u) => ({ ...toPublicUser(u), sessions: open.get(u.id) ?? 0 }));
  }

  async changeRole(by: UserPrincipal, id: string, role: Role): Promise<PublicUser> {
    const user = await this.target(id);
    if (user.role === role) return toPublicUser(user);
    if (user.id === by.userId)
      throw conflict('account.own-role', 'You cannot change your own role; ask another administrator');
    if (user.role === 'admin' && user.disabledAt === null) await this.keepOneAdmin();
    await this.users.update(id, { role });
    await this.sessions.endAllOf({ userId: id }, 'role-changed');
    return toPublicUser({ ...user, role });
  }

  async setDisabled(by: UserPrincipal, id: string, disabled: boolean): Promise<PublicUser> {
    const user = await this.target(id);
    if (disabled && user.id === by.userId) throw conflict('account.own-disable', 'You cannot disable your own account');
    if (disabled && user.disabledAt === null && user.role === 'admin') await this.keepOneAdmin();
    const disabledAt = disabled ? (user.disabledAt ?? Date.now()) : null;
    await this.users.update(id, { disabledAt });
    if (disabled) await this.sessions.endAllOf({ userId: id }, 'disabled');
    return toPublicUser({ ...user, disabledAt });
  }

  /** A new one-time password, returned once; the user must replace it at the next sign-in. */
  async resetPassword(by: UserPrincipal, id: string): Promise<{ user: PublicUser; oneTimePassword: string }> {
    const user = await this.target(id);
    if (user.authSource !== 'local')
      throw conflict(
        'account.sso',
        'This account signs in through single sign-on; its password is managed by the identity provider',
      );
    if (user.id === by.userId)
      throw conflict(
        'account.own-reset',
        'Change your own password from your account menu (it asks for the current one)',
      );
    const password = oneTimePassword();
    await this.users.update(id, { password, mustChangePassword: true });
    await this.sessions.endAllOf({ userId: id }, 'password-reset');
    return { user: toPublicUser({ ...user, mustChangePassword: true }), oneTimePassword: password };
  }

  /**
   * Deletes an account without losing the audit trail: the row and its id stay (the exercise event
   * log and reports name actors by id), the username and name are anonymised, the password is unusable.
   */
  async delete(by: UserPrincipal, id: string): Promise<void> {
    const user = await this.target(id);
    if (user.id === by.userId) throw conflict('account.own-delete', 'You cannot delete your own account');
    if (user.role === 'admin' && user.disabledAt === null) await this.keepOneAdmin();
    await this.users.update(id, {
      deletedAt: Date.now(),
      disabledAt: user.disabledAt ?? Date.now(),
      username: `deleted-${user.id}`,
      displayName: 'Deleted user',
      password: oneTimePassword() + oneTimePassword(),
    });
    await this.sessions.endAllOf({ userId: id }, 'deleted');
  }

  /**
   * A staff user changes their own password (the current one is required). Every session of the
   * account ends, this one included, and a fresh session is returned for the caller.
   */
  async changeOwnPassword(
    me: UserPrincipal,
    current: string,
    next: string,
    origin: SessionOrigin,
  ): Promise<{ token: string; user: PublicUser }> {
    const user = await this.users.findById(me.userId);
    if (!user || user.disabledAt !== null)
      throw new DomainError('unauthenticated', 'auth.user-gone', 'This account no longer exists or is disabled');
    if (user.authSource !== 'local')
      throw conflict(
        'account.sso',
        'This account signs in through single sign-on; change the password at your identity provider',
      );
    if (!(await this.users.passwordMatches(user, current)))
      throw badInput('auth.wrong-password', 'currentPassword: this is not your current password');
    if (current === next) throw badInput('auth.same-password', 'newPassword: must differ from the current password');
    const problem = passwordProblem(next, user);
    if (problem) throw badInput('auth.weak-password', `newPassword: ${problem}`);
    await this.users.update(user.id, { password: next, mustChangePassword: false });
    await this.sessions.endAllOf({ userId: user.id }, 'password-changed');
    const fresh: UserEntity = { ...user, mustChangePassword: false };
    const { token } = await this.sessions.issue(
      { kind: 'user', userId: user.id, username: user.username, role: user.role },
      origin,
    );
    return { token, user: toPublicUser(fresh) };
  }

  private async target(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('user', id);
    return user;
  }

  private async keepOneAdmin(): Promise<void> {
    if ((await this.users.activeAdmins()) <= 1)
      throw conflict('account.last-admin', 'This is the last active administrator; make another account admin first');
  }
}
