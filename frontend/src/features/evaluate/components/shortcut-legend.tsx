import { Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  [['j', 'k'], 'nextPrev'],
  [['1–9', '[', ']'], 'focusAction'],
  [['r'], 'reason'],
  [['m', 'n'], 'metNotMet'],
  [['Ctrl+Enter'], 'ctrlEnter'],
  [['a'], 'adjust'],
  [['Esc'], 'leave'],
] as const;

/** The keyboard shortcuts, always on screen where there is a keyboard (not on a touch phone). */
export function ShortcutLegend() {
  const { t } = useTranslation('evaluate');
  return (
    <Group
      gap="md"
      wrap="wrap"
      component="dl"
      aria-label={t('shortcuts.title')}
      data-testid="shortcut-legend"
      className="ttx-keyboard-legend"
      style={{ margin: 0 }}
    >
      {SHORTCUTS.map(([keys, what]) => (
        <Group key={what} gap={4} wrap="nowrap">
          <dt translate="no">
            {keys.map((k) => (
              <Kbd key={k} size="xs" mr={2}>
                {k}
              </Kbd>
            ))}
          </dt>
          <Text component="dd" size="xs" c="dimmed" m={0}>
            {t(`shortcuts.${what}`)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
