import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { formErrors } from '../../../lib/api-client';
import type { PlayerInjectView, TeamResponse } from '../../../lib/api-types';
import { useCreateResponse } from '../api/create-response';
import { useUpdateResponse } from '../api/update-response';

/**
 * Log what the team did or decided: free text (markdown) and the inject's response options.
 * Votes on a decision are cast in the decision card, the one place that shows the team's vote.
 * Editing keeps the earlier versions on the server.
 */
export function ResponseComposer({
  inject,
  editing,
  onDone,
}: {
  inject: PlayerInjectView;
  editing?: TeamResponse;
  onDone?: () => void;
}) {
  const { t } = useTranslation(['play', 'common']);
  const [text, setText] = useState(editing?.text ?? '');
  const [optionIds, setOptionIds] = useState<string[]>(editing?.optionIds ?? []);
  const [saved, setSaved] = useState(false);
  const formId = useId();
  const reset = () => {
    setText('');
    setOptionIds([]);
    setSaved(true);
    onDone?.();
  };
  const create = useCreateResponse({ onSuccess: reset });
  const update = useUpdateResponse({ onSuccess: () => onDone?.() });
  const pending = create.isPending || update.isPending;
  // a refused response says what is wrong under the field it is about; the alert keeps the rest
  const hasOptions = inject.responseOptions.length > 0;
  const problems = formErrors(create.error ?? update.error, hasOptions ? ['text', 'optionIds'] : ['text'], {
    'response.unknown-option': 'optionIds',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = { text: text.trim(), optionIds };
    if (editing) update.mutate({ id: editing.id, ...body });
    else create.mutate({ injectId: inject.id, ...body });
  };
  const empty = text.trim() === '' && optionIds.length === 0;

  return (
    <form
      onSubmit={submit}
      aria-label={editing ? t('composer.editLabel') : t('composer.respondTo', { subject: inject.subject })}
      id={formId}
      data-testid="response-composer"
    >
      <Stack gap="sm">
        {hasOptions && (
          <Checkbox.Group
            label={t('composer.actions')}
            description={t('composer.actionsHint')}
            error={problems.byField.optionIds}
            value={optionIds}
            onChange={setOptionIds}
          >
            <Stack gap={6} mt={6}>
              {inject.responseOptions.map((o) => (
                <Checkbox
                  key={o.id}
                  value={o.id}
                  label={<span translate="no">{o.label}</span>}
                  className="ttx-play-choice"
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Textarea
          label={editing ? t('composer.notesEdit') : t('composer.notes')}
          description={t('composer.notesHint')}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={20000}
          value={text}
          error={problems.byField.text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setSaved(false);
          }}
        />
        {problems.rest !== undefined && (
          <Alert color="red" role="alert" title={t('composer.notSaved')}>
            {problems.rest}
          </Alert>
        )}
        <Group justify="flex-end">
          {saved && !pending && (
            <Text size="sm" c="teal" role="status">
              {t('composer.logged')}
            </Text>
          )}
          {editing && (
            <Button variant="default" onClick={onDone} type="button" className="ttx-play-thumb">
              {t('common:cancel')}
            </Button>
          )}
          <Button type="submit" loading={pending} disabled={empty} className="ttx-play-thumb">
            {editing ? t('composer.save') : t('composer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
