import { Box, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { ScrollPane } from '../../../components/scroll-pane';
import { PanelError } from '../../../components/page-states';
import type { StatusCell } from '../../../lib/api-types';
import { formatScenarioTime } from '../../../lib/clock';
import { useStatusGrid } from '../api/get-status-grid';
import { useTranslation } from 'react-i18next';

type CellState = 'pending' | 'delivered' | 'acknowledged' | 'responded' | 'overdue';

function cellState(c: StatusCell | undefined): CellState {
  if (!c?.delivered) return 'pending';
  if (c.responded) return 'responded';
  if (c.overdue) return 'overdue';
  if (c.acknowledged) return 'acknowledged';
  return 'delivered';
}

// colour for state, with a glyph so the grid does not depend on colour alone
const LOOK: Record<CellState, { bg: string; fg: string; glyph: string }> = {
  pending: { bg: 'transparent', fg: 'var(--mantine-color-dimmed)', glyph: '·' },
  delivered: {
    bg: 'var(--mantine-color-blue-light)',
    fg: 'var(--mantine-color-blue-light-color)',
    glyph: 'D',
  },
  acknowledged: {
    bg: 'var(--mantine-color-cyan-light)',
    fg: 'var(--mantine-color-cyan-light-color)',
    glyph: 'A',
  },
  responded: { bg: 'var(--mantine-color-teal-filled)', fg: 'white', glyph: '✓' },
  overdue: { bg: 'var(--mantine-color-red-filled)', fg: 'white', glyph: '!' },
};

export function StatusLegend() {
  const { t } = useTranslation('control');
  return (
    <Group gap="sm" aria-label={t('grid.legend')}>
      {(Object.keys(LOOK) as CellState[]).map((s) => (
        <Group key={s} gap={4}>
          <Box className="ttx-grid-cell" style={{ background: LOOK[s].bg, color: LOOK[s].fg }} aria-hidden>
            {t(`grid.glyph.${s}`, { defaultValue: LOOK[s].glyph })}
          </Box>
          <Text size="xs">{t(`grid.state.${s}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** Teams × injects: who has received, acknowledged and answered what, and what is overdue. */
export function StatusGridView({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('control');
  const grid = useStatusGrid(exerciseId);
  if (grid.isError) return <PanelError error={grid.error} what={t('room.statusGrid')} />;
  if (!grid.data) return <Text size="sm">{t('grid.loading')}</Text>;
  const { teams, injects, cells } = grid.data;
  const at = new Map(cells.map((c) => [`${c.teamId}|${c.injectId}`, c]));
  return (
    <Stack>
      <StatusLegend />
      <ScrollPane maxHeight="calc(50vh - 80px)" label={t('grid.regionAria')}>
        <Table
          fz="xs"
          withTableBorder
          stickyHeader
          aria-label={t('grid.tableAria')}
          data-testid="status-grid"
          className="ttx-status-grid"
          verticalSpacing={2}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="ttx-grid-inject">{t('timeline.col.inject')}</Table.Th>
              {teams.map((team) => (
                <Table.Th key={team.id} ta="center" data-team-id={team.id} translate="no">
                  {team.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {injects.map((i) => (
              <Table.Tr key={i.injectId}>
                {/* the time on a line of its own, never cut; the subject under it, its full text in a title */}
                <Table.Th scope="row" fw={400} className="ttx-grid-inject" data-testid="grid-inject">
                  <Text ff="monospace" c="dimmed" size="xs" className="ttx-grid-time" data-testid="grid-time">
                    {i.dueScenarioMs !== null ? formatScenarioTime(i.dueScenarioMs) : t('grid.triggered')}
                  </Text>
                  <Text size="xs" className="ttx-grid-subject" title={i.subject} translate="no">
                    {i.subject}
                  </Text>
                </Table.Th>
                {teams.map((team) => {
                  const c = at.get(`${team.id}|${i.injectId}`);
                  const s = cellState(c);
                  const label = t(c?.acknowledged && s !== 'acknowledged' ? 'grid.cellAck' : 'grid.cell', {
                    team: team.name,
                    subject: i.subject,
                    state: t(`grid.state.${s}`),
                  });
                  return (
                    <Table.Td key={team.id} ta="center" p={2}>
                      {c ? (
                        <Tooltip label={label}>
                          <Box
                            className="ttx-grid-cell"
                            role="img"
                            aria-label={label}
                            data-team-id={team.id}
                            data-inject-id={i.injectId}
                            data-state={s}
                            style={{ background: LOOK[s].bg, color: LOOK[s].fg, margin: '0 auto' }}
                          >
                            {t(`grid.glyph.${s}`, { defaultValue: LOOK[s].glyph })}
                          </Box>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed" aria-label={t('grid.notTarget')}>
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
