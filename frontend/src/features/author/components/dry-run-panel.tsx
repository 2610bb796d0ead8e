import { Alert, Button, Group, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { errorMessage } from '../../../lib/api-client';
import { useDryRun, useStartDryRun } from '../api/dry-run';
import { formatOffset } from '../lib/pack-doc';
import { useTriggerWords } from '../lib/trigger-text';

/** Rehearse the saved pack on the real engine with simulated teams, and read the report. */
export function DryRunPanel({ packId }: { packId: string }) {
  const { t } = useTranslation('author');
  const f = useFormat();
  const [speed, setSpeed] = useState('600');
  const start = useStartDryRun();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useDryRun(runId);
  const r = run.data;
  const words = useTriggerWords();
  // the report's own subjects (the saved version that ran), not the draft's
  const subjectOf = (id: string | null | undefined) =>
    (id && r?.injects.find((i) => i.injectId === id)?.subject) || id || '?';
  // the other inject's subject is shortened inside the sentence, never the sentence cut: Korean puts
  // the "after" at the end ('“…” 이후'), where a clamped line would lose it
  const shortSubject = (id: string | null | undefined) => {
    const s = subjectOf(id);
    return s.length > 60 ? `${s.slice(0, 59).trimEnd()}…` : s;
  };
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
          {t('dryRun.start')}
        </Button>
      </Group>
      {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
      {r && (
        <>
          <Progress
            value={(r.progress.scenarioMs / Math.max(1, r.progress.durationMs)) * 100}
            aria-label={t('dryRun.progress')}
          />
          <Text size="xs">
            {t('dryRun.line', {
              status: t(`dryRun.status.${r.status}`),
              at: formatOffset(r.progress.scenarioMs),
              delivered: r.progress.delivered,
              injects: r.progress.injects,
              wall: f.number(r.wallMs / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
            })}
          </Text>
          {r.error && <Alert color="red">{r.error}</Alert>}
          {r.status === 'finished' && (
            <>
              <Text size="xs">
                {t('dryRun.summary', {
                  deliveries: r.timing.deliveries,
                  p50: r.timing.lateMsP50,
                  max: r.timing.lateMsMax,
                  never: r.neverFired.map((id) => `“${subjectOf(id)}”`).join(', ') || t('dryRun.none'),
                  decisions: r.decisions.map((d) => `${d.decisionId} → ${d.outcome}`).join(', ') || t('dryRun.none'),
                })}
              </Text>
              <Table fz="xs" striped data-testid="dry-run-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dryRun.inject')}</Table.Th>
                    <Table.Th>{t('dryRun.planned')}</Table.Th>
                    <Table.Th>{t('dryRun.fired')}</Table.Th>
                    <Table.Th>{t('dryRun.teams')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.injects.map((i) => {
                    const released =
                      i.trigger === null
                        ? null
                        : words({
                            type: i.trigger,
                            ref: i.releasedBy?.decision ?? i.releasedBy?.inject,
                            title: shortSubject(i.releasedBy?.inject),
                          });
                    return (
                      <Table.Tr key={i.injectId} data-inject-id={i.injectId}>
                        <Table.Td>
                          <Text size="xs" lineClamp={2} title={i.subject} translate="no">
                            {i.subject}
                          </Text>
                          <Text size="xs" c="dimmed" translate="no">
                            {i.injectId}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {i.plannedMs !== null && (
                            <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                              {formatOffset(i.plannedMs)}
                            </Text>
                          )}
                          {released ? (
                            <Text
                              size="xs"
                              c="dimmed"
                              title={`${released.ids} (${subjectOf(i.releasedBy?.inject)})`}
                              data-testid="dry-run-trigger"
                            >
                              ↳ {released.text}
                            </Text>
                          ) : (
                            i.plannedMs === null && '—'
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }} ff={i.firedMs === null ? undefined : 'monospace'}>
                          {i.firedMs === null ? t('dryRun.never') : formatOffset(i.firedMs)}
                        </Table.Td>
                        <Table.Td>{i.teams}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
