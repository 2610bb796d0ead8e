import { Alert, Button, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useJoinExercise } from '../api/join';
import '../../play/player-page.css';
import { completeCode, type JoinPreview, useJoinPreview } from '../api/join-preview';
import { languageName } from '../../play/components/content-language-select';

/** The browser's language if the scenario offers it, else the scenario's source language. */
function preferredLanguage(offered: string[]): string | undefined {
  const wanted = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of wanted) {
    const hit = offered.find((l) => l.toLowerCase() === tag.toLowerCase()) ?? offered.find((l) => l === tag.split('-')[0]);
    if (hit) return hit;
  }
  return offered[0];
}

/** Which exercise and team the code leads to, before the player commits. */
function PreviewCard({ preview: source, language }: { preview: JoinPreview; language: string | undefined }) {
  // the names in the scenario language the player chose
  const preview = { ...source, ...(language ? source.translated?.[language] : undefined) };
  return (
    <Paper withBorder p="sm" role="status" aria-live="polite" data-testid="join-preview" data-ended={preview.ended || undefined}>
      <Text size="sm">
        You are joining <b data-testid="join-preview-team">{preview.teamName}</b> in <b data-testid="join-preview-exercise">{preview.exerciseTitle}</b>.
      </Text>
      <Text size="sm" c={preview.ended ? 'red' : 'dimmed'} className="ttx-join-state" data-testid="join-preview-state">
        {preview.ended ? 'This exercise has ended: it can no longer be joined.' : preview.started ? 'The exercise is under way: you will see what your team has received so far.' : 'The exercise has not started yet: your console waits for the first message.'}
      </Text>
    </Paper>
  );
}

/** Players take a team seat with the join code (or invite link) and the name their team will see. */
export function JoinForm({ initialCode = '', onSuccess }: { initialCode?: string; onSuccess: (session: Session) => void }) {
  const [code, setCode] = useState(initialCode);
  const [displayName, setDisplayName] = useState('');
  const join = useJoinExercise({ onSuccess });
  const preview = useJoinPreview(completeCode(code));
  const unknown = preview.isError;
  const offered = (completeCode(code) && preview.data?.languages) || [];
  const [chosen, setChosen] = useState<string | null>(null);
  const language = offered.length > 1 ? (chosen && offered.includes(chosen) ? chosen : preferredLanguage(offered)) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    join.mutate({ code: code.trim(), displayName: displayName.trim(), ...(language ? { language } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label="Join an exercise">
      <Stack>
        <TextInput
          label="Join code"
          description="The code or invite link your facilitator gave your team; it decides your team."
          name="code"
          required
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoFocus={!initialCode}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
        />
        {preview.data && completeCode(code) && <PreviewCard preview={preview.data} language={language} />}
        {unknown && completeCode(code) && (
          <Text size="sm" c="red" role="alert" data-testid="join-preview-unknown">
            {preview.error instanceof Error ? preview.error.message : 'No exercise team has this join code'}
          </Text>
        )}
        <TextInput
          label="Your name"
          description="Shown to your teammates and the exercise control."
          name="displayName"
          required
          maxLength={60}
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          autoFocus={Boolean(initialCode)}
        />
        {offered.length > 1 && (
          <NativeSelect
            label="Scenario language"
            description="The language your messages, options and decisions are shown in; you can change it later."
            name="language"
            value={language}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={offered.map((l) => ({ value: l, label: languageName(l) }))}
            data-testid="join-language"
          />
        )}
        {join.isError && (
          <Alert color="red" role="alert" title="Could not join">
            {errorMessage(join.error)}
          </Alert>
        )}
        <Button type="submit" loading={join.isPending} disabled={Boolean(preview.data?.ended && completeCode(code))}>
          Join the exercise
        </Button>
        <Text size="xs" c="dimmed">
          Nothing is installed; you can close the tab and come back with the same browser.
        </Text>
      </Stack>
    </form>
  );
}
