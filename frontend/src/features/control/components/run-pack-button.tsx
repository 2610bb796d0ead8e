import { Button } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/api-client';
import { toast } from '../../../lib/toast';
import { useCreateExercise } from '../api/create-exercise';

/** "Run this pack": a new exercise from the pack, straight into its control room (join codes on top). */
export function RunPackButton({ packId, title }: { packId: string; title: string }) {
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
          { onError: (e) => toast({ color: 'red', title: 'Could not create the exercise', message: errorMessage(e) }) },
        )
      }
      aria-label={`Run this pack: ${title}`}
      data-testid="run-pack"
    >
      Run this pack
    </Button>
  );
}
