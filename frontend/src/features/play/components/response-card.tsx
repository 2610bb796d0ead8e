import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Card, Collapse, Group, List, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Markdown } from '../../../components/markdown';
import type { PlayerInjectView, TeamResponse } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { useConsoleClosed } from '../hooks/use-console-closed';
import { ResponseComposer } from './response-composer';

const voteLabel = (t: TFunction<['play', 'common']>, inject: PlayerInjectView | undefined, choice: string) =>
  choice === 'abstain'
    ? t('decision.abstain')
    : choice === 'block'
      ? t('decision.block')
      : (inject?.decision?.options.find((o) => o.id === choice)?.label ?? choice);

/** One entry of the team's response log, with its edit history. */
export function ResponseCard({
  response,
  inject,
  showSubject,
}: {
  response: TeamResponse;
  inject?: PlayerInjectView;
  showSubject: boolean;
}) {
  const { t } = useTranslation(['play', 'common']);
  const [editing, edit] = useDisclosure(false);
  const closed = useConsoleClosed();
  const [history, toggleHistory] = useDisclosure(false);
  const optionLabel = (id: string) => inject?.responseOptions.find((o) => o.id === id)?.label ?? id;
  const edited = response.revisions.length > 0;
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      data-response-id={response.id}
      aria-label={t('responses.by', { name: response.authorName })}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600} translate="no">
            {response.authorName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatWallTime(response.updatedAt)}
            {edited ? t('responses.edited') : ''}
          </Text>
        </Group>
        {showSubject && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {t('responses.re', { subject: inject?.subject ?? response.injectId })}
          </Text>
        )}
        {editing && inject && !closed ? (
          <ResponseComposer inject={inject} editing={response} onDone={edit.close} />
        ) : (
          <>
            {response.optionIds.length > 0 && (
              <List size="sm" spacing={2} aria-label={t('responses.actions')}>
                {response.optionIds.map((id) => (
                  <List.Item key={id} translate="no">
                    ✓ {optionLabel(id)}
                  </List.Item>
                ))}
              </List>
            )}
            {response.vote && (
              <Badge
                variant="outline"
                color={response.vote.choice === 'block' ? 'red' : 'blue'}
                data-vote={response.vote.choice}
              >
                {t('responses.vote', { choice: voteLabel(t, inject, response.vote.choice) })}
              </Badge>
            )}
            {response.text && (
              <div translate="no">
                <Markdown>{response.text}</Markdown>
              </div>
            )}
            <Group gap="xs">
              {inject && !closed && (
                <Button size="compact-xs" variant="subtle" onClick={edit.open}>
                  {t('responses.edit')}
                </Button>
              )}
              {edited && (
                <Button size="compact-xs" variant="subtle" onClick={toggleHistory.toggle} aria-expanded={history}>
                  {history
                    ? t('responses.hideEarlier', { count: response.revisions.length })
                    : t('responses.showEarlier', { count: response.revisions.length })}
                </Button>
              )}
            </Group>
            <Collapse expanded={history}>
              <Stack gap={4}>
                {response.revisions.map((r, i) => (
                  <Card key={i} padding="xs" bg="var(--mantine-color-default-hover)">
                    <Text size="xs" c="dimmed">
                      <span translate="no">{r.authorName}</span> · {formatWallTime(r.editedAt)}
                    </Text>
                    {r.optionIds.length > 0 && (
                      <Text size="xs">
                        {t('responses.revisionActions', { actions: r.optionIds.map(optionLabel).join('; ') })}
                      </Text>
                    )}
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} translate="no">
                      {r.text}
                    </Text>
                  </Card>
                ))}
              </Stack>
            </Collapse>
          </>
        )}
      </Stack>
    </Card>
  );
}
