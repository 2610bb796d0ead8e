import { ActionIcon, Anchor, CopyButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { inviteLink } from '../../../config/paths';
import type { ExerciseTeam } from '../../../lib/api-types';
import { useTranslation } from 'react-i18next';

function Copy({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('inject.copied') : label}>
          <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** Join codes and invite links per team (only staff who run the drill receive codes). */
export function TeamInvites({ teams }: { teams: ExerciseTeam[] }) {
  const { t } = useTranslation('control');
  return (
    <Table fz="sm" aria-label={t('invites.aria')} data-testid="team-invites">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('decisions.col.team')}</Table.Th>
          <Table.Th>{t('invites.code')}</Table.Th>
          <Table.Th>{t('invites.link')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.map((team) => (
          <Table.Tr key={team.id} data-team-key={team.key}>
            <Table.Td translate="no">{team.name}</Table.Td>
            <Table.Td>
              {team.joinCode ? (
                <Group gap={4} wrap="nowrap">
                  <Text ff="monospace" fw={700} data-join-code={team.joinCode} translate="no">
                    {team.joinCode}
                  </Text>
                  <Copy value={team.joinCode} label={t('invites.copyCode', { team: team.name })} />
                </Group>
              ) : (
                <Text c="dimmed" size="xs">
                  {t('invites.hidden')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {team.joinCode && (
                <Group gap={4} wrap="nowrap">
                  <Anchor
                    href={inviteLink(team.joinCode)}
                    size="xs"
                    target="_blank"
                    rel="noopener"
                    ff="monospace"
                    translate="no"
                  >
                    /join/{team.joinCode}
                  </Anchor>
                  <Copy value={inviteLink(team.joinCode)} label={t('invites.copyLink', { team: team.name })} />
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
