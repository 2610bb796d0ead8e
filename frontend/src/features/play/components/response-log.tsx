import { Alert, Stack, Text } from '@mantine/core';
import { ApiError } from '../../../lib/api-client';
import type { PlayerInjectView } from '../../../lib/api-types';
import { useResponses } from '../api/get-responses';
import { ResponseCard } from './response-card';

/** The team's shared log, live for all teammates; optionally for one inject only. */
export function ResponseLog({ injects, injectId }: { injects: PlayerInjectView[]; injectId?: string }) {
  const responses = useResponses();
  const byId = new Map(injects.map((i) => [i.id, i]));
  if (responses.isError)
    return (
      <Alert color={responses.error instanceof ApiError && responses.error.status === 404 ? 'gray' : 'red'} title="Response log unavailable">
        {responses.error instanceof ApiError && responses.error.status === 404 ? 'The server does not offer the response log yet.' : responses.error.message}
      </Alert>
    );
  const list = (responses.data ?? []).filter((r) => !injectId || r.injectId === injectId);
  if (responses.isPending) return <Text size="sm">Loading responses…</Text>;
  if (list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {injectId ? 'No response logged for this message yet.' : 'Nothing logged yet.'}
      </Text>
    );
  return (
    <Stack gap="xs" aria-label={injectId ? 'Responses to this message' : 'Team response log'} data-testid={injectId ? 'inject-responses' : 'team-response-log'}>
      {list.map((r) => (
        <ResponseCard key={r.id} response={r} inject={byId.get(r.injectId)} showSubject={!injectId} />
      ))}
    </Stack>
  );
}
