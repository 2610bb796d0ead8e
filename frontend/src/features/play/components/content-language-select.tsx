import { NativeSelect } from '@mantine/core';
import { useSetContentLanguage } from '../api/set-language';
import { usePlayerSession } from '../api/get-player-session';

/** A language's own name ("English", "한국어"), so a player finds theirs whatever the page is in. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The language the player reads the scenario (injects, options, decisions) in; shown only when the pack offers more than one. */
export function ContentLanguageSelect({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const session = usePlayerSession();
  const setLanguage = useSetContentLanguage();
  const languages = session.data?.languages ?? [];
  if (languages.length < 2) return null;
  return (
    <NativeSelect
      size={size}
      aria-label="Scenario language"
      value={setLanguage.isPending ? setLanguage.variables : (session.data?.participant.language ?? languages[0])}
      onChange={(e) => setLanguage.mutate(e.currentTarget.value)}
      disabled={setLanguage.isPending}
      data={languages.map((l) => ({ value: l, label: languageName(l) }))}
    />
  );
}
