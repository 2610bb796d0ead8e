import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-types.js';

export const ROLES = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export type AuthSource = 'local' | 'oidc';
/** The languages the interface speaks (scenario content has its own, per pack). */
export const INTERFACE_LANGUAGES = ['en', 'ko'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  /** a disabled account cannot sign in; its sessions were ended when it was disabled */
  @Column({ name: 'disabled_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  disabledAt!: number | null;

  /** deleted accounts keep their row (and id) so the exercise event log still names an actor; the name is anonymised */
  @Column({ name: 'deleted_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  deletedAt!: number | null;

  /** a generated or reset password: the next sign-in may do nothing but choose a new one */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** `local` (password) or `oidc` (single sign-on, no usable password) */
  @Column({ name: 'auth_source', type: 'varchar', length: 20, default: 'local' })
  authSource!: AuthSource;

  /** the identity provider's subject (`sub`) of a single-sign-on account */
  @Column({ name: 'external_subject', type: 'varchar', length: 255, nullable: true })
  externalSubject!: string | null;

  @Column({ name: 'last_sign_in_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  lastSignInAt!: number | null;

  /** the interface language this person chose (`en`, `ko`); null until chosen */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: InterfaceLanguage | null;
}
