import { List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../i18n/format';
import type { AfterActionReport, DeliveryAccuracySummary } from '../api/report-types';

/** How close to their instants the injects reached the teams (staff edition; absent from player editions). */
export function DeliveryAccuracySection({ report }: { report: AfterActionReport }) {
  const { t } = useTranslation('aar');
  const a = report.deliveryAccuracy;
  if (!a) return null;
  /** a lateness for people: "12.4 ms", "2.31 s"; "—" when nothing was measured */
  const lateness = (ms: number | null) =>
    ms === null
      ? '—'
      : Math.abs(ms) < 1000
        ? t('delivery.ms', { n: formatNumber(ms, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
        : t('delivery.s', { n: formatNumber(ms / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
  const row = (key: 'started' | 'ended', s: DeliveryAccuracySummary['startLatenessMs']) => ({
    key,
    label: t(`delivery.${key}`),
    cells: [lateness(s.p50), lateness(s.p99), lateness(s.max)],
  });
  const rows = [row('started', a.startLatenessMs), row('ended', a.endLatenessMs)];
  const counts = [
    t('delivery.broadcasts', { count: a.broadcasts }),
    t('delivery.late', { count: a.lateCount, s: formatNumber(a.lateAfterMs / 1000) }),
    t('delivery.unrecorded', { count: a.unrecorded }),
  ];
  return (
    <Stack gap={6} data-testid="report-delivery-accuracy">
      <Title order={2} fz="h4">
        {t('delivery.title')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('delivery.note')}
      </Text>
      <Table aria-label={t('delivery.title')} maw={720} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('delivery.measure')}</Table.Th>
            <Table.Th ta="right">{t('delivery.median')}</Table.Th>
            <Table.Th ta="right">{t('delivery.p99')}</Table.Th>
            <Table.Th ta="right">{t('delivery.worst')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              {r.cells.map((c, i) => (
                <Table.Td key={i} ta="right" ff="monospace">
                  {c}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <List size="sm" spacing={0}>
        {counts.map((c, i) => (
          <List.Item key={i}>{c}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
