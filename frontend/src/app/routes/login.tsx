import { Anchor, Card, Container, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { homeOf } from '../../features/auth/api/get-session';
import { LoginForm } from '../../features/auth/components/login-form';
import { paths } from '../../config/paths';

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
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
          <LoginForm onSuccess={(s) => void navigate(redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : homeOf(s), { replace: true })} />
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
