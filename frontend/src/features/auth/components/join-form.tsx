import { Alert, Button, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { currentLanguage, INTERFACE_LANGUAGES, isInterfaceLanguage, setInterfaceLanguage } from '../../../i18n/i18n';
import { errorMessage, formErrors } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useJoinExercise } from '../api/join';
import '../../play/player-page.css';
import { completeCode, type JoinPreview, useJoinPreview } from '../api/join-preview';
import { languageName } from '../../play/components/content-language-select';

/** Which exercise and team the code leads to, before the player commits. */
function PreviewCard({ preview: source, language }: { preview: JoinPreview; language: string | undefined }) {
  // the names in the scenario language the player chose
  const preview = { ...source, ...(language ? source.translated?.[language] : undefined) };
  const { t } = useTranslation('join');
  return (
    <Paper
      withBorder
      p="sm"
      role="status"
      aria-live="polite"
      data-testid="join-preview"
      data-ended={preview.ended || undefined}
    >
      <Text size="sm">
        <Trans
          t={t}
          i18nKey="joining"
          values={{ team: preview.teamName, exercise: preview.exerciseTitle }}
          components={{
            team: <b data-testid="join-preview-team" translate="no" />,
            exercise: <b data-testid="join-preview-exercise" translate="no" />,
          }}
        />
      </Text>
      <Text size="sm" c={preview.ended ? 'red' : 'dimmed'} className="ttx-join-state" data-testid="join-preview-state">
        {preview.ended ? t('ended') : preview.started ? t('started') : t('notStarted')}
      </Text>
    </Paper>
  );
}

/** Players take a team seat with the join code (or invite link) and the name their team will see. */
export function JoinForm({
  initialCode = '',
  onSuccess,
}: {
  initialCode?: string;
  onSuccess: (session: Session) => void;
}) {
  const [code, setCode] = useState(initialCode);
  const [displayName, setDisplayName] = useState('');
  const join = useJoinExercise({ onSuccess });
  const preview = useJoinPreview(completeCode(code));
  const unknown = preview.isError;
  const offered = (completeCode(code) && preview.data?.languages) || [];
  const { t } = useTranslation('join');
  // one choice for the console and the scenario: the scenario follows when it is translated into it
  const [chosen, setChosen] = useState<string>(currentLanguage);
  const language = offered.length > 1 && offered.includes(chosen) ? chosen : undefined;
  const choices = [...INTERFACE_LANGUAGES, ...offered.filter((l) => !isInterfaceLanguage(l))];
  const source = offered[0];
  // a refused join shows what is wrong under the field it is about
  const problems = formErrors(join.error, ['code', 'displayName'], { 'join.bad-code': 'code' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    join.mutate({ code: code.trim(), displayName: displayName.trim(), ...(language ? { language } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label={t('formLabel')}>
      <Stack>
        <TextInput
          label={t('code')}
          description={t('codeHint')}
          name="code"
          required
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={problems.byField.code}
          autoFocus={!initialCode}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
        />
        {preview.data && completeCode(code) && <PreviewCard preview={preview.data} language={language} />}
        {unknown && completeCode(code) && (
          <Text size="sm" c="red" role="alert" data-testid="join-preview-unknown">
            {preview.error ? errorMessage(preview.error) : t('unknownCode')}
          </Text>
        )}
        <TextInput
          label={t('name')}
          description={t('nameHint')}
          name="displayName"
          required
          maxLength={60}
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={problems.byField.displayName}
          autoFocus={Boolean(initialCode)}
        />
        <NativeSelect
          label={t('language')}
          description={
            source && offered.length > 0 && !(offered.length > 1 && offered.includes(chosen)) && chosen !== source
              ? t('languageHintUntranslated', { source: languageName(source) })
              : t('languageHint')
          }
          name="language"
          value={chosen}
          onChange={(e) => {
            const lng = e.currentTarget.value;
            setChosen(lng);
            if (isInterfaceLanguage(lng)) void setInterfaceLanguage(lng);
          }}
          data={choices.map((l) => ({ value: l, label: languageName(l) }))}
          data-testid="join-language"
        />
        {problems.rest !== undefined && (
          <Alert color="red" role="alert" title={t('couldNotJoin')}>
            {problems.rest}
          </Alert>
        )}
        <Button type="submit" loading={join.isPending} disabled={Boolean(preview.data?.ended && completeCode(code))}>
          {t('submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('nothingInstalled')}
        </Text>
      </Stack>
    </form>
  );
}
