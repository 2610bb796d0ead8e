import { ActionIcon, Alert, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/api-client';
import type { Finding, FindingKind } from '../api/report-types';
import { useSaveFindings } from '../api/save-findings';

/** Strengths and areas for improvement: drafted from evaluator notes, edited and saved by the control cell. */
export function FindingsEditor({
  exerciseId,
  findings,
  drafted,
  readOnly,
}: {
  exerciseId: string;
  findings: Finding[];
  drafted: boolean;
  readOnly: boolean;
}) {
  const { t } = useTranslation('aar');
  const [list, setList] = useState<Finding[]>(findings);
  const save = useSaveFindings(exerciseId);
  const dirty = drafted || JSON.stringify(list) !== JSON.stringify(findings);
  const section = (kind: FindingKind, title: string) => (
    <Stack gap={6}>
      <Title order={3} fz="h5">
        {title}
      </Title>
      {list.map((f, i) =>
        f.kind !== kind ? null : (
          <Group key={f.id} gap={4} wrap="nowrap" align="flex-start">
            <Textarea
              translate="no"
              style={{ flex: 1 }}
              autosize
              minRows={1}
              aria-label={
                kind === 'strength' ? t('findings.strength', { n: i + 1 }) : t('findings.improvement', { n: i + 1 })
              }
              value={f.text}
              readOnly={readOnly}
              onChange={(e) => {
                const text = e.currentTarget.value;
                setList((l) => l.map((x, k) => (k === i ? { ...x, text } : x)));
              }}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={
                  kind === 'strength'
                    ? t('findings.removeStrength', { n: i + 1 })
                    : t('findings.removeImprovement', { n: i + 1 })
                }
                onClick={() => setList((l) => l.filter((_, k) => k !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ),
      )}
      {!readOnly && (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() =>
            setList((l) => [
              ...l,
              { id: `new-${Date.now()}`, kind, text: '', objectiveId: null, teamId: null, evidence: [] },
            ])
          }
        >
          {t('findings.add')}
        </Button>
      )}
    </Stack>
  );
  return (
    <Stack gap="md">
      {drafted && (
        <Alert color="yellow" variant="light" p="xs" w="fit-content" maw="100%">
          {t('findings.drafted')}
        </Alert>
      )}
      {section('strength', t('findings.strengths'))}
      {section('improvement', t('findings.improvements'))}
      {!readOnly && (
        <Group>
          <Button
            size="sm"
            disabled={!dirty || list.some((f) => !f.text.trim())}
            loading={save.isPending}
            onClick={() => save.mutate(list)}
          >
            {t('findings.save')}
          </Button>
          {save.error && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
