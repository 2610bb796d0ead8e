import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../../lib/api-client';
import { ROLES, type Role } from '../../../lib/api-types';
import { useCreateAccount } from '../api/accounts';
import { useTranslation } from 'react-i18next';

/** A new staff account with a role; the server generates its one-time password. */
export function NewAccountForm({ onCreated }: { onCreated: (username: string, oneTimePassword: string) => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('facilitator');
  const create = useCreateAccount();
  const problems = formErrors(create.error, ['username', 'displayName'], {
    'user.exists': 'username',
    'user.reserved-name': 'username',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { username: username.trim(), displayName: displayName.trim(), role },
      {
        onSuccess: (u) => {
          setUsername('');
          setDisplayName('');
          if (u.oneTimePassword) onCreated(u.username, u.oneTimePassword);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('newAccount')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('form.username')}
          description={t('form.usernameHint')}
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={problems.byField.username}
          w={200}
          autoComplete="off"
        />
        <TextInput
          label={t('form.name')}
          description={t('form.nameHint')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={problems.byField.displayName}
          w={220}
          autoComplete="off"
        />
        <Select
          label={t('col.role')}
          description={t(`roleHelp.${role}`)}
          data={ROLES.map((r) => ({ value: r, label: t(`common:account.role.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v)}
          allowDeselect={false}
          w={260}
        />
        <Button type="submit" loading={create.isPending}>
          {t('form.create')}
        </Button>
      </Group>
      {problems.rest !== undefined && (
        <Alert color="red" role="alert" mt="sm" title={t('form.notCreated')}>
          {problems.rest}
        </Alert>
      )}
    </form>
  );
}
