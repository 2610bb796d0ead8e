import { Badge, Button, Card, Group, List, Radio, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { PanelError } from '../../../components/page-states';
import {
  type ExerciseTeam,
  type ObjectiveRating,
  type PackDocument,
  type Rating,
  RATINGS,
  type TeamScore,
} from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { useRatings } from '../api/get-ratings';
import { useRateObjective } from '../api/rate-objective';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

const RATING_COLOUR: Record<Rating, string> = { P: 'teal', S: 'yellow', M: 'orange', U: 'red' };

type Objective = PackDocument['objectives'][number];
const pts = (n: number) => String(Math.round(n * 10) / 10);

function ObjectiveCard({
  exerciseId,
  team,
  objective,
  number,
  tasks,
  saved,
  score,
}: {
  exerciseId: string;
  team: ExerciseTeam;
  objective: Objective;
  number: number;
  tasks: { inject: string; text: string; points: number; actionId: string; injectId: string }[];
  saved: ObjectiveRating | undefined;
  score: TeamScore | undefined;
}) {
  const { t } = useTranslation('evaluate');
  const rate = useRateObjective(exerciseId);
  const [rating, setRating] = useState<string>(saved?.rating ?? '');
  const [observations, setObservations] = useState(saved?.observations ?? '');
  const dirty = rating !== (saved?.rating ?? '') || observations !== (saved?.observations ?? '');
  const titleId = `objective-${objective.id}-title`;
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-labelledby={titleId}
      data-testid="eeg-objective"
      data-objective-id={objective.id}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} fz="h5" id={titleId}>
              {t('guide.objective', { n: number })} <span translate="no">{objective.text}</span>
            </Title>
            {objective.coreCapability && (
              <Text size="xs" c="dimmed">
                {t('guide.coreCapability')} <span translate="no">{objective.coreCapability}</span>
              </Text>
            )}
          </Stack>
          {saved && (
            <Badge
              color={RATING_COLOUR[saved.rating]}
              variant="filled"
              size="lg"
              title={t(`rating.${saved.rating}`)}
              data-testid="saved-rating"
            >
              {saved.rating}
            </Badge>
          )}
        </Group>
        <div>
          <Text size="xs" fw={600}>
            {t('guide.tasks')}
          </Text>
          {tasks.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('guide.noTasks')}
            </Text>
          ) : (
            <List size="xs">
              {tasks.map((task) => {
                const item = score?.items.find(
                  (i) => i.injectId === task.injectId && i.expectedActionId === task.actionId,
                );
                return (
                  <List.Item key={`${task.injectId}/${task.actionId}`}>
                    <span translate="no">{task.text}</span>{' '}
                    <Text span c="dimmed" size="xs" translate="no">
                      ({task.inject})
                    </Text>{' '}
                    <Badge
                      size="xs"
                      variant="light"
                      color={item && item.points > 0 ? 'teal' : 'gray'}
                      className="ttx-badge-full"
                    >
                      {item ? `${pts(item.points)} / ${pts(item.max)}` : t('guide.notScored', { max: task.points })}
                    </Badge>
                  </List.Item>
                );
              })}
            </List>
          )}
        </div>
        <form
          aria-label={t('guide.rateAria', { team: team.name, n: number })}
          onSubmit={(e) => {
            e.preventDefault();
            if (rating)
              rate.mutate({
                teamId: team.id,
                objectiveId: objective.id,
                rating: rating as Rating,
                observations: observations.trim(),
              });
          }}
        >
          <Stack gap="xs">
            <Radio.Group label={t('guide.ratingFor', { team: team.name })} value={rating} onChange={setRating} required>
              <Group gap="md" mt={4}>
                {RATINGS.map((r) => (
                  <Radio
                    key={r}
                    value={r}
                    label={
                      <>
                        <span translate="no">{r}:</span> {t(`rating.${r}`)}
                      </>
                    }
                  />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('guide.observations')}
              description={t('guide.observationsHint')}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={10000}
              value={observations}
              onChange={(e) => setObservations(e.currentTarget.value)}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {saved
                  ? t('guide.lastRated', { rating: saved.rating, by: saved.evaluator, time: formatWallTime(saved.at) })
                  : t('guide.notRated')}
              </Text>
              <Button type="submit" size="xs" disabled={!rating || !dirty} loading={rate.isPending}>
                {t('guide.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** The exercise evaluation guide: one sheet per objective, a P/S/M/U rating and observations per team. */
export function ObjectiveGuide({
  exerciseId,
  teams,
  pack,
  scores,
}: {
  exerciseId: string;
  teams: ExerciseTeam[];
  pack: PackDocument;
  scores: TeamScore[];
}) {
  const { t } = useTranslation('evaluate');
  const ratings = useRatings(exerciseId);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const team = teams.find((x) => x.id === teamId);
  const objectives = pack.objectives ?? [];
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('guide.teamToRate')}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth={narrow}
        data-testid="eeg-team"
        size="xs"
        value={teamId}
        onChange={setTeamId}
        data={teams.map((x) => ({ value: x.id, label: <span translate="no">{x.name}</span> }))}
      />
      {ratings.isError && <PanelError error={ratings.error} what={t('guide.ratings')} />}
      {objectives.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('guide.noObjectives')}
        </Text>
      )}
      {team &&
        objectives.map((o, n) => {
          const saved = ratings.data?.find((r) => r.teamId === team.id && r.objectiveId === o.id);
          // only this team's critical tasks: injects sent to it, actions expected of it
          const tasks = (pack.injects ?? [])
            .filter(
              (i) => i.objectives?.includes(o.id) && (i.to === undefined || i.to === 'all' || i.to.includes(team.key)),
            )
            .flatMap((i) =>
              (i.expectedActions ?? [])
                .filter((a) => !a.teams || a.teams.includes(team.key))
                .map((a) => ({ inject: i.subject, injectId: i.id, actionId: a.id, text: a.text, points: a.points })),
            );
          return (
            <ObjectiveCard
              key={`${team.id}/${o.id}/${saved?.at ?? 0}`}
              exerciseId={exerciseId}
              team={team}
              objective={o}
              number={n + 1}
              tasks={tasks}
              saved={saved}
              score={scores.find((s) => s.teamId === team.id)}
            />
          );
        })}
    </Stack>
  );
}
