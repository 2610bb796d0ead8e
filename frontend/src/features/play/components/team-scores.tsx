import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { PlayerInjectView, PlayerScores, ScoreItem } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { useScoreRuleText } from '../../../lib/score-rule';

function why(t: TFunction<['play', 'common']>, ruleText: ReturnType<typeof useScoreRuleText>, item: ScoreItem): string {
  if ('rule' in item.source) return ruleText(item.source);
  return t('scores.byEvaluator', { time: formatWallTime(item.source.at), reason: item.source.reason });
}

/** What the instructor lets the team see: its own breakdown after the exercise, and the leaderboard. */
export function TeamScores({
  scores,
  injects,
  teamName,
}: {
  scores: PlayerScores;
  injects: PlayerInjectView[];
  teamName: string;
}) {
  const { t } = useTranslation(['play', 'common']);
  const ruleText = useScoreRuleText();
  const subject = (id: string) => injects.find((i) => i.id === id)?.subject ?? id;
  return (
    <Stack gap="md" data-testid="team-scores">
      {scores.own && (
        <Stack gap="xs" component="section" aria-labelledby="own-score-title">
          <Group justify="space-between">
            <Title order={2} fz="h5" id="own-score-title">
              {t('scores.own')}
            </Title>
            <Badge size="lg" variant="light" data-testid="own-total">
              {scores.own.total} / {scores.own.max}
            </Badge>
          </Group>
          <Table fz="xs" verticalSpacing={2} withTableBorder aria-label={t('scores.breakdown')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('scores.message')}</Table.Th>
                <Table.Th scope="col">{t('scores.points')}</Table.Th>
                <Table.Th scope="col">{t('scores.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.own.items.map((i, n) => (
                <Table.Tr key={n} data-inject-id={i.injectId} data-kind={i.kind}>
                  <Table.Td>
                    <span translate="no">{subject(i.injectId)}</span>
                    <Text size="xs" c="dimmed">
                      {t(`scores.kind.${i.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {i.points}
                    {i.max > 0 ? `/${i.max}` : ''}
                  </Table.Td>
                  <Table.Td data-testid="score-why">{why(t, ruleText, i)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {scores.leaderboard && (
        <Stack gap="xs" component="section" aria-labelledby="leaderboard-title">
          <Title order={2} fz="h5" id="leaderboard-title">
            {t('scores.leaderboard')}
          </Title>
          <Table fz="sm" verticalSpacing={2} withTableBorder data-testid="player-leaderboard">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('scores.team')}</Table.Th>
                <Table.Th scope="col">{t('scores.points')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.leaderboard.map((r, n) => (
                <Table.Tr
                  key={r.teamName}
                  fw={r.teamName === teamName ? 700 : undefined}
                  aria-current={r.teamName === teamName ? 'true' : undefined}
                >
                  <Table.Td>{n + 1}</Table.Td>
                  <Table.Td translate="no">{r.teamName}</Table.Td>
                  <Table.Td ff="monospace">
                    {r.total} / {r.max}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
