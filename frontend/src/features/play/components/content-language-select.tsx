import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../components/language-switch';
import { INTERFACE_LANGUAGES, isInterfaceLanguage, markPseudo } from '../../../i18n/i18n';
import { useSetContentLanguage } from '../api/set-language';
import { usePlayerSession } from '../api/get-player-session';

/** A language's own name ("English", "한국어"), so a player finds theirs whatever the page is in. */
export function languageName(tag: string): string {
  try {
    return markPseudo(new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag);
  } catch {
    return markPseudo(tag);
  }
}

/**
 * The player's one language choice: the interface and, when the scenario is translated into it,
 * the scenario content (injects, options, decisions) switch together. A scenario language the
 * interface does not speak is offered too; the interface then stays as it is.
 */
export function ContentLanguageSelect() {
  const { i18n } = useTranslation();
  const session = usePlayerSession();
  const setLanguage = useSetContentLanguage();
  const offered = session.data?.languages ?? [];
  const content = setLanguage.isPending ? setLanguage.variables : session.data?.participant.language;
  const extra = offered
    .filter((l) => !INTERFACE_LANGUAGES.includes(l as never))
    .map((l) => ({ value: l, label: languageName(l) }));
  // the content language shows when it is one the interface does not speak
  const value = content && !isInterfaceLanguage(content) ? content : i18n.language;
  return (
    <LanguageSwitch
      extra={extra}
      value={value}
      onChange={(lng) => {
        if (offered.length > 1 && offered.includes(lng) && lng !== session.data?.participant.language)
          setLanguage.mutate(lng);
      }}
    />
  );
}
