import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';

/** A one-time password, shown once: the administrator hands it over; the user must replace it at first sign-in. */
export function OneTimePasswordDialog({
  shown,
  onClose,
}: {
  shown: { username: string; password: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <Modal opened={shown !== null} onClose={onClose} title={t('otp.title')} centered>
      {shown && (
        <Stack>
          <Text size="sm">
            <Trans
              t={t}
              i18nKey="otp.body"
              values={{ username: shown.username }}
              components={{ b: <strong translate="no" /> }}
            />
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="lg" fw={700} data-testid="one-time-password" style={{ letterSpacing: '0.08em' }} translate="no">
              {shown.password}
            </Code>
            <CopyButton value={shown.password}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('common:inject.copied') : t('common:inject.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="gray" variant="light">
            {t('otp.lost')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('otp.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
