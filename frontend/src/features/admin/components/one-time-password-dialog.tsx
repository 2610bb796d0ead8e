import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** A one-time password, shown once: the administrator hands it over; the user must replace it at first sign-in. */
export function OneTimePasswordDialog({
  shown,
  onClose,
}: {
  shown: { username: string; password: string } | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={shown !== null} onClose={onClose} title="One-time password" centered>
      {shown && (
        <Stack>
          <Text size="sm">
            Give this password to <strong>{shown.username}</strong> in person or over a trusted channel. It is shown
            only now; at the first sign-in they must choose their own.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="lg" fw={700} data-testid="one-time-password" style={{ letterSpacing: '0.08em' }}>
              {shown.password}
            </Code>
            <CopyButton value={shown.password}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="gray" variant="light">
            If it is lost, reset the password again.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
