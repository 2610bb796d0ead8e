import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { ROLES, type Role } from '../../../lib/api-types';
import { type AccountRow, useChangeRole, useDeleteAccount, useResetPassword, useSetDisabled } from '../api/accounts';

type Pending =
  { kind: 'disable' | 'delete' | 'reset'; user: AccountRow } | { kind: 'role'; user: AccountRow; role: Role };

const when = (ms: number | null) =>
  ms === null ? 'never' : new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

const CONFIRM: Record<
  Pending['kind'],
  { title: string; button: string; color: string; text: (u: AccountRow) => string }
> = {
  disable: {
    title: 'Disable account',
    button: 'Disable',
    color: 'orange',
    text: (u) => `${u.username} is signed out everywhere at once and cannot sign in until enabled again.`,
  },
  delete: {
    title: 'Delete account',
    button: 'Delete',
    color: 'red',
    text: (u) =>
      `${u.username} is signed out and removed. What they did stays in the exercise logs and reports, under “Deleted user”. This cannot be undone.`,
  },
  reset: {
    title: 'Reset password',
    button: 'Reset password',
    color: 'blue',
    text: (u) =>
      `${u.username} is signed out everywhere and gets a one-time password, shown to you once, that they must replace at their next sign-in.`,
  },
  role: {
    title: 'Change role',
    button: 'Change role',
    color: 'blue',
    text: (u) => `${u.username} is signed out everywhere at once; at the next sign-in the new role applies.`,
  },
};

/** Every account with its role, state and sessions; each change is confirmed, because it signs the person out. */
export function AccountTable({
  accounts,
  meId,
  onOneTimePassword,
}: {
  accounts: AccountRow[];
  meId: string;
  onOneTimePassword: (username: string, password: string) => void;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const changeRole = useChangeRole();
  const setDisabled = useSetDisabled();
  const reset = useResetPassword();
  const remove = useDeleteAccount();
  const busy = changeRole.isPending || setDisabled.isPending || reset.isPending || remove.isPending;
  const error = changeRole.error ?? setDisabled.error ?? reset.error ?? remove.error;
  const close = () => setPending(null);
  const confirm = () => {
    if (!pending) return;
    const id = pending.user.id;
    if (pending.kind === 'role') changeRole.mutate({ id, role: pending.role }, { onSuccess: close });
    else if (pending.kind === 'disable') setDisabled.mutate({ id, disabled: true }, { onSuccess: close });
    else if (pending.kind === 'delete') remove.mutate(id, { onSuccess: close });
    else
      reset.mutate(id, {
        onSuccess: (r) => {
          close();
          onOneTimePassword(r.user.username, r.oneTimePassword);
        },
      });
  };
  return (
    <>
      {error && !pending && (
        <Alert color="red" role="alert" mb="sm" title="Not done">
          {errorMessage(error)}
        </Alert>
      )}
      <TableScroll minWidth={760} label="Accounts (scrolls sideways)">
        <Table fz="sm" verticalSpacing="xs" aria-label="Accounts" data-testid="accounts-table" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th w={170}>Role</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th ta="right">Sessions</Table.Th>
              <Table.Th w={48} aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((u) => {
              const me = u.id === meId;
              return (
                <Table.Tr key={u.id} data-username={u.username}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {u.displayName}
                      {me && (
                        <Text span c="dimmed" size="xs">
                          {' '}
                          (you)
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {u.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`Role of ${u.username}`}
                      data={ROLES.map((r) => ({ value: r, label: r }))}
                      value={u.role}
                      allowDeselect={false}
                      disabled={me || u.disabled}
                      onChange={(v) => v && v !== u.role && setPending({ kind: 'role', user: u, role: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.disabled ? (
                        <Badge color="gray">disabled</Badge>
                      ) : (
                        <Badge color="green" variant="light">
                          active
                        </Badge>
                      )}
                      {u.mustChangePassword && (
                        <Badge
                          color="blue"
                          variant="light"
                          title="Signs in with a one-time password and must choose a new one"
                        >
                          one-time password
                        </Badge>
                      )}
                      {u.authSource === 'oidc' && (
                        <Badge color="violet" variant="light">
                          single sign-on
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{when(u.lastSignInAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{u.sessions}</Table.Td>
                  <Table.Td>
                    {!me && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`Actions for ${u.username}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {u.authSource === 'local' && (
                            <Menu.Item onClick={() => setPending({ kind: 'reset', user: u })}>
                              Reset password…
                            </Menu.Item>
                          )}
                          {u.disabled ? (
                            <Menu.Item onClick={() => setDisabled.mutate({ id: u.id, disabled: false })}>
                              Enable
                            </Menu.Item>
                          ) : (
                            <Menu.Item onClick={() => setPending({ kind: 'disable', user: u })}>Disable…</Menu.Item>
                          )}
                          <Menu.Divider />
                          <Menu.Item color="red" onClick={() => setPending({ kind: 'delete', user: u })}>
                            Delete…
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Modal opened={pending !== null} onClose={close} title={pending ? CONFIRM[pending.kind].title : ''} centered>
        {pending && (
          <Stack>
            <Text size="sm">
              {pending.kind === 'role' ? `${pending.user.role} → ${pending.role}. ` : ''}
              {CONFIRM[pending.kind].text(pending.user)}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {errorMessage(error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button color={CONFIRM[pending.kind].color} onClick={confirm} loading={busy}>
                {CONFIRM[pending.kind].button}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
