import { Badge, Button, Group, Modal, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ExerciseTeam } from '../../../lib/api-types';
import {
  type Participant,
  useParticipants,
  useRemoveParticipant,
  useRotateCode,
  useSetSeatLimit,
  useTeamAccess,
} from '../api/participants';

type Confirm = { kind: 'remove'; player: Participant } | { kind: 'rotate'; team: ExerciseTeam } | null;

/** A team's seat cap: empty means no cap. */
function SeatCap({
  exerciseId,
  team,
  seatLimit,
}: {
  exerciseId: string;
  team: ExerciseTeam;
  seatLimit: number | null;
}) {
  const save = useSetSeatLimit(exerciseId);
  const [value, setValue] = useState<string | number>(seatLimit ?? '');
  const next = value === '' ? null : Number(value);
  return (
    <Group gap={6} wrap="nowrap" align="flex-end">
      <NumberInput
        size="xs"
        w={90}
        min={1}
        max={1000}
        allowDecimal={false}
        label="Seat cap"
        placeholder="none"
        value={value}
        onChange={setValue}
        aria-label={`Seat cap of ${team.name}`}
      />
      <Button
        size="xs"
        variant="default"
        disabled={next === seatLimit || (next !== null && next < 1)}
        loading={save.isPending}
        onClick={() => save.mutate({ teamId: team.id, seatLimit: next })}
      >
        Save cap
      </Button>
    </Group>
  );
}

/**
 * Who holds a seat in each team, and the facilitator's levers: remove a player (their session
 * ends at once, their entries stay), give a team a new join code (the old one stops working), cap
 * the seats.
 */
export function TeamSeats({ exerciseId, teams }: { exerciseId: string; teams: ExerciseTeam[] }) {
  const participants = useParticipants(exerciseId);
  const access = useTeamAccess(exerciseId);
  const remove = useRemoveParticipant(exerciseId);
  const rotate = useRotateCode(exerciseId);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const close = () => setConfirm(null);
  return (
    <Stack gap="md" data-testid="team-seats">
      {teams.map((team) => {
        const a = access.data?.find((x) => x.teamId === team.id);
        const players = (participants.data ?? []).filter((p) => p.teamId === team.id && p.removedAt === null);
        return (
          <Stack
            key={team.id}
            gap={6}
            component="section"
            aria-label={`Players of ${team.name}`}
            data-team-key={team.key}
          >
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={3} fz="sm">
                {team.name}{' '}
                <Text span size="sm" c="dimmed">
                  ·{' '}
                  {a
                    ? `${a.seatsTaken} seat${a.seatsTaken === 1 ? '' : 's'} taken${a.seatLimit !== null ? ` of ${a.seatLimit}` : ''}`
                    : '…'}
                </Text>
              </Title>
              <Group gap="xs" wrap="wrap" align="flex-end">
                {a && <SeatCap key={String(a.seatLimit)} exerciseId={exerciseId} team={team} seatLimit={a.seatLimit} />}
                <Button size="xs" variant="default" onClick={() => setConfirm({ kind: 'rotate', team })}>
                  New join code
                </Button>
              </Group>
            </Group>
            {players.length === 0 ? (
              <Text size="sm" c="dimmed">
                No player has joined yet.
              </Text>
            ) : (
              <Table fz="sm" aria-label={`Players of ${team.name}`}>
                <Table.Tbody>
                  {players.map((p) => (
                    <Table.Tr key={p.id} data-participant={p.displayName}>
                      <Table.Td>{p.displayName}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={p.online ? 'teal' : 'gray'}>
                          {p.online ? 'signed in' : 'away'}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setConfirm({ kind: 'remove', player: p })}
                          aria-label={`Remove ${p.displayName}`}
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        );
      })}
      <Modal
        opened={confirm !== null}
        onClose={close}
        title={confirm?.kind === 'remove' ? `Remove ${confirm.player.displayName}?` : 'Give this team a new join code?'}
        size="md"
      >
        <Stack>
          <Text size="sm">
            {confirm?.kind === 'remove'
              ? 'Their session ends at once and their console closes; what they wrote stays in the log. They can only come back by joining again with the team’s code.'
              : confirm?.kind === 'rotate'
                ? `The current code of ${confirm.team.name} stops working at once; players already in keep their seats. Hand the new code to the players still to join.`
                : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={confirm?.kind === 'remove' ? 'red' : 'blue'}
              onClick={() => {
                if (confirm?.kind === 'remove') remove.mutate(confirm.player);
                if (confirm?.kind === 'rotate') rotate.mutate(confirm.team.id);
                close();
              }}
            >
              {confirm?.kind === 'remove' ? 'Remove player' : 'New join code'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
