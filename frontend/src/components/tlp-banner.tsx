import { useTranslation } from 'react-i18next';
import { Box } from '@mantine/core';
import type { Tlp } from '../lib/api-types';

/** FIRST TLP 2.0 colours: coloured text on a black background. */
const TLP_COLOURS: Record<Tlp, string> = {
  'TLP:RED': '#FF2B2B',
  'TLP:AMBER': '#FFC000',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:GREEN': '#33FF00',
  'TLP:CLEAR': '#FFFFFF',
};

export function TlpLabel({ tlp }: { tlp: Tlp }) {
  return (
    <Box
      component="span"
      data-tlp={tlp}
      translate="no"
      style={{
        background: '#000',
        color: TLP_COLOURS[tlp],
        fontWeight: 700,
        fontFamily: 'var(--mantine-font-family-monospace)',
        padding: '2px 8px',
        borderRadius: 2,
        letterSpacing: '0.04em',
      }}
    >
      {tlp}
    </Box>
  );
}

export function TlpBanner({ tlp }: { tlp: Tlp }) {
  const { t } = useTranslation();
  return (
    <Box
      role="note"
      aria-label={t('tlpMarking', { tlp })}
      style={{ background: '#000', textAlign: 'center', padding: '4px 0' }}
    >
      <TlpLabel tlp={tlp} />
    </Box>
  );
}
