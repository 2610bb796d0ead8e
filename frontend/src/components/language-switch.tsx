import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, INTERFACE_LANGUAGES, setInterfaceLanguage, isInterfaceLanguage } from '../i18n/i18n';

/**
 * English / 한국어, in the header. Switches the interface in place (nothing reloads, forms keep
 * what was typed) and remembers the choice in this browser.
 */
export function LanguageSwitch({
  extra = [],
  value,
  onChange,
}: {
  extra?: { value: string; label: string }[];
  value?: string;
  onChange?: (lng: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      size="xs"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={value ?? currentLanguage()}
      onChange={(e) => {
        const lng = e.currentTarget.value;
        if (isInterfaceLanguage(lng)) void setInterfaceLanguage(lng);
        onChange?.(lng);
      }}
      data={[...INTERFACE_LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) })), ...extra]}
      data-testid="language-switch"
      className="ttx-language-switch"
    />
  );
}
