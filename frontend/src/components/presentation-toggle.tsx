import { ActionIcon } from '@mantine/core';
import { IconPresentation, IconPresentationOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { setPresentationMode, usePresentationMode } from '../lib/presentation-mode';

/** Staff header switch: hide player names on a projected screen (every view refetches anonymised). */
export function PresentationToggle() {
  const on = usePresentationMode();
  const queryClient = useQueryClient();
  const label = on
    ? 'Presentation mode is on: player names are hidden. Turn it off'
    : 'Presentation mode: hide player names on this screen';
  return (
    <ActionIcon
      variant={on ? 'filled' : 'subtle'}
      color={on ? 'orange' : undefined}
      size="lg"
      aria-label={label}
      aria-pressed={on}
      title={label}
      onClick={() => {
        setPresentationMode(!on);
        void queryClient.invalidateQueries();
      }}
    >
      {on ? <IconPresentation size={18} /> : <IconPresentationOff size={18} />}
    </ActionIcon>
  );
}
