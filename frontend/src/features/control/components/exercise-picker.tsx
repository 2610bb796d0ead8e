import {
  Alert,
  Anchor,
  Button,
  Card,
  Container,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ClockStatusBadge } from '../../../components/exercise-clock';
import { PanelError } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useCreateExercise } from '../api/create-exercise';
import { useExercises } from '../api/get-exercises';
import { useScenarios } from '../api/get-scenarios';
import { useTranslation } from 'react-i18next';
import { DATE, formatDate } from '../../../i18n/format';
import { TableScroll } from '../../../components/table-scroll';

function CreateExerciseForm({ roomHref }: { roomHref: (id: string) => string }) {
  const { t } = useTranslation('control');
  const scenarios = useScenarios();
  const navigate = useNavigate();
  const [packId, setPackId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const create = useCreateExercise({ onSuccess: (e) => void navigate(roomHref(e.id)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (packId) create.mutate({ packId, ...(name.trim() ? { name: name.trim() } : {}) });
  };
  const pack = scenarios.data?.find((s) => s.packId === packId);
  return (
    <Card withBorder component="section" aria-labelledby="create-title">
      <form onSubmit={submit} aria-label={t('picker.create')}>
        <Stack gap="sm">
          <Title order={2} fz="h4" id="create-title">
            {t('picker.newTitle')}
          </Title>
          <Select
            label={t('picker.pack')}
            placeholder={scenarios.isPending ? t('grid.loading') : t('picker.choosePack')}
            data={(scenarios.data ?? []).map((s) => ({
              value: s.packId,
              label: `${s.title} (v${s.version}, ${s.duration})`,
            }))}
            value={packId}
            onChange={setPackId}
            required
            searchable
          />
          {pack && (
            <Text size="sm" c="dimmed">
              <span translate="no">{pack.summary}</span> —{' '}
              {t('picker.packSize', { teams: pack.teams, injects: pack.injects })}
            </Text>
          )}
          <TextInput
            label={t('picker.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
          />
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!packId}>
              {t('picker.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Pick an exercise to run or watch; staff who steer can create one from a pack. */
export function ExercisePicker({
  canCreate,
  roomHref,
  title,
}: {
  canCreate: boolean;
  roomHref: (id: string) => string;
  title: string;
}) {
  const { t } = useTranslation('control');
  const exercises = useExercises();
  return (
    <Container size="lg" py="md">
      <Stack>
        <Title order={1} fz="h3">
          {title}
        </Title>
        {canCreate && <CreateExerciseForm roomHref={roomHref} />}
        <Card withBorder component="section" aria-labelledby="list-title">
          <Title order={2} fz="h4" id="list-title" mb="sm">
            {t('picker.exercises')}
          </Title>
          {exercises.isError ? (
            <PanelError error={exercises.error} what={t('picker.exercises')} />
          ) : (
            <TableScroll minWidth={560} label={t('picker.scroll')}>
              <Table highlightOnHover aria-label={t('picker.exercises')} data-testid="exercise-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('picker.col.name')}</Table.Th>
                    <Table.Th>{t('timeline.col.status')}</Table.Th>
                    <Table.Th>{t('picker.col.time')}</Table.Th>
                    <Table.Th>{t('picker.col.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(exercises.data ?? []).map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>
                        <Anchor component={Link} to={roomHref(e.id)} translate="no">
                          {e.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <ClockStatusBadge status={e.status} className="ttx-badge-full" />
                      </Table.Td>
                      <Table.Td ff="monospace">{formatScenarioTime(e.clock.scenarioNowMs)}</Table.Td>
                      <Table.Td>
                        {formatDate(e.createdAt, DATE)} {formatWallTime(e.createdAt)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {exercises.isSuccess && exercises.data.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={4}>
                        <Text c="dimmed" size="sm">
                          {t('picker.none')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Card>
      </Stack>
    </Container>
  );
}
