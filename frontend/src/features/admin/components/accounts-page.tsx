import { Card, Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { useSession } from '../../auth/api/get-session';
import { useAccounts, useActiveSessions } from '../api/accounts';
import { AccountTable } from './account-table';
import { NewAccountForm } from './new-account-form';
import { OneTimePasswordDialog } from './one-time-password-dialog';
import { SessionsTable } from './sessions-table';

/** Accounts and sessions, for administrators. */
export function AccountsPage() {
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
            Accounts
          </Title>
          <Text size="sm" c="dimmed">
            Staff accounts and who is signed in. Changing a role, disabling, resetting or deleting an account signs that
            person out at once.
          </Text>
        </div>
        <Card withBorder padding="md">
          <Title order={2} fz="h4" mb="xs">
            New account
          </Title>
          <NewAccountForm onCreated={show} />
        </Card>
        <Tabs defaultValue="accounts" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="accounts">Accounts{accounts.data ? ` (${accounts.data.length})` : ''}</Tabs.Tab>
            <Tabs.Tab value="sessions">Active sessions{sessions.data ? ` (${sessions.data.length})` : ''}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="accounts" pt="sm">
            {accounts.isPending ? (
              <PageLoader />
            ) : accounts.isError ? (
              <ErrorAlert error={accounts.error} title="Could not load the accounts" />
            ) : (
              <AccountTable accounts={accounts.data} meId={me?.id ?? ''} onOneTimePassword={show} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="sessions" pt="sm">
            {sessions.isPending ? (
              <PageLoader />
            ) : sessions.isError ? (
              <ErrorAlert error={sessions.error} title="Could not load the sessions" />
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
