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
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation(['control', 'common']);
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
        label={t('seats.cap')}
        placeholder={t('seats.none')}
        value={value}
        onChange={setValue}
        aria-label={t('seats.capOf', { team: team.name })}
      />
      <Button
        size="xs"
        variant="default"
        disabled={next === seatLimit || (next !== null && next < 1)}
        loading={save.isPending}
        onClick={() => save.mutate({ teamId: team.id, seatLimit: next })}
      >
        {t('seats.saveCap')}
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
  const { t } = useTranslation(['control', 'common']);
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
            aria-label={t('seats.playersOf', { team: team.name })}
            data-team-key={team.key}
          >
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={3} fz="sm">
                <span translate="no">{team.name}</span>{' '}
                <Text span size="sm" c="dimmed">
                  ·{' '}
                  {a
                    ? a.seatLimit !== null
                      ? t('seats.takenOf', { count: a.seatsTaken, limit: a.seatLimit })
                      : t('seats.taken', { count: a.seatsTaken })
                    : '…'}
                </Text>
              </Title>
              <Group gap="xs" wrap="wrap" align="flex-end">
                {a && <SeatCap key={String(a.seatLimit)} exerciseId={exerciseId} team={team} seatLimit={a.seatLimit} />}
                <Button size="xs" variant="default" onClick={() => setConfirm({ kind: 'rotate', team })}>
                  {t('seats.newCode')}
                </Button>
              </Group>
            </Group>
            {players.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('seats.noPlayer')}
              </Text>
            ) : (
              <Table fz="sm" aria-label={t('seats.playersOf', { team: team.name })}>
                <Table.Tbody>
                  {players.map((p) => (
                    <Table.Tr key={p.id} data-participant={p.displayName}>
                      <Table.Td translate="no">{p.displayName}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={p.online ? 'teal' : 'gray'}>
                          {p.online ? t('seats.online') : t('seats.away')}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setConfirm({ kind: 'remove', player: p })}
                          aria-label={t('seats.removeAria', { name: p.displayName })}
                        >
                          {t('seats.remove')}
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
        title={
          confirm?.kind === 'remove'
            ? t('seats.removeTitle', { name: confirm.player.displayName })
            : t('seats.rotateTitle')
        }
        size="md"
      >
        <Stack>
          <Text size="sm">
            {confirm?.kind === 'remove'
              ? t('seats.removeBody')
              : confirm?.kind === 'rotate'
                ? t('seats.rotateBody', { team: confirm.team.name })
                : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:cancel')}
            </Button>
            <Button
              color={confirm?.kind === 'remove' ? 'red' : 'blue'}
              onClick={() => {
                if (confirm?.kind === 'remove') remove.mutate(confirm.player);
                if (confirm?.kind === 'rotate') rotate.mutate(confirm.team.id);
                close();
              }}
            >
              {confirm?.kind === 'remove' ? t('seats.removePlayer') : t('seats.newCode')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
