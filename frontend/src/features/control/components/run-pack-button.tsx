import { Button } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/api-client';
import { toast } from '../../../lib/toast';
import { useCreateExercise } from '../api/create-exercise';
import { useTranslation } from 'react-i18next';

/** "Run this pack": a new exercise from the pack, straight into its control room (join codes on top). */
export function RunPackButton({ packId, title }: { packId: string; title: string }) {
  const { t } = useTranslation('control');
  const navigate = useNavigate();
  const create = useCreateExercise({ onSuccess: (e) => void navigate(paths.control.room.getHref(e.id)) });
  return (
    <Button
      size="xs"
      leftSection={<IconPlayerPlay size={14} aria-hidden />}
      loading={create.isPending}
      onClick={() =>
        create.mutate(
          { packId },
          { onError: (e) => toast({ color: 'red', title: t('picker.couldNotCreate'), message: errorMessage(e) }) },
        )
      }
      aria-label={t('picker.runPackAria', { title })}
      data-testid="run-pack"
    >
      {t('picker.runPack')}
    </Button>
  );
}
