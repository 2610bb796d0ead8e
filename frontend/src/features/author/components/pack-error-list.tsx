import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../lib/api-client';
import type { PackError } from '../api/author-types';
import { usePackErrorText } from '../lib/pack-error-text';

/** The pack's errors a refused save or import carries in its error body (`details.errors`), if any. */
export function packErrorsOf(error: unknown): PackError[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return [];
  const list: unknown = (error.details as { errors?: unknown }).errors;
  return Array.isArray(list)
    ? list.filter(
        (e): e is PackError =>
          typeof e === 'object' && e !== null && typeof (e as PackError).file === 'string' && 'message' in e,
      )
    : [];
}

/**
 * The headline of a refused save or import. When the refusal lists the pack's errors, it is the
 * translated summary ("The pack has errors; nothing was saved"): the server's own sentence quotes the
 * first error in English, which the list under it already shows, in the interface language.
 */
export function usePackRefusalText(): (error: unknown) => string {
  const { t } = useTranslation('common');
  return (error) => (packErrorsOf(error).length > 0 ? t('errors.pack.invalid') : errorMessage(error));
}

/** A refused pack's errors, where first (file, line, field) as the CLI prints them, then what, in the interface language. */
export function PackErrorList({ errors, max = 20 }: { errors: readonly PackError[]; max?: number }) {
  const text = usePackErrorText();
  return (
    <>
      {errors.slice(0, max).map((e, k) => (
        <Text key={k} size="xs" ff="monospace" data-testid="pack-error" data-code={e.code}>
          <span translate="no">
            {e.file}:{e.line}:{e.column} {e.path}
          </span>{' '}
          — {text(e)}
        </Text>
      ))}
      {errors.length > max && (
        <Text size="xs" c="dimmed">
          …
        </Text>
      )}
    </>
  );
}
