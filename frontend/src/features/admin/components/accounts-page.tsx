import { Card, Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { useSession } from '../../auth/api/get-session';
import { useAccounts, useActiveSessions } from '../api/accounts';
import { AccountTable } from './account-table';
import { NewAccountForm } from './new-account-form';
import { OneTimePasswordDialog } from './one-time-password-dialog';
import { SessionsTable } from './sessions-table';
import { useTranslation } from 'react-i18next';

/** Accounts and sessions, for administrators. */
export function AccountsPage() {
  const { t } = useTranslation('admin');
  const session = useSession();
  const accounts = useAccounts();
  const sessions = useActiveSessions();
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  const me = session.data?.kind === 'user' ? session.data.user : null;
  const show = (username: string, password: string) => setOtp({ username, password });
  return (
    <Container size="lg" py="lg" component="main">
      <Stack>
        <div>
          <Title order={1} fz="h2">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </div>
        <Card withBorder padding="md">
          <Title order={2} fz="h4" mb="xs">
            {t('newAccount')}
          </Title>
          <NewAccountForm onCreated={show} />
        </Card>
        <Tabs defaultValue="accounts" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="accounts">
              {t('title')}
              {accounts.data ? ` (${accounts.data.length})` : ''}
            </Tabs.Tab>
            <Tabs.Tab value="sessions">
              {t('activeSessions')}
              {sessions.data ? ` (${sessions.data.length})` : ''}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="accounts" pt="sm">
            {accounts.isPending ? (
              <PageLoader />
            ) : accounts.isError ? (
              <ErrorAlert error={accounts.error} title={t('couldNotLoadAccounts')} />
            ) : (
              <AccountTable accounts={accounts.data} meId={me?.id ?? ''} onOneTimePassword={show} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="sessions" pt="sm">
            {sessions.isPending ? (
              <PageLoader />
            ) : sessions.isError ? (
              <ErrorAlert error={sessions.error} title={t('couldNotLoadSessions')} />
            ) : (
              <SessionsTable sessions={sessions.data} mySessionHint={me?.username ?? ''} />
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <OneTimePasswordDialog shown={otp} onClose={() => setOtp(null)} />
    </Container>
  );
}
