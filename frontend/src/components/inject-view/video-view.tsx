import { useTranslation } from 'react-i18next';
import { AspectRatio, Badge, Box, Center, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlayFilled } from '@tabler/icons-react';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { formatCount, metaNumber, metaText, otherMeta } from './channel-meta';
import { MetaDetails } from './meta-details';

/** A video clip card (e.g. a deepfake going viral): thumbnail placeholder, source, transcript. */
export function VideoView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  const thumbnail = metaText(inject, 'thumbnail');
  return (
    <Stack gap="sm" data-channel-view="video">
      <AspectRatio ratio={16 / 9} maw={560}>
        <Box
          bg="dark.8"
          style={{ borderRadius: 8, position: 'relative' }}
          role="img"
          aria-label={t('inject.videoThumb', { what: thumbnail ? `: ${thumbnail}` : '' })}
        >
          <Center h="100%">
            <IconPlayerPlayFilled size={56} color="white" aria-hidden />
          </Center>
          {metaText(inject, 'duration') && (
            <Badge color="dark" translate="no" style={{ position: 'absolute', right: 8, bottom: 8 }}>
              {metaText(inject, 'duration')}
            </Badge>
          )}
        </Box>
      </AspectRatio>
      <Title order={2} fz="h4" translate="no">
        {inject.subject}
      </Title>
      <Group gap="xs">
        <Text size="sm" fw={600} translate="no">
          {inject.from.name}
        </Text>
        {inject.from.address && (
          <Text size="sm" c="dimmed" translate="no">
            {inject.from.address}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          ·{' '}
          {metaNumber(inject, 'views') !== undefined
            ? t('inject.views', { n: formatCount(metaNumber(inject, 'views')) })
            : ''}
          {deliveredLabel}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('inject.transcript')}
      </Text>
      <InjectBody body={inject.body} artifacts={inject.artifacts} />
      <MetaDetails entries={otherMeta(inject, ['thumbnail', 'duration', 'views'])} />
    </Stack>
  );
}
