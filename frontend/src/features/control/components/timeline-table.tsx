import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { ScrollPane } from '../../../components/scroll-pane';
import { IconBolt, IconPlayerSkipForward } from '@tabler/icons-react';
import { PanelError } from '../../../components/page-states';
import type { ExerciseTeam, InjectStatus, TimelineEntry } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime, type LocalClock, wallTimeAt } from '../../../lib/clock';
import { useFireInject } from '../api/fire-inject';
import { useTimeline } from '../api/get-timeline';
import { useSkipInject } from '../api/skip-inject';

const STATUS: Record<InjectStatus, { color: string; label: string }> = {
  waiting: { color: 'gray', label: 'waiting for trigger' },
  pending: { color: 'blue', label: 'scheduled' },
  delivered: { color: 'teal', label: 'delivered' },
  skipped: { color: 'dark', label: 'skipped' },
};

function wallLabel(e: TimelineEntry, clock: LocalClock): string {
  if (e.status === 'delivered') return formatWallTime(e.deliveredAt);
  if (e.dueAt !== null) return formatWallTime(e.dueAt);
  if (e.status === 'pending' && e.dueScenarioMs !== null) return formatWallTime(wallTimeAt(clock, e.dueScenarioMs));
  return '—';
}

/** Every inject of the drill in clock order, with what happened to it; fire-now and skip for those who steer. */
export function TimelineTable({ exerciseId, teams, clock, steer }: { exerciseId: string; teams: ExerciseTeam[]; clock: LocalClock; steer: boolean }) {
  const timeline = useTimeline(exerciseId);
  const fire = useFireInject(exerciseId);
  const skip = useSkipInject(exerciseId);
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;
  const live = clock.status === 'running' || clock.status === 'paused';
  if (timeline.isError) return <PanelError error={timeline.error} what="Timeline" />;
  return (
    <ScrollPane maxHeight="calc(50vh - 40px)">
      <Table stickyHeader striped highlightOnHover fz="sm" aria-label="Inject timeline" data-testid="timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Due</Table.Th>
            <Table.Th>Wall time</Table.Th>
            <Table.Th>Inject</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Status</Table.Th>
            {steer && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(timeline.data ?? []).map((e) => {
            const open = e.status === 'pending' || e.status === 'waiting';
            return (
              <Table.Tr key={e.injectId} data-inject-id={e.injectId} data-status={e.status}>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{e.dueScenarioMs === null ? (e.trigger ?? '—') : formatScenarioTime(e.dueScenarioMs)}</Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {wallLabel(e, clock)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} td={e.status === 'skipped' ? 'line-through' : undefined}>
                    {e.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.channel ?? 'inject'} · {e.injectId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{e.to.map(teamName).join(', ')}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Badge size="sm" variant="light" color={STATUS[e.status].color} style={{ overflow: 'visible' }}>
                      {STATUS[e.status].label}
                    </Badge>
                    {e.status === 'delivered' && e.deliveredTeams < e.to.length && (
                      <Text size="xs" c="dimmed">
                        {e.deliveredTeams}/{e.to.length}
                      </Text>
                    )}
                    {e.late && (
                      <Badge size="sm" color="orange" variant="filled">
                        late
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {steer && (
                  <Table.Td>
                    {open && (
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={live ? 'Deliver now' : 'Start the exercise first'}>
                          <Button size="compact-xs" variant="light" leftSection={<IconBolt size={12} />} disabled={!live} onClick={() => fire.mutate(e.injectId)} aria-label={`Fire now: ${e.subject}`}>
                            Fire
                          </Button>
                        </Tooltip>
                        <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconPlayerSkipForward size={12} />} disabled={clock.status === 'ended'} onClick={() => skip.mutate(e.injectId)} aria-label={`Skip: ${e.subject}`}>
                          Skip
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollPane>
  );
}
