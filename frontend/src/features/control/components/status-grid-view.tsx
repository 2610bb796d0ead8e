import { Box, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { ScrollPane } from '../../../components/scroll-pane';
import { PanelError } from '../../../components/page-states';
import type { StatusCell } from '../../../lib/api-types';
import { formatScenarioTime } from '../../../lib/clock';
import { useStatusGrid } from '../api/get-status-grid';

type CellState = 'pending' | 'delivered' | 'acknowledged' | 'responded' | 'overdue';

function cellState(c: StatusCell | undefined): CellState {
  if (!c?.delivered) return 'pending';
  if (c.responded) return 'responded';
  if (c.overdue) return 'overdue';
  if (c.acknowledged) return 'acknowledged';
  return 'delivered';
}

// colour for state, with a glyph so the grid does not depend on colour alone
const LOOK: Record<CellState, { bg: string; fg: string; glyph: string; label: string }> = {
  pending: { bg: 'transparent', fg: 'var(--mantine-color-dimmed)', glyph: '·', label: 'not delivered' },
  delivered: {
    bg: 'var(--mantine-color-blue-light)',
    fg: 'var(--mantine-color-blue-light-color)',
    glyph: 'D',
    label: 'delivered',
  },
  acknowledged: {
    bg: 'var(--mantine-color-cyan-light)',
    fg: 'var(--mantine-color-cyan-light-color)',
    glyph: 'A',
    label: 'acknowledged',
  },
  responded: { bg: 'var(--mantine-color-teal-filled)', fg: 'white', glyph: '✓', label: 'responded' },
  overdue: { bg: 'var(--mantine-color-red-filled)', fg: 'white', glyph: '!', label: 'overdue' },
};

export function StatusLegend() {
  return (
    <Group gap="sm" aria-label="Legend">
      {(Object.keys(LOOK) as CellState[]).map((s) => (
        <Group key={s} gap={4}>
          <Box className="ttx-grid-cell" style={{ background: LOOK[s].bg, color: LOOK[s].fg }} aria-hidden>
            {LOOK[s].glyph}
          </Box>
          <Text size="xs">{LOOK[s].label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** Teams × injects: who has received, acknowledged and answered what, and what is overdue. */
export function StatusGridView({ exerciseId }: { exerciseId: string }) {
  const grid = useStatusGrid(exerciseId);
  if (grid.isError) return <PanelError error={grid.error} what="Status grid" />;
  if (!grid.data) return <Text size="sm">Loading…</Text>;
  const { teams, injects, cells } = grid.data;
  const at = new Map(cells.map((c) => [`${c.teamId}|${c.injectId}`, c]));
  return (
    <Stack>
      <StatusLegend />
      <ScrollPane maxHeight="calc(50vh - 80px)" label="Status grid (scrolls)">
        <Table
          fz="xs"
          withTableBorder
          stickyHeader
          aria-label="Status grid, teams by injects"
          data-testid="status-grid"
          verticalSpacing={2}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Inject</Table.Th>
              {teams.map((t) => (
                <Table.Th key={t.id} ta="center" data-team-id={t.id}>
                  {t.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {injects.map((i) => (
              <Table.Tr key={i.injectId}>
                <Table.Th scope="row" fw={400}>
                  <Text size="xs" lineClamp={1} title={i.subject}>
                    <Text span ff="monospace" c="dimmed" size="xs">
                      {i.dueScenarioMs !== null ? formatScenarioTime(i.dueScenarioMs) : 'trig.'}
                    </Text>{' '}
                    {i.subject}
                  </Text>
                </Table.Th>
                {teams.map((t) => {
                  const c = at.get(`${t.id}|${i.injectId}`);
                  const s = cellState(c);
                  const label = `${t.name}, ${i.subject}: ${LOOK[s].label}${c?.acknowledged && s !== 'acknowledged' ? ', acknowledged' : ''}`;
                  return (
                    <Table.Td key={t.id} ta="center" p={2}>
                      {c ? (
                        <Tooltip label={label}>
                          <Box
                            className="ttx-grid-cell"
                            role="img"
                            aria-label={label}
                            data-team-id={t.id}
                            data-inject-id={i.injectId}
                            data-state={s}
                            style={{ background: LOOK[s].bg, color: LOOK[s].fg, margin: '0 auto' }}
                          >
                            {LOOK[s].glyph}
                          </Box>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed" aria-label="not a target">
                          –
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollPane>
    </Stack>
  );
}
