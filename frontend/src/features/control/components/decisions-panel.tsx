import { Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { PanelError } from '../../../components/page-states';
import type { ControlDecision, ExerciseTeam } from '../../../lib/api-types';
import {
  formatDuration,
  formatScenarioTime,
  formatWallTime,
  type LocalClock,
  scenarioNowMs,
  wallTimeAt,
} from '../../../lib/clock';
import { useNow } from '../../../lib/use-now';
import { useDecisions } from '../api/get-decisions';
import { useExtendDecision } from '../api/extend-decision';
import { useForceDecision } from '../api/force-decision';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

const SPECIAL = ['blocked', 'timed-out', 'abstain', 'block'] as const;

/** A choice in words: the option's own label (scenario content), or one of the special outcomes, translated. */
export function choiceLabel(d: Pick<ControlDecision, 'options'>, choice: string, t: TFunction<'control'>): string {
  const option = d.options.find((o) => o.id === choice)?.label;
  if (option !== undefined) return option;
  return (SPECIAL as readonly string[]).includes(choice)
    ? t(`decisions.special.${choice as (typeof SPECIAL)[number]}`)
    : choice;
}

/**
 * A choice as shown in a badge or a cell: an option's label is scenario content (`translate="no"`,
 * left as the pack wrote it), a special outcome is interface text.
 */
function Choice({ decision, choice }: { decision: Pick<ControlDecision, 'options'>; choice: string }) {
  const { t } = useTranslation(['control', 'common']);
  const label = choiceLabel(decision, choice, t);
  return decision.options.some((o) => o.id === choice) ? <span translate="no">{label}</span> : <>{label}</>;
}

export function outcomeColour(outcome: string | null): string {
  if (outcome === 'blocked') return 'red';
  if (outcome === 'timed-out') return 'orange';
  return outcome ? 'teal' : 'blue';
}

function Deadline({ decision, clock }: { decision: ControlDecision; clock: LocalClock }) {
  const { t } = useTranslation(['control', 'common']);
  const now = useNow(1000);
  const left = decision.deadlineScenarioMs - scenarioNowMs(clock, now);
  const wall = wallTimeAt(clock, decision.deadlineScenarioMs);
  return (
    <Text size="xs" data-testid="decision-deadline">
      {t('decisions.deadline')}{' '}
      <Text span ff="monospace" fw={600}>
        {formatScenarioTime(decision.deadlineScenarioMs)}
      </Text>
      {wall !== null ? ` ${t('decisions.local', { time: formatWallTime(wall) })}` : ''}
      {decision.status === 'open' && (
        <Text span c={left < 60_000 ? 'orange' : 'dimmed'} size="xs">
          {' '}
          · {left > 0 ? t('decisions.left', { time: formatDuration(left) }) : t('decisions.dueNow')}
        </Text>
      )}
    </Text>
  );
}

function SteerDecision({ exerciseId, decision }: { exerciseId: string; decision: ControlDecision }) {
  const { t } = useTranslation(['control', 'common']);
  const extend = useExtendDecision(exerciseId);
  const force = useForceDecision(exerciseId);
  const [minutes, setMinutes] = useState<number | string>(5);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const outcomes = [
    ...decision.options.map((o) => ({ value: o.id, label: o.label })),
    { value: 'blocked', label: t('decisions.special.blocked') },
    { value: 'timed-out', label: t('decisions.special.timed-out') },
  ];
  const isPackOption = (value: string) => decision.options.some((o) => o.id === value);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <form
        aria-label={t('decisions.extendAria', { question: decision.question })}
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(minutes);
          if (Number.isFinite(n) && n > 0)
            extend.mutate({
              rowId: decision.id,
              deadlineScenarioMs: decision.deadlineScenarioMs + Math.round(n * 60_000),
            });
        }}
      >
        <Group gap={4} align="flex-end" wrap="nowrap">
          <NumberInput
            label={t('decisions.extendBy')}
            size="xs"
            w={170}
            min={1}
            max={24 * 60}
            value={minutes}
            onChange={setMinutes}
          />
          <Button type="submit" size="xs" variant="default" loading={extend.isPending}>
            {t('decisions.extend')}
          </Button>
        </Group>
      </form>
      <Group gap={4} align="flex-end" wrap="nowrap">
        <Select
          label={t('decisions.forceOutcome')}
          size="xs"
          w={200}
          placeholder={t('decisions.chooseOutcome')}
          data={outcomes}
          value={outcome}
          onChange={setOutcome}
          // an option's label is scenario content, as in the badges and the vote table; a special outcome is interface text
          renderOption={({ option }) =>
            isPackOption(option.value) ? <span translate="no">{option.label}</span> : option.label
          }
          translate={outcome !== null && isPackOption(outcome) ? 'no' : undefined}
          data-testid="force-outcome"
        />
        <Button size="xs" color="orange" variant="outline" disabled={!outcome} onClick={() => setConfirming(true)}>
          {t('decisions.force')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('decisions.forceTitle')}>
        <Stack>
          <Text size="sm">
            <Trans
              t={t}
              i18nKey="decisions.forceBody"
              values={{ question: decision.question, outcome: outcome ? choiceLabel(decision, outcome, t) : '' }}
              components={{ b: <b /> }}
            />
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </Button>
            <Button
              color="orange"
              loading={force.isPending}
              onClick={() =>
                outcome && force.mutate({ rowId: decision.id, outcome }, { onSuccess: () => setConfirming(false) })
              }
            >
              {t('decisions.forceOutcome')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

function DecisionCard({
  exerciseId,
  decision,
  teams,
  clock,
  steer,
}: {
  exerciseId: string;
  decision: ControlDecision;
  teams: ExerciseTeam[];
  clock: LocalClock;
  steer: boolean;
}) {
  const { t } = useTranslation(['control', 'common']);
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  return (
    <Card
      withBorder
      padding="xs"
      data-testid="decision"
      data-decision-id={decision.decisionId}
      data-row-id={decision.id}
      data-status={decision.status}
      data-outcome={decision.outcome ?? ''}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600} style={{ minWidth: 0 }} translate="no">
            {decision.question}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge size="sm" variant="outline">
              {decision.mode === 'consensus' ? t('common:decision.consensus') : t('common:decision.team')}
            </Badge>
            {decision.status === 'open' && (
              <Badge size="sm" color={outcomeColour(decision.outcome)} data-testid="decision-outcome">
                {t('decisions.open')}
              </Badge>
            )}
          </Group>
        </Group>
        {decision.status !== 'open' && (
          // an outcome is an option's label, often a sentence: on a line of its own, wrapping, never cut
          <Group gap={6} wrap="nowrap" align="center">
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {t('decisions.outcome')}
            </Text>
            <Badge
              size="sm"
              tt="none"
              color={outcomeColour(decision.outcome)}
              data-testid="decision-outcome"
              style={{ minWidth: 0, flexShrink: 1 }}
            >
              {decision.forced ? (
                <Trans
                  t={t}
                  i18nKey="decisions.forced"
                  values={{ outcome: choiceLabel(decision, decision.outcome ?? '', t) }}
                  components={{
                    c: decision.options.some((o) => o.id === decision.outcome) ? <span translate="no" /> : <span />,
                  }}
                />
              ) : (
                <Choice decision={decision} choice={decision.outcome ?? ''} />
              )}
            </Badge>
          </Group>
        )}
        <Deadline decision={decision} clock={clock} />
        <Table
          fz="xs"
          verticalSpacing={2}
          withTableBorder
          aria-label={t('decisions.votesAria', { question: decision.question })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('decisions.col.team')}</Table.Th>
              <Table.Th scope="col">{t('decisions.col.vote')}</Table.Th>
              <Table.Th scope="col">{t('decisions.col.by')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decision.memberTeamIds.map((teamId) => {
              const v = decision.votes.find((x) => x.teamId === teamId);
              return (
                <Table.Tr key={teamId} data-team-id={teamId} data-vote={v?.choice ?? ''}>
                  <Table.Td translate="no">{teamName(teamId)}</Table.Td>
                  <Table.Td>
                    {v ? (
                      <>
                        {decision.options.some((o) => o.id === v.choice) ? (
                          // an option's label is a sentence of the pack's: read as written, not shouted in a badge
                          <Text
                            size="xs"
                            fw={600}
                            c="var(--mantine-color-blue-text)"
                            translate="no"
                            data-testid="vote-choice"
                          >
                            {choiceLabel(decision, v.choice, t)}
                          </Text>
                        ) : (
                          <Badge
                            size="xs"
                            radius="sm"
                            color={v.choice === 'block' ? 'red' : 'gray'}
                            variant="light"
                            data-testid="vote-choice"
                          >
                            {choiceLabel(decision, v.choice, t)}
                          </Badge>
                        )}
                        {v.reason && (
                          // the blocking team's stated reason: wraps, never cut
                          <Text
                            size="xs"
                            mt={2}
                            data-testid="block-reason"
                            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                          >
                            <Text span size="xs" c="dimmed">
                              {t('decisions.reason')}{' '}
                            </Text>
                            <span translate="no">{v.reason}</span>
                          </Text>
                        )}
                      </>
                    ) : (
                      <Text span size="xs" c="dimmed">
                        {t('decisions.notVoted')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {v && (
                      <>
                        <span translate="no">{v.participantName}</span>
                        {', '}
                        {t('decisions.localTime', { time: formatWallTime(v.at) })}
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {steer && decision.status === 'open' && <SteerDecision exerciseId={exerciseId} decision={decision} />}
      </Stack>
    </Card>
  );
}

/** Decisions with live votes per member team, deadlines on the exercise clock and outcomes. */
export function DecisionsPanel({
  exerciseId,
  teams,
  clock,
  steer,
}: {
  exerciseId: string;
  teams: ExerciseTeam[];
  clock: LocalClock;
  steer: boolean;
}) {
  const { t } = useTranslation(['control', 'common']);
  const decisions = useDecisions(exerciseId);
  if (decisions.isError) return <PanelError error={decisions.error} what={t('room.tab.decisions')} />;
  if (decisions.isSuccess && decisions.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('decisions.none')}
      </Text>
    );
  const list = [...(decisions.data ?? [])].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  return (
    <Stack gap="xs" data-testid="decisions-panel" aria-live="polite">
      {list.map((d) => (
        <DecisionCard key={d.id} exerciseId={exerciseId} decision={d} teams={teams} clock={clock} steer={steer} />
      ))}
    </Stack>
  );
}
