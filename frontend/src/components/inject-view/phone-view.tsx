import { useTranslation } from 'react-i18next';
import { Blockquote, Group, Stack, Text, Title } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { metaText, otherMeta } from './channel-meta';
import { MetaDetails } from './meta-details';

/** A phone call or radio message as a transcript: caller, number/call sign, what was said. */
export function PhoneView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-channel-view="phone">
      <Group gap="sm">
        <IconPhoneCall size={28} aria-hidden />
        <Stack gap={0} translate="no">
          <Text fw={700}>{inject.from.name}</Text>
          <Text size="sm" c="dimmed" ff="monospace">
            {[inject.from.address, metaText(inject, 'caller'), metaText(inject, 'duration')]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
      </Group>
      <Title order={2} fz="h5" translate="no">
        {inject.subject}
      </Title>
      <Text size="xs" c="dimmed">
        {t('inject.callTranscript', { time: deliveredLabel })}
      </Text>
      <Blockquote p="sm" color="gray">
        <InjectBody body={inject.body} artifacts={inject.artifacts} />
      </Blockquote>
      <MetaDetails entries={otherMeta(inject, ['caller', 'duration'])} />
    </Stack>
  );
}
