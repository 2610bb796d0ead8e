import { Text } from '@mantine/core';
import type { ScoreSource } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';

/** Account id (`user:<id>`) → display name, for the evaluators the viewer can name. */
export type EvaluatorNames = ReadonlyMap<string, string>;

export function evaluatorLabel(actor: string, names: EvaluatorNames): string {
  return names.get(actor) ?? `evaluator ${actor.replace(/^user:/, '').slice(0, 8)}`;
}

/** Where a score item's points come from: the rule, or who decided, when and why. */
export function ScoreSourceText({ source, names }: { source: ScoreSource; names: EvaluatorNames }) {
  if ('rule' in source)
    return (
      <Text size="xs" c="dimmed" data-source="rule">
        Rule: {source.rule}
      </Text>
    );
  return (
    <Text size="xs" data-source="evaluator" data-evaluator={source.evaluator}>
      <Text span fw={600} size="xs">
        {evaluatorLabel(source.evaluator, names)}
      </Text>{' '}
      at {formatWallTime(source.at)}: <q data-reason>{source.reason}</q>
    </Text>
  );
}
