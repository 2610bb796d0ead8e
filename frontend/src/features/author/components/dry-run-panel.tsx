import { Alert, Button, Group, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useDryRun, useStartDryRun } from '../api/dry-run';
import { formatOffset } from '../lib/pack-doc';

/** Rehearse the saved pack on the real engine with simulated teams, and read the report. */
export function DryRunPanel({ packId }: { packId: string }) {
  const [speed, setSpeed] = useState('600');
  const start = useStartDryRun();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useDryRun(runId);
  const r = run.data;
  return (
    <Stack gap="xs" data-testid="dry-run">
      <Group>
        <SegmentedControl
          size="xs"
          value={speed}
          onChange={setSpeed}
          data={['60', '120', '300', '600'].map((s) => ({ value: s, label: `×${s}` }))}
        />
        <Button
          size="xs"
          loading={start.isPending || r?.status === 'running' || r?.status === 'starting'}
          onClick={() => start.mutate({ packId, speed: Number(speed) }, { onSuccess: (d) => setRunId(d.id) })}
        >
          Dry run the saved version
        </Button>
      </Group>
      {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
      {r && (
        <>
          <Progress
            value={(r.progress.scenarioMs / Math.max(1, r.progress.durationMs)) * 100}
            aria-label="Dry run progress"
          />
          <Text size="xs">
            {r.status} · scenario {formatOffset(r.progress.scenarioMs)} · {r.progress.delivered}/{r.progress.injects}{' '}
            injects · {(r.wallMs / 1000).toFixed(1)} s wall
          </Text>
          {r.error && <Alert color="red">{r.error}</Alert>}
          {r.status === 'finished' && (
            <>
              <Text size="xs">
                Deliveries {r.timing.deliveries}, lateness p50 {r.timing.lateMsP50} ms, max {r.timing.lateMsMax} ms.
                Never fired: {r.neverFired.join(', ') || 'none'}. Decisions:{' '}
                {r.decisions.map((d) => `${d.decisionId} → ${d.outcome}`).join(', ') || 'none'}.
              </Text>
              <Table fz="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Inject</Table.Th>
                    <Table.Th>Planned</Table.Th>
                    <Table.Th>Fired</Table.Th>
                    <Table.Th>Teams</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.injects.map((i) => (
                    <Table.Tr key={i.injectId}>
                      <Table.Td>{i.injectId}</Table.Td>
                      <Table.Td>{i.plannedMs === null ? (i.trigger ?? '—') : formatOffset(i.plannedMs)}</Table.Td>
                      <Table.Td>{i.firedMs === null ? 'never' : formatOffset(i.firedMs)}</Table.Td>
                      <Table.Td>{i.teams}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
