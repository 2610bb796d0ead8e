import { useTranslation } from 'react-i18next';
import { Alert, Stack, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../../../lib/api-client';
import type { PlayerInjectView } from '../../../lib/api-types';
import { useResponses } from '../api/get-responses';
import { ResponseCard } from './response-card';

/** The team's shared log, live for all teammates; optionally for one inject only. */
export function ResponseLog({ injects, injectId }: { injects: PlayerInjectView[]; injectId?: string }) {
  const { t } = useTranslation(['play', 'common']);
  const responses = useResponses();
  const byId = new Map(injects.map((i) => [i.id, i]));
  if (responses.isError)
    return (
      <Alert
        color={responses.error instanceof ApiError && responses.error.status === 404 ? 'gray' : 'red'}
        title={t('responses.unavailable')}
      >
        {responses.error instanceof ApiError && responses.error.status === 404
          ? t('responses.notOffered')
          : errorMessage(responses.error)}
      </Alert>
    );
  const list = (responses.data ?? []).filter((r) => !injectId || r.injectId === injectId);
  if (responses.isPending) return <Text size="sm">{t('responses.loading')}</Text>;
  if (list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {injectId ? t('responses.noneHere') : t('responses.none')}
      </Text>
    );
  return (
    <Stack
      gap="xs"
      aria-label={injectId ? t('responses.here') : t('responses.log')}
      data-testid={injectId ? 'inject-responses' : 'team-response-log'}
    >
      {list.map((r) => (
        <ResponseCard key={r.id} response={r} inject={byId.get(r.injectId)} showSubject={!injectId} />
      ))}
    </Stack>
  );
}
