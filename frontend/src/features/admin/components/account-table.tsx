import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { ROLES, type Role } from '../../../lib/api-types';
import { type AccountRow, useChangeRole, useDeleteAccount, useResetPassword, useSetDisabled } from '../api/accounts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';

type Pending =
  { kind: 'disable' | 'delete' | 'reset'; user: AccountRow } | { kind: 'role'; user: AccountRow; role: Role };

const CONFIRM_COLOR: Record<Pending['kind'], string> = {
  disable: 'orange',
  delete: 'red',
  reset: 'blue',
  role: 'blue',
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
  const { t } = useTranslation(['admin', 'common']);
  const { date } = useFormat();
  const when = (ms: number | null) => (ms === null ? t('never') : date(ms));
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
        <Alert color="red" role="alert" mb="sm" title={t('notDone')}>
          {errorMessage(error)}
        </Alert>
      )}
      <TableScroll minWidth={760} label={t('tableScroll')}>
        <Table fz="sm" verticalSpacing="xs" aria-label={t('title')} data-testid="accounts-table" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.account')}</Table.Th>
              <Table.Th w={170}>{t('col.role')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
              <Table.Th>{t('col.lastSignIn')}</Table.Th>
              <Table.Th ta="right">{t('col.sessions')}</Table.Th>
              <Table.Th w={48} aria-label={t('col.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((u) => {
              const me = u.id === meId;
              return (
                <Table.Tr key={u.id} data-username={u.username}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      <span translate="no">{u.displayName}</span>
                      {me && (
                        <Text span c="dimmed" size="xs">
                          {' '}
                          {t('you')}
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" translate="no">
                      {u.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={t('roleOf', { username: u.username })}
                      data={ROLES.map((r) => ({ value: r, label: t(`common:account.role.${r}`) }))}
                      value={u.role}
                      allowDeselect={false}
                      disabled={me || u.disabled}
                      onChange={(v) => v && v !== u.role && setPending({ kind: 'role', user: u, role: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.disabled ? (
                        <Badge color="gray">{t('state.disabled')}</Badge>
                      ) : (
                        <Badge color="green" variant="light">
                          {t('state.active')}
                        </Badge>
                      )}
                      {u.mustChangePassword && (
                        <Badge color="blue" variant="light" title={t('state.oneTimeHint')}>
                          {t('state.oneTime')}
                        </Badge>
                      )}
                      {u.authSource === 'oidc' && (
                        <Badge color="violet" variant="light">
                          {t('state.sso')}
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
                          <ActionIcon variant="subtle" aria-label={t('actionsFor', { username: u.username })}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {u.authSource === 'local' && (
                            <Menu.Item onClick={() => setPending({ kind: 'reset', user: u })}>
                              {t('action.resetMenu')}
                            </Menu.Item>
                          )}
                          {u.disabled ? (
                            <Menu.Item onClick={() => setDisabled.mutate({ id: u.id, disabled: false })}>
                              {t('action.enable')}
                            </Menu.Item>
                          ) : (
                            <Menu.Item onClick={() => setPending({ kind: 'disable', user: u })}>
                              {t('action.disableMenu')}
                            </Menu.Item>
                          )}
                          <Menu.Divider />
                          <Menu.Item color="red" onClick={() => setPending({ kind: 'delete', user: u })}>
                            {t('action.deleteMenu')}
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
      <Modal
        opened={pending !== null}
        onClose={close}
        title={pending ? t(`confirm.${pending.kind}.title`) : ''}
        centered
      >
        {pending && (
          <Stack>
            <Text size="sm">
              {pending.kind === 'role'
                ? `${t(`common:account.role.${pending.user.role}`)} → ${t(`common:account.role.${pending.role}`)}. `
                : ''}
              {t(`confirm.${pending.kind}.text`, { username: pending.user.username })}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {errorMessage(error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common:cancel')}
              </Button>
              <Button color={CONFIRM_COLOR[pending.kind]} onClick={confirm} loading={busy}>
                {t(`confirm.${pending.kind}.button`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
