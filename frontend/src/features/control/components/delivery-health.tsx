import { Badge, Group, List, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { PanelError } from '../../../components/page-states';
import type { ExerciseTeam } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { type DeliveryAccuracy, useDeliveryAccuracy } from '../api/get-delivery-accuracy';
import { controlKeys } from '../api/query-keys';
import { useTimeline } from '../api/get-timeline';

const ms = (v: number | null) =>
  v === null ? '—' : Math.abs(v) < 1000 ? `${v.toFixed(1)} ms` : `${(v / 1000).toFixed(2)} s`;

function Figures({ a }: { a: DeliveryAccuracy }) {
  const rows = [
    {
      label: 'Broadcast started',
      hint: 'From each inject’s planned instant to the start of its broadcast to the teams.',
      s: a.startLatenessMs,
    },
    {
      label: 'Every team reached',
      hint: 'From the planned instant to the end of the broadcast: every connected player handed the inject.',
      s: a.endLatenessMs,
    },
  ];
  return (
    <Table
      fz="xs"
      verticalSpacing={2}
      withTableBorder
      aria-label="Delivery lateness"
      data-testid="delivery-accuracy-table"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">After its instant</Table.Th>
          <Table.Th scope="col" ta="right">
            Median
          </Table.Th>
          <Table.Th scope="col" ta="right">
            p99
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Worst
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
            <Table.Td ta="right" ff="monospace">
              {ms(r.s.p50)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {ms(r.s.p99)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
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
  const q = useDeliveryAccuracy(exerciseId, live);
  const timeline = useTimeline(exerciseId);
  const queryClient = useQueryClient();
  const lateCount = q.data?.lateCount;
  // a delivery is marked late only once its broadcast has been recorded: the timeline follows
  useEffect(() => {
    if (lateCount) void queryClient.invalidateQueries({ queryKey: controlKeys.timeline(exerciseId) });
  }, [lateCount, exerciseId, queryClient]);
  if (q.isError) return <PanelError error={q.error} what="Delivery accuracy" />;
  const a = q.data;
  if (!a) return null;
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;
  const subject = (id: string) => timeline.data?.find((e) => e.injectId === id)?.subject ?? id;
  return (
    <div data-testid="delivery-health">
      <Group gap={6} mb={6}>
        <Text size="xs" c="dimmed" data-testid="delivery-broadcasts">
          {a.broadcasts} broadcast{a.broadcasts === 1 ? '' : 's'} measured
        </Text>
        <Tooltip
          label={`Deliveries whose broadcast started over ${a.lateAfterMs / 1000} s after their planned instant (after a restart or a stall).`}
          multiline
          w={260}
        >
          <Badge
            size="sm"
            variant={a.lateCount > 0 ? 'filled' : 'light'}
            color={a.lateCount > 0 ? 'red.9' : 'teal'}
            className="ttx-badge-full"
            data-testid="delivery-late-count"
          >
            {a.lateCount} late
          </Badge>
        </Tooltip>
        {a.unrecorded > 0 && (
          <Tooltip
            label="Deliveries without a recorded broadcast time (the process stopped right after sending them, or they predate the recording)."
            multiline
            w={260}
          >
            <Badge size="sm" variant="light" color="gray" className="ttx-badge-full" data-testid="delivery-unrecorded">
              {a.unrecorded} unrecorded
            </Badge>
          </Tooltip>
        )}
      </Group>
      {a.broadcasts > 0 ? (
        <Figures a={a} />
      ) : (
        <Text size="xs" c="dimmed">
          Nothing delivered on the clock yet.
        </Text>
      )}
      {a.late.length > 0 && (
        <List size="xs" mt={6} spacing={0} aria-label="Late deliveries" data-testid="delivery-late-list">
          {a.late.slice(0, 5).map((l) => (
            <List.Item key={`${l.injectId}/${l.teamId}`}>
              “{subject(l.injectId)}” to {teamName(l.teamId)}: due {formatWallTime(l.dueAtMs)},{' '}
              <b>{ms(l.latenessMs)} late</b>
            </List.Item>
          ))}
          {a.late.length > 5 && <List.Item>and {a.lateCount - 5} more (marked in the timeline)</List.Item>}
        </List>
      )}
    </div>
  );
}
