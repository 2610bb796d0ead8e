import { randomInt } from 'node:crypto';

// no 0/O, 1/I/L: codes are read aloud and typed from a projector
const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A team's join code: 8 symbols in two groups of four (about 40 bits). */
export const newJoinCode = () =>
  Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join('');

/** A code as typed (any case, with or without the dash or spaces) in its stored form. */
export function normaliseCode(code: string): string {
  const raw = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : code.toUpperCase();
}
