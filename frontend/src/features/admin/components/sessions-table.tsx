import { Alert, Badge, Button, Table, Text } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { errorMessage } from '../../../lib/api-client';
import { type ActiveSession, useEndSession } from '../api/accounts';

const time = (ms: number) => new Date(ms).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });

/** A browser family from a user agent, enough to tell sessions apart. */
function client(ua: string | null): string {
  if (!ua) return '—';
  const m = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(ua);
  return m ? (m[1] === 'Edg' ? 'Edge' : (m[1] ?? ua)) : ua.slice(0, 40);
}

/** Open sessions of staff and players; ending one signs that browser out at once. */
export function SessionsTable({ sessions, mySessionHint }: { sessions: ActiveSession[]; mySessionHint: string }) {
  const end = useEndSession();
  return (
    <>
      {end.isError && (
        <Alert color="red" role="alert" mb="sm">
          {errorMessage(end.error)}
        </Alert>
      )}
      <TableScroll minWidth={760} label="Active sessions (scrolls sideways)">
        <Table fz="sm" verticalSpacing={4} aria-label="Active sessions" data-testid="sessions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>Role or team</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th w={90} aria-label="End" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((s) => (
              <Table.Tr key={s.id} data-session-name={s.name}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {s.name}
                  </Text>
                  {s.kind === 'participant' && (
                    <Text size="xs" c="dimmed">
                      player{s.exercise ? ` · ${s.exercise}` : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.role ? <Badge variant="light">{s.role}</Badge> : <Text size="sm">{s.team ?? '—'}</Text>}
                  {s.passwordChangeOnly && (
                    <Badge ml={4} color="blue" variant="light">
                      changing password
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{time(s.createdAt)}</Table.Td>
                <Table.Td>{time(s.expiresAt)}</Table.Td>
                <Table.Td>
                  <Text size="xs">
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
                    title={s.name === mySessionHint ? 'This may be your own session' : undefined}
                  >
                    End
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {sessions.length === 0 && (
        <Text c="dimmed" size="sm">
          No one is signed in.
        </Text>
      )}
    </>
  );
}
