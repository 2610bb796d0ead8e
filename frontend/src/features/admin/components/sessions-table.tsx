import { Alert, Badge, Button, Table, Text } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { errorMessage } from '../../../lib/api-client';
import type { Role } from '../../../lib/api-types';
import { type ActiveSession, useEndSession } from '../api/accounts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';

/** A browser family from a user agent, enough to tell sessions apart. */
function client(ua: string | null): string {
  if (!ua) return '—';
  const m = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(ua);
  return m ? (m[1] === 'Edg' ? 'Edge' : (m[1] ?? ua)) : ua.slice(0, 40);
}

/** Open sessions of staff and players; ending one signs that browser out at once. */
export function SessionsTable({ sessions, mySessionHint }: { sessions: ActiveSession[]; mySessionHint: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const { date } = useFormat();
  const time = (ms: number) =>
    date(ms, {
      year: '2-digit',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  const end = useEndSession();
  return (
    <>
      {end.isError && (
        <Alert color="red" role="alert" mb="sm">
          {errorMessage(end.error)}
        </Alert>
      )}
      <TableScroll minWidth={760} label={t('sessionsScroll')}>
        <Table fz="sm" verticalSpacing={4} aria-label={t('activeSessions')} data-testid="sessions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sessions.who')}</Table.Th>
              <Table.Th>{t('sessions.roleOrTeam')}</Table.Th>
              <Table.Th>{t('sessions.signedIn')}</Table.Th>
              <Table.Th>{t('sessions.expires')}</Table.Th>
              <Table.Th>{t('sessions.from')}</Table.Th>
              <Table.Th w={90} aria-label={t('sessions.end')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((s) => (
              <Table.Tr key={s.id} data-session-name={s.name}>
                <Table.Td>
                  <Text size="sm" fw={600} translate="no">
                    {s.name}
                  </Text>
                  {s.kind === 'participant' && (
                    <Text size="xs" c="dimmed">
                      {t('sessions.player')}
                      {s.exercise && <span translate="no"> · {s.exercise}</span>}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.role ? (
                    <Badge variant="light">{t(`common:account.role.${s.role as Role}`)}</Badge>
                  ) : (
                    <Text size="sm" translate="no">
                      {s.team ?? '—'}
                    </Text>
                  )}
                  {s.passwordChangeOnly && (
                    <Badge ml={4} color="blue" variant="light">
                      {t('sessions.changingPassword')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{time(s.createdAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{time(s.expiresAt)}</Table.Td>
                <Table.Td>
                  <Text size="xs" translate="no">
                    {client(s.userAgent)}
                    {s.address ? ` · ${s.address}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    onClick={() => end.mutate(s.id)}
                    loading={end.isPending && end.variables === s.id}
                    title={s.name === mySessionHint ? t('sessions.mine') : undefined}
                  >
                    {t('sessions.end')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {sessions.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('sessions.none')}
        </Text>
      )}
    </>
  );
}
