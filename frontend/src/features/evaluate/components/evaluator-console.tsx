import { Alert, Box, Button, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { SeatHeader } from '../../../components/seat-header';
import { ExerciseClock } from '../../../components/exercise-clock';
import { ErrorAlert, PageLoader, PanelError } from '../../../components/page-states';
import { ScrollPane } from '../../../components/scroll-pane';
import type { PublicUser } from '../../../lib/api-types';
import { useEvaluatedExercise } from '../api/get-exercise';
import { usePack } from '../api/get-pack';
import { useScores } from '../api/get-scores';
import { useUsers } from '../api/get-users';
import { useEvaluationRealtime } from '../hooks/use-evaluation-realtime';
import { ObjectiveGuide } from './objective-guide';
import { ReviewQueue } from './review-queue';
import { type PackLabels, ScoreBreakdown } from './score-breakdown';
import type { EvaluatorNames } from './score-source';
import { ShortcutLegend } from './shortcut-legend';
import { Trans, useTranslation } from 'react-i18next';

/**
 * The evaluator's console: responses awaiting review, the exercise evaluation guide (P/S/M/U per
 * objective and team) and the transparent score breakdown, all live.
 */
export function EvaluatorConsole({
  exerciseId,
  me,
  controlRoomHref,
}: {
  exerciseId: string;
  me: PublicUser;
  controlRoomHref: string;
}) {
  const { t } = useTranslation(['evaluate', 'common', 'control']);
  const exercise = useEvaluatedExercise(exerciseId);
  const live = useEvaluationRealtime(exerciseId);
  const pack = usePack(exercise.data?.pack.id);
  const scores = useScores(exerciseId);
  const users = useUsers(me.role === 'admin');
  const names: EvaluatorNames = useMemo(() => {
    const m = new Map<string, string>((users.data ?? []).map((u) => [`user:${u.id}`, u.displayName]));
    m.set(`user:${me.id}`, t('you', { name: me.displayName }));
    return m;
  }, [users.data, me, t]);
  const labels: PackLabels = useMemo(() => {
    const injects = new Map((pack.data?.pack.injects ?? []).map((i) => [i.id, i]));
    return {
      subject: (id) => injects.get(id)?.subject ?? id,
      action: (injectId, actionId) =>
        injects.get(injectId)?.expectedActions?.find((a) => a.id === actionId)?.text ?? actionId,
    };
  }, [pack.data]);
  useEffect(() => {
    if (exercise.data) document.title = `${exercise.data.name} · ${t('common:nav.evaluation')} · Cyber TTX`;
  }, [exercise.data, t]);

  if (exercise.isPending) return <PageLoader label={t('control:room.opening')} />;
  if (exercise.isError) return <ErrorAlert error={exercise.error} title={t('control:room.couldNotOpen')} />;
  const ex = exercise.data;
  const versionMismatch = pack.data && pack.data.version !== ex.pack.version;
  return (
    <Stack gap={0} h="100%" data-testid="evaluator-console">
      <SeatHeader
        title={ex.name}
        seat={t('common:nav.evaluation')}
        refused={live === 'refused' ? '' : null}
        subtitle={t('subtitle', { title: ex.pack.title, version: ex.pack.version })}
      >
        <Button component={Link} to={controlRoomHref} size="xs" variant="default">
          {t('common:nav.control')}
        </Button>
        <ExerciseClock clock={ex.clock} compact />
      </SeatHeader>
      <ScrollPane flex={1}>
        <Box p="sm">
          <Tabs defaultValue="review" keepMounted={false}>
            {/* three tabs share a phone's width (labels wrap inside them): none hides off-screen */}
            <Tabs.List className="ttx-tabs-fit" data-testid="evaluator-tabs">
              <Tabs.Tab value="review">{t('tab.review')}</Tabs.Tab>
              <Tabs.Tab value="guide">{t('tab.guide')}</Tabs.Tab>
              <Tabs.Tab value="breakdown">{t('tab.breakdown')}</Tabs.Tab>
            </Tabs.List>
            <Stack gap="sm" pt="sm">
              {versionMismatch && (
                <Alert color="orange" title={t('versionTitle')}>
                  {t('versionBody', { run: ex.pack.version, loaded: pack.data.version })}
                </Alert>
              )}
              {scores.isError && <PanelError error={scores.error} what={t('control:room.tab.scores')} />}
              <Tabs.Panel value="review">
                <Stack gap="sm">
                  <ShortcutLegend />
                  <Text size="xs" c="dimmed">
                    <Trans t={t} i18nKey="rateHint" components={{ b: <b /> }} />
                  </Text>
                  <ReviewQueue exerciseId={ex.id} teams={ex.teams} scores={scores.data ?? []} names={names} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="guide">
                {pack.isError ? (
                  <PanelError error={pack.error} what={t('control:picker.pack')} />
                ) : pack.data ? (
                  <ObjectiveGuide
                    exerciseId={ex.id}
                    teams={ex.teams}
                    pack={pack.data.pack}
                    scores={scores.data ?? []}
                  />
                ) : (
                  <PageLoader label={t('loadingGuide')} />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="breakdown">
                <ScoreBreakdown scores={scores.data ?? []} labels={labels} names={names} />
              </Tabs.Panel>
            </Stack>
          </Tabs>
        </Box>
      </ScrollPane>
    </Stack>
  );
}
