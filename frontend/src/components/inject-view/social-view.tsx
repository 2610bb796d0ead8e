import { useTranslation } from 'react-i18next';
import { Avatar, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconHeart, IconMessageCircle, IconRepeat, IconRosetteDiscountCheck } from '@tabler/icons-react';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { formatCount, initials, metaNumber, metaText } from './channel-meta';
import { MetaDetails } from './meta-details';
import { otherMeta } from './channel-meta';

const SHOWN = [
  'handle',
  'platform',
  'likes',
  'reposts',
  'retweets',
  'shares',
  'replies',
  'comments',
  'views',
  'verified',
  'date',
];

/** A post as a social network shows it: account, handle, text, engagement counts. */
export function SocialView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  const rawHandle =
    metaText(inject, 'handle') ?? inject.from.address ?? inject.from.name.toLowerCase().replace(/\s+/g, '_');
  const handle = rawHandle.startsWith('@') ? rawHandle : `@${rawHandle}`;
  const verified = inject.meta.verified === true || inject.meta.verified === 'true';
  const counts = [
    {
      label: 'replies' as const,
      icon: IconMessageCircle,
      n: metaNumber(inject, 'replies') ?? metaNumber(inject, 'comments'),
    },
    {
      label: 'reposts' as const,
      icon: IconRepeat,
      n: metaNumber(inject, 'reposts') ?? metaNumber(inject, 'retweets') ?? metaNumber(inject, 'shares'),
    },
    { label: 'likes' as const, icon: IconHeart, n: metaNumber(inject, 'likes') },
    { label: 'views' as const, icon: IconChartBar, n: metaNumber(inject, 'views') },
  ];
  return (
    <Stack gap="sm" data-channel-view="social">
      <Card
        withBorder
        radius="md"
        padding="md"
        component="article"
        aria-label={t('inject.postBy', { name: inject.from.name })}
      >
        <Group align="flex-start" wrap="nowrap">
          <Avatar radius="xl" color="grape" aria-hidden translate="no">
            {initials(inject.from.name)}
          </Avatar>
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group gap={4} wrap="wrap">
              <Text fw={700} translate="no">
                {inject.from.name}
              </Text>
              {verified && <IconRosetteDiscountCheck size={16} aria-label={t('inject.verified')} />}
              <Text c="dimmed" size="sm" data-handle translate="no">
                {handle}
              </Text>
              <Text c="dimmed" size="sm" translate="no">
                · {metaText(inject, 'date') ?? deliveredLabel}
              </Text>
              {metaText(inject, 'platform') && (
                <Badge size="xs" variant="outline" translate="no">
                  {metaText(inject, 'platform')}
                </Badge>
              )}
            </Group>
            <Title order={2} fw={600} fz="sm" lh={1.4} translate="no">
              {inject.subject}
            </Title>
            <InjectBody body={inject.body} artifacts={inject.artifacts} />
            <Group gap="lg" c="dimmed" aria-label={t('inject.engagement')} role="group">
              {counts.map(({ label, icon: I, n }) => (
                <Group
                  key={label}
                  gap={4}
                  wrap="nowrap"
                  aria-label={`${formatCount(n)} ${t(`inject.count.${label}`)}`}
                  data-count={label}
                >
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
