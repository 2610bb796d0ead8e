import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScoreItem } from '../lib/api-types';

/**
 * A distractor line as the team read it, beside the staff member's own language: the option's
 * label and why it was wrong in each other language the team's players read in (sent by the
 * server only where those words differ from the ones shown above).
 */
export function TeamWording({ wording }: { wording: ScoreItem['teamWording'] }) {
  const { t, i18n } = useTranslation('common');
  if (!wording?.length) return null;
  const names = new Intl.DisplayNames([i18n.resolvedLanguage ?? 'en'], { type: 'language' });
  return (
    <>
      {wording.map((w) => (
        <Text size="xs" c="dimmed" key={w.language} data-testid="team-wording" data-language={w.language}>
          {t('scoreWording.asTeamRead', { language: names.of(w.language) ?? w.language })}{' '}
          <span lang={w.language} translate="no">
            “{w.label}”: {w.why}
          </span>
        </Text>
      ))}
    </>
  );
}
