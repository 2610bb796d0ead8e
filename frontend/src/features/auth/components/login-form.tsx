import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useLogin } from '../api/login';
import { useTranslation } from 'react-i18next';

/** `secondary`: another way to sign in is offered above (single sign-on), so this button steps back. */
export function LoginForm({
  onSuccess,
  secondary = false,
}: {
  onSuccess: (session: Session) => void;
  secondary?: boolean;
}) {
  const { t } = useTranslation('auth');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin({ onSuccess });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  return (
    <form onSubmit={submit} aria-label={t('login.signIn')}>
      <Stack>
        <TextInput
          label={t('login.username')}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {login.isError && (
          <Alert color="red" role="alert" title={t('login.failed')}>
            {errorMessage(login.error)}
          </Alert>
        )}
        <Button type="submit" loading={login.isPending} variant={secondary ? 'default' : 'filled'}>
          {t('login.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
