import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackError } from '../api/author-types';

/**
 * Words a pack error in the interface language: the loader sends a code (`packError.*` in
 * author.json) and what fills it in (ids, field names and numbers, as written in the pack). An
 * error without a code, or with one this interface has no words for, keeps the loader's English.
 */
export function usePackErrorText(): (e: Pick<PackError, 'message' | 'code' | 'params'>) => string {
  const { t, i18n } = useTranslation('author');
  return useCallback(
    (e: Pick<PackError, 'message' | 'code' | 'params'>) => {
      if (!e.code) return e.message;
      const key = `packError.${e.code}`;
      if (!i18n.exists(key, { ns: 'author' })) return e.message;
      const params: Record<string, string | number> = { ...e.params };
      // the type a field expects, in words ("text", "a list"), not zod's name for it
      if (typeof params.expected === 'string')
        params.expected = t(`packError.type.${params.expected}` as 'packError.type.string', {
          defaultValue: params.expected,
        });
      // the key is checked above; the cast only names one of its family for the typed `t`
      return t(key as 'packError.pack.missing', params);
    },
    [t, i18n],
  );
}
