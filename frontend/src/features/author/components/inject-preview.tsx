import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Markdown } from '../../../components/markdown';
import { TlpBanner } from '../../../components/tlp-banner';
import type { Tlp } from '../../../lib/api-types';
import type { DraftInject } from '../lib/pack-doc';

const TLPS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

/**
 * The inject as a player reads it: sender, subject, marking, body and response options. (The team
 * console's channel-specific views live in the play feature, which this feature may not import.)
 */
export function InjectPreview({ inject }: { inject: DraftInject | undefined }) {
  if (!inject) return <Text size="sm" c="dimmed">Select an inject to preview it.</Text>;
  return (
    <Paper withBorder p="sm" data-testid="inject-preview">
      <Stack gap="xs">
        {inject.tlp && TLPS.includes(inject.tlp) && <TlpBanner tlp={inject.tlp as Tlp} />}
        <Group gap="xs">
          <Badge size="sm" variant="light">
            {inject.channel ?? '?'}
          </Badge>
          <Text size="xs" c="dimmed">
            {inject.from?.name}
            {inject.from?.address ? ` <${inject.from.address}>` : ''}
            {inject.from?.organisation ? ` · ${inject.from.organisation}` : ''}
          </Text>
        </Group>
        <Title order={5}>{inject.subject}</Title>
        <Markdown>{inject.body ?? ''}</Markdown>
        {(inject.responseOptions ?? []).length > 0 && (
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              Response options
            </Text>
            {(inject.responseOptions ?? []).map((o) => (
              <Text key={o.id} size="xs">
                ○ {o.label}
              </Text>
            ))}
          </Stack>
        )}
        {inject.decision && (
          <Text size="xs">
            ◆ Decision: {inject.decision.question} ({(inject.decision.options ?? []).map((o) => o.label).join(' / ')})
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
