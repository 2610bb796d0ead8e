import { useTranslation } from 'react-i18next';
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { metaText, otherMeta } from './channel-meta';
import { MetaDetails } from './meta-details';
import { fieldLabel } from './field-format';

const SEVERITY_COLOURS: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
  informational: 'gray',
};
const KEY_FIELDS = ['host', 'rule', 'src_ip', 'dst_ip', 'user'] as const;

/** An alert card as a SIEM/EDR console shows it: severity, host, rule, then every field. */
export function SiemView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  const severity = (metaText(inject, 'severity') ?? 'unknown').toLowerCase();
  return (
    <Stack gap="sm" data-channel-view="siem">
      <Card
        withBorder
        padding="sm"
        radius="sm"
        style={{ borderLeft: `6px solid var(--mantine-color-${SEVERITY_COLOURS[severity] ?? 'gray'}-6)` }}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              <span translate="no">{inject.from.name}</span> · {t('inject.alert')}
            </Text>
            <Title order={2} fz="h4" translate="no">
              {inject.subject}
            </Title>
          </Stack>
          <Badge
            color={SEVERITY_COLOURS[severity] ?? 'gray'}
            variant="filled"
            size="lg"
            aria-label={t('inject.severity', { severity })}
            translate="no"
            data-severity={severity}
            style={{ flexShrink: 0 }}
          >
            {severity}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3 }} mt="sm" spacing="xs">
          {KEY_FIELDS.filter((k) => metaText(inject, k)).map((k) => (
            <Stack gap={0} key={k} translate="no">
              <Text size="xs" c="dimmed" tt="uppercase">
                {fieldLabel(k)}
              </Text>
              <Text ff="monospace" size="sm" data-field={k}>
                {metaText(inject, k)}
              </Text>
            </Stack>
          ))}
          <Stack gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase">
              {t('inject.firstSeen')}
            </Text>
            <Text ff="monospace" size="sm" translate="no">
              {metaText(inject, 'time') ?? deliveredLabel}
            </Text>
          </Stack>
        </SimpleGrid>
      </Card>
      <InjectBody body={inject.body} artifacts={inject.artifacts} />
      <MetaDetails entries={otherMeta(inject, ['severity', 'time', ...KEY_FIELDS])} caption={t('inject.alertFields')} />
    </Stack>
  );
}
