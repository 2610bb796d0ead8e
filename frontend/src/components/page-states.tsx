import { Alert, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../lib/api-client';

export function PageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center h="60vh" aria-busy="true" aria-label={label ?? t('loading')}>
      <Loader />
    </Center>
  );
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={title ?? t('somethingWrong')}>
      {errorMessage(error)}
    </Alert>
  );
}

/** A panel whose endpoint the server does not (yet) offer, or that failed. */
export function PanelError({ error, what }: { error: unknown; what: string }) {
  const { t } = useTranslation();
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      color={missing ? 'gray' : 'red'}
      title={missing ? t('unavailable', { what }) : t('couldNotLoad', { what: what.toLowerCase() })}
      role={missing ? undefined : 'alert'}
    >
      {missing ? t('notOffered') : errorMessage(error)}
    </Alert>
  );
}
