import { Alert, Center, Loader } from '@mantine/core';
import { ApiError, errorMessage } from '../lib/api-client';

export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center h="60vh" aria-busy="true" aria-label={label}>
      <Loader />
    </Center>
  );
}

export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <Alert color="red" role="alert" title={title}>
      {errorMessage(error)}
    </Alert>
  );
}

/** A panel whose endpoint the server does not (yet) offer, or that failed. */
export function PanelError({ error, what }: { error: unknown; what: string }) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Alert color={missing ? 'gray' : 'red'} title={missing ? `${what} unavailable` : `Could not load ${what.toLowerCase()}`} role={missing ? undefined : 'alert'}>
      {missing ? 'The server does not offer this yet.' : errorMessage(error)}
    </Alert>
  );
}
