import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { ROLES, type Role } from '../../../lib/api-types';
import { useCreateAccount } from '../api/accounts';
import { ROLE_HELP } from './role-help';

/** A new staff account with a role; the server generates its one-time password. */
export function NewAccountForm({ onCreated }: { onCreated: (username: string, oneTimePassword: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('facilitator');
  const create = useCreateAccount();
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
    <form onSubmit={submit} aria-label="New account">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Username"
          description="3–80 letters, digits, . _ -"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          w={200}
          autoComplete="off"
        />
        <TextInput
          label="Name"
          description="as colleagues see it"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          w={220}
          autoComplete="off"
        />
        <Select
          label="Role"
          description={ROLE_HELP[role]}
          data={ROLES.map((r) => ({ value: r, label: r }))}
          value={role}
          onChange={(v) => v && setRole(v)}
          allowDeselect={false}
          w={260}
        />
        <Button type="submit" loading={create.isPending}>
          Create account
        </Button>
      </Group>
      {create.isError && (
        <Alert color="red" role="alert" mt="sm" title="Account not created">
          {errorMessage(create.error)}
        </Alert>
      )}
    </form>
  );
}
