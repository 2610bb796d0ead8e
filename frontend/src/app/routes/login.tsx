import { Anchor, Button, Card, Container, Divider, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { homeOf } from '../../features/auth/api/get-session';
import { singleSignOnHref, useSingleSignOn } from '../../features/auth/api/single-sign-on';
import { LoginForm } from '../../features/auth/components/login-form';
import { paths } from '../../config/paths';

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
  const safeRedirect = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : null;
  const sso = useSingleSignOn();
  return (
    <Container size={420} py="xl" component="main">
      <Card withBorder padding="lg">
        <Stack>
          <Title order={1} fz="h3">
            Staff sign in
          </Title>
          <Text size="sm" c="dimmed">
            For instructors, facilitators, evaluators and observers.
          </Text>
          {sso.data?.enabled && (
            <>
              {/* a full-page navigation: the identity provider's own sign-in page, then back here */}
              <Button component="a" href={singleSignOnHref(sso.data, safeRedirect)} variant="filled" size="md">
                Sign in with {sso.data.providerName}
              </Button>
              <Divider label="or with a username and password" labelPosition="center" />
            </>
          )}
          <LoginForm
            secondary={sso.data?.enabled === true}
            onSuccess={(s) => void navigate(safeRedirect ?? homeOf(s), { replace: true })}
          />
          <Text size="sm">
            Playing in a team?{' '}
            <Anchor component={Link} to={paths.join.getHref()}>
              Join with a code
            </Anchor>
          </Text>
        </Stack>
      </Card>
    </Container>
  );
}
