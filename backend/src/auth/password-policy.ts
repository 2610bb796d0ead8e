import { randomBytes } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * What is wrong with a new password, in words a person can act on, or null when it is acceptable.
 * Length is what matters most (NIST SP 800-63B); composition rules are not imposed.
 */
export function passwordProblem(password: string, owner: { username: string; displayName?: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters (a short sentence is easiest to remember)`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.trim().toLowerCase();
  if (lower === owner.username.toLowerCase()) return 'must not be your username';
  if (owner.displayName && lower === owner.displayName.trim().toLowerCase()) return 'must not be your name';
  if (new Set(password).size < 4) return 'is too simple: use at least 4 different characters';
  return null;
}

/** A one-time password: 16 characters from an alphabet without look-alikes, read out or typed by hand. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(32);
  let out = '';
  // rejection sampling keeps every symbol equally likely
  for (const b of bytes) {
    if (b >= 256 - (256 % alphabet.length)) continue;
    out += alphabet[b % alphabet.length];
    if (out.length === 16) break;
  }
  return out.length === 16 ? out : oneTimePassword();
}
