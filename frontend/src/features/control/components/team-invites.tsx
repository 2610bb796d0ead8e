import { ActionIcon, Anchor, CopyButton, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { inviteLink } from '../../../config/paths';
import type { ExerciseTeam } from '../../../lib/api-types';
import { useTranslation } from 'react-i18next';

function Copy({ value, label, kind }: { value: string; label: string; kind: 'code' | 'link' }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('inject.copied') : label}>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={copy}
            aria-label={label}
            data-copy={kind}
            style={{ flexShrink: 0 }}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/**
 * Join codes and invite links per team (only staff who run the drill receive codes). The link sits
 * under its code, whole and wrapping where it must, each with its own copy button; on a phone each
 * team is one block (name above code and link) so that neither a long team name nor the link is
 * squeezed into a narrow column.
 */
export function TeamInvites({ teams }: { teams: ExerciseTeam[] }) {
  const { t } = useTranslation('control');
  return (
    <Table fz="sm" aria-label={t('invites.aria')} data-testid="team-invites" className="ttx-invites">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('decisions.col.team')}</Table.Th>
          <Table.Th>{t('invites.codeAndLink')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.map((team) => (
          <Table.Tr key={team.id} data-team-key={team.key}>
            <Table.Td translate="no" style={{ verticalAlign: 'top', overflowWrap: 'break-word' }}>
              {team.name}
            </Table.Td>
            <Table.Td>
              {team.joinCode ? (
                <Stack gap={2}>
                  <Group gap={4} wrap="nowrap">
                    <Text ff="monospace" fw={700} data-join-code={team.joinCode} translate="no">
                      {team.joinCode}
                    </Text>
                    <Copy value={team.joinCode} label={t('invites.copyCode', { team: team.name })} kind="code" />
                  </Group>
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <Anchor
                      href={inviteLink(team.joinCode)}
                      size="xs"
                      target="_blank"
                      rel="noopener"
                      ff="monospace"
                      translate="no"
                      style={{ minWidth: 0, overflowWrap: 'break-word' }}
                    >
                      {inviteLink(team.joinCode)}
                    </Anchor>
                    <Copy
                      value={inviteLink(team.joinCode)}
                      label={t('invites.copyLink', { team: team.name })}
                      kind="link"
                    />
                  </Group>
                </Stack>
              ) : (
                <Text c="dimmed" size="xs">
                  {t('invites.hidden')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
