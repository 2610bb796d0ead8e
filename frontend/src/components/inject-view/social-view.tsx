import { Avatar, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconHeart, IconMessageCircle, IconRepeat, IconRosetteDiscountCheck } from '@tabler/icons-react';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { formatCount, initials, metaNumber, metaText } from './channel-meta';
import { MetaDetails } from './meta-details';
import { otherMeta } from './channel-meta';

const SHOWN = ['handle', 'platform', 'likes', 'reposts', 'retweets', 'shares', 'replies', 'comments', 'views', 'verified', 'date'];

/** A post as a social network shows it: account, handle, text, engagement counts. */
export function SocialView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const rawHandle = metaText(inject, 'handle') ?? inject.from.address ?? inject.from.name.toLowerCase().replace(/\s+/g, '_');
  const handle = rawHandle.startsWith('@') ? rawHandle : `@${rawHandle}`;
  const verified = inject.meta.verified === true || inject.meta.verified === 'true';
  const counts = [
    { label: 'replies', icon: IconMessageCircle, n: metaNumber(inject, 'replies') ?? metaNumber(inject, 'comments') },
    { label: 'reposts', icon: IconRepeat, n: metaNumber(inject, 'reposts') ?? metaNumber(inject, 'retweets') ?? metaNumber(inject, 'shares') },
    { label: 'likes', icon: IconHeart, n: metaNumber(inject, 'likes') },
    { label: 'views', icon: IconChartBar, n: metaNumber(inject, 'views') },
  ];
  return (
    <Stack gap="sm" data-channel-view="social">
      <Card withBorder radius="md" padding="md" component="article" aria-label={`Post by ${inject.from.name}`}>
        <Group align="flex-start" wrap="nowrap">
          <Avatar radius="xl" color="grape" aria-hidden>
            {initials(inject.from.name)}
          </Avatar>
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group gap={4} wrap="wrap">
              <Text fw={700}>{inject.from.name}</Text>
              {verified && <IconRosetteDiscountCheck size={16} aria-label="verified account" />}
              <Text c="dimmed" size="sm" data-handle>
                {handle}
              </Text>
              <Text c="dimmed" size="sm">
                · {metaText(inject, 'date') ?? deliveredLabel}
              </Text>
              {metaText(inject, 'platform') && (
                <Badge size="xs" variant="outline">
                  {metaText(inject, 'platform')}
                </Badge>
              )}
            </Group>
            <Title order={2} fw={600} fz="sm" lh={1.4}>
              {inject.subject}
            </Title>
            <InjectBody body={inject.body} artifacts={inject.artifacts} />
            <Group gap="lg" c="dimmed" aria-label="Engagement" role="group">
              {counts.map(({ label, icon: I, n }) => (
                <Group key={label} gap={4} wrap="nowrap" aria-label={`${formatCount(n)} ${label}`} data-count={label}>
                  <I size={16} aria-hidden />
                  <Text size="sm">{formatCount(n)}</Text>
                </Group>
              ))}
            </Group>
          </Stack>
        </Group>
      </Card>
      <MetaDetails entries={otherMeta(inject, SHOWN)} />
    </Stack>
  );
}
