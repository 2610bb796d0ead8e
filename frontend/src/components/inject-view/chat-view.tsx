import { Avatar, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { initials, metaText } from './channel-meta';

/** A message in a team chat channel. */
export function ChatView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  return (
    <Stack gap="xs" data-channel-view="chat">
      <Text size="xs" c="dimmed" translate="no">
        #{metaText(inject, 'channel') ?? 'incident-response'}
      </Text>
      <Group align="flex-start" wrap="nowrap">
        <Avatar radius="sm" color="cyan" aria-hidden translate="no">
          {initials(inject.from.name)}
        </Avatar>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700} size="sm" translate="no">
              {inject.from.name}
            </Text>
            <Text size="xs" c="dimmed">
              {deliveredLabel}
            </Text>
          </Group>
          <Paper bg="var(--mantine-color-default-hover)" p="xs" radius="md">
            <Title order={2} fw={600} fz="sm" lh={1.4} translate="no">
              {inject.subject}
            </Title>
            <InjectBody body={inject.body} artifacts={inject.artifacts} />
          </Paper>
        </Stack>
      </Group>
    </Stack>
  );
}
