import { z } from 'zod';

/**
 * Invisible characters that let a name pass for another one: bidirectional controls (U+202A–202E,
 * U+2066–2069, U+200E/200F, U+061C reorder what follows) and zero-width characters (U+200B–200D,
 * U+2060, U+FEFF: "admin" and "admin\u200B" look the same).
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** A display name others will read: trimmed, in NFC, no markup, control or invisible characters. */
export const displayName = (max: number, empty = 'must not be empty') =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max)
    // `*`: an empty name is the minimum's to report, once
    .regex(/^[^<>\p{Cc}]*$/u, 'may not contain < > or control characters')
    .refine((s) => !INVISIBLE.test(s), {
      message:
        'may not contain invisible characters (zero-width spaces or right-to-left/left-to-right controls): type the name as it should read',
      params: { code: 'name.invisible' },
    })
    // one spelling per name: "é" typed as one character or as e + accent compares equal
    .transform((s) => s.normalize('NFC'));
