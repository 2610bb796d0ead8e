import { Group, Kbd, Text } from '@mantine/core';

const SHORTCUTS: [keys: string[], what: string][] = [
  [['j', 'k'], 'next / previous response'],
  [['1–9', '[', ']'], 'focus an expected action'],
  [['r'], 'write the reason'],
  [['m', 'n'], 'met / not met'],
  [['Ctrl+Enter'], 'met from the reason field (Shift: not met)'],
  [['a'], 'adjust points'],
  [['Esc'], 'leave a field'],
];

/** The keyboard shortcuts, always on screen. */
export function ShortcutLegend() {
  return (
    <Group
      gap="md"
      wrap="wrap"
      component="dl"
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-legend"
      style={{ margin: 0 }}
    >
      {SHORTCUTS.map(([keys, what]) => (
        <Group key={what} gap={4} wrap="nowrap">
          <dt>
            {keys.map((k) => (
              <Kbd key={k} size="xs" mr={2}>
                {k}
              </Kbd>
            ))}
          </dt>
          <Text component="dd" size="xs" c="dimmed" m={0}>
            {what}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
