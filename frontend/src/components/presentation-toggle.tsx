import { ActionIcon } from '@mantine/core';
import { IconPresentation, IconPresentationOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { setPresentationMode, usePresentationMode } from '../lib/presentation-mode';
import { useTranslation } from 'react-i18next';

/** Staff header switch: hide player names on a projected screen (every view refetches anonymised). */
export function PresentationToggle() {
  const { t } = useTranslation();
  const on = usePresentationMode();
  const queryClient = useQueryClient();
  const label = on ? t('presentation.on') : t('presentation.off');
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
