import { Group, Stack, Text, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import { TlpBanner } from '../tlp-banner';
import type { PlayerInjectView } from '../../lib/api-types';
import { metaText, otherMeta } from './channel-meta';
import { MetaDetails } from './meta-details';

/** An intelligence product: TLP marking top and bottom, originator, reference, then the report. */
export function IntelView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  return (
    <Stack gap="sm" data-channel-view="intel">
      {inject.tlp && <TlpBanner tlp={inject.tlp} />}
      <Group justify="space-between" align="baseline">
        <Text size="sm" fw={600} translate="no">
          {inject.from.organisation ?? inject.from.name}
          {inject.from.organisation && inject.from.name !== inject.from.organisation ? ` — ${inject.from.name}` : ''}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" translate="no">
          {metaText(inject, 'reference') ?? ''} {deliveredLabel}
        </Text>
      </Group>
      <Title order={2} fz="h4" translate="no">
        {inject.subject}
      </Title>
      <InjectBody body={inject.body} artifacts={inject.artifacts} />
      <MetaDetails entries={otherMeta(inject, ['reference'])} />
      {inject.tlp && <TlpBanner tlp={inject.tlp} />}
    </Stack>
  );
}
