import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const MISSING = '\u0000';

/** what a pack error carries to be worded (PackError's message, code and params) */
type PackErrorWords = { message: string; code?: string; params?: Record<string, string | number> };

/**
 * Words a pack error in the interface language: the loader sends a code (`packError.*` in
 * author.json) and what fills it in (ids, field names and numbers, as written in the pack). An
 * error without a code, or with one this interface has no words for, keeps the loader's English.
 */
export function packErrorText(t: TFunction<['author', 'common']> | TFunction<'author'>, e: PackErrorWords): string {
  if (!e.code) return e.message;
  const key = `packError.${e.code}`;
  const at = t as TFunction<'author'>;
  const params: Record<string, string | number> = { ...e.params };
  // the type a field expects, in words ("text", "a list"), not zod's name for it
  if (typeof params.expected === 'string')
    params.expected = at(`packError.type.${params.expected}` as 'packError.type.string', {
      ns: 'author',
      defaultValue: params.expected,
    });
  // the cast only names one of the key's family for the typed `t`; a key without words gives the marker back
  const text = at(key as 'packError.pack.missing', { ns: 'author', ...params, defaultValue: MISSING });
  return text.includes(MISSING) ? e.message : text;
}

export function usePackErrorText(): (e: PackErrorWords) => string {
  const { t } = useTranslation('author');
  return useCallback((e: PackErrorWords) => packErrorText(t, e), [t]);
}
