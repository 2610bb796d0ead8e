import { ActionIcon, Anchor, CopyButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { inviteLink } from '../../../config/paths';
import type { ExerciseTeam } from '../../../lib/api-types';

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label}>
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
  return (
    <Table fz="sm" aria-label="Teams and invites" data-testid="team-invites">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Team</Table.Th>
          <Table.Th>Join code</Table.Th>
          <Table.Th>Invite link</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.map((t) => (
          <Table.Tr key={t.id} data-team-key={t.key}>
            <Table.Td>{t.name}</Table.Td>
            <Table.Td>
              {t.joinCode ? (
                <Group gap={4} wrap="nowrap">
                  <Text ff="monospace" fw={700} data-join-code={t.joinCode}>
                    {t.joinCode}
                  </Text>
                  <Copy value={t.joinCode} label={`Copy join code of ${t.name}`} />
                </Group>
              ) : (
                <Text c="dimmed" size="xs">
                  hidden
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {t.joinCode && (
                <Group gap={4} wrap="nowrap">
                  <Anchor href={inviteLink(t.joinCode)} size="xs" target="_blank" rel="noopener" ff="monospace">
                    /join/{t.joinCode}
                  </Anchor>
                  <Copy value={inviteLink(t.joinCode)} label={`Copy invite link of ${t.name}`} />
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
