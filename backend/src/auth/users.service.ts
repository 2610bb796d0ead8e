import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import type { Repository } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { conflict } from '../common/domain-error.js';
import { type Role, UserEntity } from './user.entity.js';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export const toPublicUser = (u: UserEntity): PublicUser => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });


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

  async create(input: { username: string; displayName: string; password: string; role: Role }): Promise<PublicUser> {
    const username = input.username.toLowerCase();
    if (await this.users.existsBy({ username })) throw conflict('user.exists', `A user named "${username}" already exists`);
    const user = this.users.create({
      id: randomUUID(),
      username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
      createdAt: Date.now(),
    });
    await this.tx.run((m) => m.insert(UserEntity, user));
    return toPublicUser(user);
  }

  async verifyPassword(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findOneBy({ username: username.toLowerCase() });
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    return user && ok ? user : null;
  }

  list(): Promise<UserEntity[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** First run: create an admin and a demo instructor and print their passwords once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const adminPassword = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const accounts: { username: string; displayName: string; role: Role; password: string }[] = [
      { username: 'admin', displayName: 'Administrator', role: 'admin', password: adminPassword },
    ];
    if (this.config.demoAccounts) {
      accounts.push({ username: 'instructor', displayName: 'Demo instructor', role: 'instructor', password: this.config.adminPassword ?? randomBytes(12).toString('base64url') });
    }
    for (const a of accounts) {
      try {
        await this.create(a);
      } catch (e) {
        // another process created them first
        this.logger.warn(`first-run account ${a.username} not created: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
    const lines = accounts.map((a) => `  ${a.role.padEnd(11)} username: ${a.username.padEnd(11)} password: ${this.config.adminPassword ? '(ADMIN_PASSWORD)' : a.password}`);
    // printed once, on first start, so the operator can sign in; not written anywhere else
    process.stdout.write(`\nFirst start: accounts created (shown only this once; change them after signing in):\n${lines.join('\n')}\n\n`);
  }
}
