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

const SPECIAL: Record<string, string> = {
  blocked: 'Blocked',
  'timed-out': 'Timed out',
  abstain: 'Abstain',
  block: 'Block (veto)',
};

export function choiceLabel(d: Pick<ControlDecision, 'options'>, choice: string): string {
  return d.options.find((o) => o.id === choice)?.label ?? SPECIAL[choice] ?? choice;
}

export function outcomeColour(outcome: string | null): string {
  if (outcome === 'blocked') return 'red';
  if (outcome === 'timed-out') return 'orange';
  return outcome ? 'teal' : 'blue';
}

function Deadline({ decision, clock }: { decision: ControlDecision; clock: LocalClock }) {
  const now = useNow(1000);
  const left = decision.deadlineScenarioMs - scenarioNowMs(clock, now);
  const wall = wallTimeAt(clock, decision.deadlineScenarioMs);
  return (
    <Text size="xs" data-testid="decision-deadline">
      Deadline{' '}
      <Text span ff="monospace" fw={600}>
        {formatScenarioTime(decision.deadlineScenarioMs)}
      </Text>
      {wall !== null ? ` (${formatWallTime(wall)} local)` : ''}
      {decision.status === 'open' && (
        <Text span c={left < 60_000 ? 'orange' : 'dimmed'} size="xs">
          {' '}
          · {left > 0 ? `${formatDuration(left)} of exercise time left` : 'due now'}
        </Text>
      )}
    </Text>
  );
}

function SteerDecision({ exerciseId, decision }: { exerciseId: string; decision: ControlDecision }) {
  const extend = useExtendDecision(exerciseId);
  const force = useForceDecision(exerciseId);
  const [minutes, setMinutes] = useState<number | string>(5);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const outcomes = [
    ...decision.options.map((o) => ({ value: o.id, label: o.label })),
    { value: 'blocked', label: 'Blocked' },
    { value: 'timed-out', label: 'Timed out' },
  ];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <form
        aria-label={`Extend the deadline of ${decision.question}`}
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
            label="Extend by (exercise minutes)"
            size="xs"
            w={170}
            min={1}
            max={24 * 60}
            value={minutes}
            onChange={setMinutes}
          />
          <Button type="submit" size="xs" variant="default" loading={extend.isPending}>
            Extend
          </Button>
        </Group>
      </form>
      <Group gap={4} align="flex-end" wrap="nowrap">
        <Select
          label="Force outcome"
          size="xs"
          w={200}
          placeholder="Choose an outcome"
          data={outcomes}
          value={outcome}
          onChange={setOutcome}
        />
        <Button size="xs" color="orange" variant="outline" disabled={!outcome} onClick={() => setConfirming(true)}>
          Force…
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Force the outcome?">
        <Stack>
          <Text size="sm">
            “{decision.question}” closes now as <b>{outcome ? choiceLabel(decision, outcome) : ''}</b>, whatever the
            teams voted. Any branch on this outcome is released. This is logged as forced and cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="orange"
              loading={force.isPending}
              onClick={() =>
                outcome && force.mutate({ rowId: decision.id, outcome }, { onSuccess: () => setConfirming(false) })
              }
            >
              Force outcome
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
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;
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
          <Text size="sm" fw={600} style={{ minWidth: 0 }}>
            {decision.question}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge size="sm" variant="outline">
              {decision.mode === 'consensus' ? 'consensus' : 'team decision'}
            </Badge>
            {decision.status === 'open' && (
              <Badge size="sm" color={outcomeColour(decision.outcome)} data-testid="decision-outcome">
                open
              </Badge>
            )}
          </Group>
        </Group>
        {decision.status !== 'open' && (
          // an outcome is an option's label, often a sentence: on a line of its own, wrapping, never cut
          <Group gap={6} wrap="nowrap" align="center">
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              Outcome
            </Text>
            <Badge
              size="sm"
              tt="none"
              color={outcomeColour(decision.outcome)}
              data-testid="decision-outcome"
              style={{ minWidth: 0, flexShrink: 1 }}
            >
              {`${choiceLabel(decision, decision.outcome ?? '')}${decision.forced ? ' (forced)' : ''}`}
            </Badge>
          </Group>
        )}
        <Deadline decision={decision} clock={clock} />
        <Table fz="xs" verticalSpacing={2} withTableBorder aria-label={`Votes: ${decision.question}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Team</Table.Th>
              <Table.Th scope="col">Vote</Table.Th>
              <Table.Th scope="col">By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decision.memberTeamIds.map((t) => {
              const v = decision.votes.find((x) => x.teamId === t);
              return (
                <Table.Tr key={t} data-team-id={t} data-vote={v?.choice ?? ''}>
                  <Table.Td>{teamName(t)}</Table.Td>
                  <Table.Td>
                    {v ? (
                      <>
                        <Badge
                          size="xs"
                          radius="sm"
                          color={v.choice === 'block' ? 'red' : v.choice === 'abstain' ? 'gray' : 'blue'}
                          variant="light"
                        >
                          {choiceLabel(decision, v.choice)}
                        </Badge>
                        {v.reason && (
                          // the blocking team's stated reason: wraps, never cut
                          <Text
                            size="xs"
                            mt={2}
                            data-testid="block-reason"
                            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                          >
                            <Text span size="xs" c="dimmed">
                              Reason:{' '}
                            </Text>
                            {v.reason}
                          </Text>
                        )}
                      </>
                    ) : (
                      <Text span size="xs" c="dimmed">
                        not voted
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{v ? `${v.participantName}, ${formatWallTime(v.at)} local` : ''}</Table.Td>
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
  const decisions = useDecisions(exerciseId);
  if (decisions.isError) return <PanelError error={decisions.error} what="Decisions" />;
  if (decisions.isSuccess && decisions.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No decision has opened yet.
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
