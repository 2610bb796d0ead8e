import { Badge, Group, List, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { PanelError } from '../../../components/page-states';
import type { ExerciseTeam } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { type DeliveryAccuracy, useDeliveryAccuracy } from '../api/get-delivery-accuracy';
import { controlKeys } from '../api/query-keys';
import { useTimeline } from '../api/get-timeline';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../i18n/format';

const ms = (v: number | null) =>
  v === null
    ? '—'
    : Math.abs(v) < 1000
      ? `${formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`
      : `${formatNumber(v / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;

function Figures({ a }: { a: DeliveryAccuracy }) {
  const { t } = useTranslation('control');
  const rows = [
    { label: t('health.started'), hint: t('health.startedHint'), s: a.startLatenessMs },
    { label: t('health.reached'), hint: t('health.reachedHint'), s: a.endLatenessMs },
  ];
  return (
    <Table
      fz="xs"
      verticalSpacing={2}
      withTableBorder
      aria-label={t('health.lateness')}
      data-testid="delivery-accuracy-table"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('health.afterInstant')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('health.median')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('health.p99')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('health.worst')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Th scope="row" fw={400}>
              <Tooltip label={r.hint} multiline w={260}>
                <span>{r.label}</span>
              </Tooltip>
            </Table.Th>
            <Table.Td ta="right" ff="monospace" translate="no" style={{ whiteSpace: 'nowrap' }}>
              {ms(r.s.p50)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" translate="no" style={{ whiteSpace: 'nowrap' }}>
              {ms(r.s.p99)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" translate="no" style={{ whiteSpace: 'nowrap' }}>
              {ms(r.s.max)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Delivery health: how close to their instants the injects really reached the teams (as each
 * broadcast recorded it), how many went out late (a restart, a stall) and which.
 */
export function DeliveryHealth({
  exerciseId,
  teams,
  live,
}: {
  exerciseId: string;
  teams: ExerciseTeam[];
  live: boolean;
}) {
  const { t } = useTranslation('control');
  const q = useDeliveryAccuracy(exerciseId, live);
  const timeline = useTimeline(exerciseId);
  const queryClient = useQueryClient();
  const lateCount = q.data?.lateCount;
  // a delivery is marked late only once its broadcast has been recorded: the timeline follows
  useEffect(() => {
    if (lateCount) void queryClient.invalidateQueries({ queryKey: controlKeys.timeline(exerciseId) });
  }, [lateCount, exerciseId, queryClient]);
  if (q.isError) return <PanelError error={q.error} what={t('room.deliveryAccuracy')} />;
  const a = q.data;
  if (!a) return null;
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  const subject = (id: string) => timeline.data?.find((e) => e.injectId === id)?.subject ?? id;
  return (
    <div data-testid="delivery-health">
      <Group gap={6} mb={6}>
        <Text size="xs" c="dimmed" data-testid="delivery-broadcasts">
          {t('health.broadcasts', { count: a.broadcasts })}
        </Text>
        <Tooltip label={t('health.lateHint', { s: formatNumber(a.lateAfterMs / 1000) })} multiline w={260}>
          <Badge
            size="sm"
            variant={a.lateCount > 0 ? 'filled' : 'light'}
            color={a.lateCount > 0 ? 'red.9' : 'teal'}
            className="ttx-badge-full"
            data-testid="delivery-late-count"
          >
            {t('health.late', { n: a.lateCount })}
          </Badge>
        </Tooltip>
        {a.unrecorded > 0 && (
          <Tooltip label={t('health.unrecordedHint')} multiline w={260}>
            <Badge size="sm" variant="light" color="gray" className="ttx-badge-full" data-testid="delivery-unrecorded">
              {t('health.unrecorded', { n: a.unrecorded })}
            </Badge>
          </Tooltip>
        )}
      </Group>
      {a.broadcasts > 0 ? (
        <Figures a={a} />
      ) : (
        <Text size="xs" c="dimmed">
          {t('health.nothing')}
        </Text>
      )}
      {a.late.length > 0 && (
        <List size="xs" mt={6} spacing={0} aria-label={t('health.lateList')} data-testid="delivery-late-list">
          {a.late.slice(0, 5).map((l) => (
            <List.Item key={`${l.injectId}/${l.teamId}`}>
              <span translate="no">
                “{subject(l.injectId)}” → {teamName(l.teamId)}
              </span>
              : {t('health.due', { time: formatWallTime(l.dueAtMs) })},{' '}
              <b>{t('health.lateBy', { by: ms(l.latenessMs) })}</b>
            </List.Item>
          ))}
          {a.late.length > 5 && <List.Item>{t('health.more', { n: a.lateCount - 5 })}</List.Item>}
        </List>
      )}
    </div>
  );
}
