import { Alert, Button, List, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useChangePassword } from '../api/change-password';
import { useTranslation } from 'react-i18next';

const MIN_LENGTH = 12;

/** Change my password: the current one, the new one twice. The server checks the policy too and says what is wrong. */
export function ChangePasswordForm({
  username,
  onSuccess,
  currentLabel,
}: {
  username: string;
  onSuccess: (session: Session) => void;
  currentLabel?: string;
}) {
  const { t } = useTranslation('auth');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const change = useChangePassword({ onSuccess });
  const localProblem =
    next.length < MIN_LENGTH
      ? t('password.tooShort', { min: MIN_LENGTH, n: next.length })
      : next.trim().toLowerCase() === username.toLowerCase()
        ? t('password.notUsername')
        : next !== again
          ? t('password.differ')
          : null;
  const problems = formErrors(change.error, ['currentPassword', 'newPassword'], {
    'auth.wrong-password': 'currentPassword',
    'auth.same-password': 'newPassword',
    'auth.weak-password': 'newPassword',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (localProblem) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form onSubmit={submit} aria-label={t('password.title')}>
      <Stack gap="sm">
        <PasswordInput
          label={currentLabel ?? t('password.current')}
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={problems.byField.currentPassword}
          data-autofocus
        />
        <PasswordInput
          label={t('password.new')}
          name="new-password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={problems.byField.newPassword}
        />
        <PasswordInput
          label={t('password.again')}
          name="new-password-again"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed" component="div">
          <List size="xs" spacing={2}>
            <List.Item>{t('password.ruleLength', { min: MIN_LENGTH })}</List.Item>
            <List.Item>{t('password.ruleNotUsername')}</List.Item>
            <List.Item>{t('password.ruleSignOut')}</List.Item>
          </List>
        </Text>
        {touched && localProblem && (
          <Alert color="orange" role="alert">
            {localProblem}
          </Alert>
        )}
        {problems.rest !== undefined && (
          <Alert color="red" role="alert" title={t('password.notChanged')}>
            {problems.rest}
          </Alert>
        )}
        <Button type="submit" loading={change.isPending}>
          {t('password.title')}
        </Button>
      </Stack>
    </form>
  );
}
