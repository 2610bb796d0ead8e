import { Text } from '@mantine/core';
import type { ScoreItem, ScoreSource } from '../../../lib/api-types';
import { TeamWording } from '../../../components/team-wording';
import { formatWallTime } from '../../../lib/clock';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useScoreRuleText } from '../../../lib/score-rule';

/** Account id (`user:<id>`) → display name, for the evaluators the viewer can name. */
export type EvaluatorNames = ReadonlyMap<string, string>;

export function evaluatorLabel(actor: string, names: EvaluatorNames, t: TFunction<'evaluate'>): string {
  return names.get(actor) ?? t('evaluatorId', { id: actor.replace(/^user:/, '').slice(0, 8) });
}

/** Where a score item's points come from: the rule, or who decided, when and why. */
export function ScoreSourceText({
  source,
  names,
  teamWording,
}: {
  source: ScoreSource;
  names: EvaluatorNames;
  /** a distractor line as the team read it, where the team played in another language */
  teamWording?: ScoreItem['teamWording'];
}) {
  const { t } = useTranslation('evaluate');
  const ruleText = useScoreRuleText();
  if ('rule' in source)
    return (
      <>
        <Text size="xs" c="dimmed" data-source="rule" data-rule={source.code}>
          {t('source.rule')} {ruleText(source)}
        </Text>
        <TeamWording wording={teamWording} />
      </>
    );
  return (
    <Text size="xs" data-source="evaluator" data-evaluator={source.evaluator}>
      <Text span fw={600} size="xs" translate="no">
        {evaluatorLabel(source.evaluator, names, t)}
      </Text>{' '}
      {t('source.at', { time: formatWallTime(source.at) })}{' '}
      <q data-reason translate="no">
        {source.reason}
      </q>
    </Text>
  );
}
