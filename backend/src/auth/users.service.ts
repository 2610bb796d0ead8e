import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { IsNull, type Repository } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { badInput, conflict } from '../common/domain-error.js';
import { oneTimePassword, passwordProblem } from './password-policy.js';
import { type AuthSource, type InterfaceLanguage, type Role, UserEntity } from './user.entity.js';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** the next sign-in may only choose a new password */
  mustChangePassword: boolean;
  disabled: boolean;
  authSource: AuthSource;
  createdAt: number;
  lastSignInAt: number | null;
  /** the interface language chosen for this account, applied at every sign-in; null until chosen */
  language: InterfaceLanguage | null;
}

export const toPublicUser = (u: UserEntity): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  mustChangePassword: u.mustChangePassword,
  disabled: u.disabledAt !== null,
  authSource: u.authSource,
  createdAt: u.createdAt,
  lastSignInAt: u.lastSignInAt,
  language: u.language ?? null,
});

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** omitted: a one-time password is generated, returned once, and must be changed at first sign-in */
  password?: string | undefined;
  mustChangePassword?: boolean | undefined;
}

const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** Staff accounts: rows, passwords, and the first-run accounts. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');
  /** verified against when the user does not exist, so timing does not reveal usernames */
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
  ) {}

  async create(
    input: NewUser,
    source: { authSource: AuthSource; externalSubject: string | null } = { authSource: 'local', externalSubject: null },
  ): Promise<PublicUser & { oneTimePassword?: string }> {
    const username = input.username.toLowerCase();
    const generated = input.password === undefined && source.authSource === 'local' ? oneTimePassword() : undefined;
    const password = input.password ?? generated;
    if (password !== undefined && input.password !== undefined) {
      const problem = passwordProblem(password, { username, displayName: input.displayName });
      if (problem) throw badInput('user.weak-password', `password: ${problem}`);
    }
    if (await this.users.existsBy({ username }))
      throw conflict('user.exists', `A user named "${username}" already exists`);
    const user = this.users.create({
      id: randomUUID(),
      username,
      displayName: input.displayName,
      role: input.role,
      // a single-sign-on account has no password that could ever verify
      passwordHash: password === undefined ? '!' : await hash(password),
      createdAt: Date.now(),
      disabledAt: null,
      deletedAt: null,
      mustChangePassword: generated !== undefined || (input.mustChangePassword ?? false),
      authSource: source.authSource,
      externalSubject: source.externalSubject,
      lastSignInAt: null,
      language: null,
    });
    await this.tx.run((m) => m.insert(UserEntity, user));
    return { ...toPublicUser(user), ...(generated ? { oneTimePassword: generated } : {}) };
  }

  /** The local, not deleted account with this username and password, or null. */
  async verifyPassword(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findOneBy({
      username: username.toLowerCase(),
      deletedAt: IsNull(),
      authSource: 'local',
    });
    return (await this.passwordMatches(user, password)) ? user : null;
  }

  /** Checks a password against an account in constant-ish time whether or not the account exists. */
  async passwordMatches(user: UserEntity | null, password: string): Promise<boolean> {
    this.dummyHash ??= hash(randomBytes(16).toString('hex'));
    const ok = await argon2
      .verify(user?.passwordHash && user.passwordHash !== '!' ? user.passwordHash : await this.dummyHash, password)
      .catch(() => false);
    return user !== null && user.passwordHash !== '!' && ok;
  }

  list(): Promise<UserEntity[]> {
    return this.users.find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** A live (not deleted) account. */
  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id, deletedAt: IsNull() });
  }

  findExternal(authSource: AuthSource, subject: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ authSource, externalSubject: subject });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username: username.toLowerCase() });
  }

  async update(
    id: string,
    changes: Partial<
      Pick<
        UserEntity,
        | 'role'
        | 'displayName'
        | 'disabledAt'
        | 'deletedAt'
        | 'mustChangePassword'
        | 'lastSignInAt'
        | 'username'
        | 'language'
      >
    > & { password?: string },
  ): Promise<void> {
    const { password, ...rest } = changes;
    const set: Partial<UserEntity> = {
      ...rest,
      ...(password !== undefined ? { passwordHash: await hash(password) } : {}),
    };
    await this.tx.run((m) => m.update(UserEntity, { id }, set));
  }

  /** Active (not disabled, not deleted) administrators. */
  activeAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin', disabledAt: IsNull(), deletedAt: IsNull() });
  }

  /**
   * First run: create `admin` (and, with DEMO_ACCOUNTS=true, the demo `instructor`), and print their
   * passwords once. A password chosen by the operator (ADMIN_PASSWORD, DEMO_PASSWORD) is kept; a
   * generated one must be changed at first sign-in.
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const accounts: { username: string; displayName: string; role: Role; password: string | undefined }[] = [
      { username: 'admin', displayName: 'Administrator', role: 'admin', password: this.config.adminPassword },
    ];
    if (this.config.demoAccounts)
      accounts.push({
        username: 'instructor',
        displayName: 'Demo instructor',
        role: 'instructor',
        password: this.config.demoPassword,
      });
    const lines: string[] = [];
    for (const a of accounts) {
      try {
        const created = await this.create(a);
        const shown =
          a.password !== undefined
            ? `(${a.username === 'admin' ? 'ADMIN_PASSWORD' : 'DEMO_PASSWORD'})`
            : (created.oneTimePassword ?? '');
        lines.push(`  ${a.role.padEnd(11)} username: ${a.username.padEnd(11)} password: ${shown}`);
      } catch (e) {
        // another process created them first
        this.logger.warn(`first-run account ${a.username} not created: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
    const generated = accounts.some((a) => a.password === undefined);
    // printed once, on first start, so the operator can sign in; not written anywhere else
    process.stdout.write(
      `\nFirst start: accounts created (shown only this once${generated ? '; a generated password must be changed at the first sign-in' : ''}):\n${lines.join('\n')}\n\n`,
    );
  }
}
