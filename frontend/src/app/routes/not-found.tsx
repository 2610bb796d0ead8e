import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <Container py="xl">
      <Stack>
        <Title order={1} fz="h3">
          Page not found
        </Title>
        <Text>
          <Anchor component={Link} to="/">
            Back to your page
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
