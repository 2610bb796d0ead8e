import { useTranslation } from 'react-i18next';
import { ActionIcon, Box, Code, CopyButton, Paper, Stack, Text } from '@mantine/core';
import { ScrollPane } from '../scroll-pane';
import { IconCheck, IconCopy, IconPhotoOff } from '@tabler/icons-react';
import { useState } from 'react';
import type { Artifact } from '../../lib/api-types';

function IocTable({ artifact }: { artifact: Extract<Artifact, { kind: 'ioc-table' }> }) {
  const { t } = useTranslation();
  return (
    <table
      className="ttx-table bordered striped"
      aria-label={artifact.title ?? t('inject.iocs')}
      data-artifact="ioc-table"
    >
      <thead>
        <tr>
          <th scope="col">{t('inject.type')}</th>
          <th scope="col">{t('inject.value')}</th>
          <th scope="col">{t('inject.note')}</th>
        </tr>
      </thead>
      <tbody translate="no">
        {artifact.rows.map((row, i) => (
          <tr key={`${row.type}:${row.value}:${i}`}>
            <td style={{ textTransform: 'uppercase', fontSize: 'var(--mantine-font-size-xs)', fontWeight: 600 }}>
              {row.type}
            </td>
            <td className="mono">
              {row.value}
              <CopyButton value={row.value}>
                {({ copied, copy }) => (
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    ml={4}
                    onClick={copy}
                    aria-label={t('inject.copyValue', { what: `${row.type} ${row.value}` })}
                    title={copied ? t('inject.copied') : t('inject.copy')}
                  >
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                )}
              </CopyButton>
            </td>
            <td>{row.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LogExcerpt({ artifact }: { artifact: Extract<Artifact, { kind: 'log' }> }) {
  return (
    <ScrollPane maxHeight={320}>
      <Code
        block
        translate="no"
        aria-label={`${artifact.format ?? 'log'} excerpt`}
        style={{ whiteSpace: 'pre', fontSize: 12 }}
        tabIndex={0}
      >
        {artifact.content}
      </Code>
    </ScrollPane>
  );
}

function ImageArtifact({ artifact, src }: { artifact: Extract<Artifact, { kind: 'image' }>; src: string | null }) {
  const [failed, setFailed] = useState(false);
  // the description stands in whenever the picture cannot be shown (not uploaded yet, or refused)
  if (failed || src === null)
    return (
      <Paper withBorder p="md" role="img" aria-label={artifact.alt}>
        <Stack gap={4} align="center">
          <IconPhotoOff aria-hidden />
          <Text size="sm" ta="center" translate="no">
            {artifact.alt}
          </Text>
        </Stack>
      </Paper>
    );
  return (
    <img
      src={src}
      alt={artifact.alt}
      onError={() => setFailed(true)}
      style={{ maxWidth: '100%', borderRadius: 4 }}
      data-artifact="image"
    />
  );
}

/**
 * Attachments of an inject: IOC tables, log excerpts, images. All text is rendered as text.
 * `imageSrc` gives the URL of the image artifact at an index (players and authors read images
 * through different routes), or null when there is none to show.
 */
export function ArtifactList({
  artifacts,
  imageSrc,
}: {
  artifacts: Artifact[];
  imageSrc: (index: number) => string | null;
}) {
  const { t } = useTranslation();
  if (artifacts.length === 0) return null;
  return (
    <Stack gap="sm" aria-label={t('inject.attachments')} component="section">
      {artifacts.map((a, i) => (
        <Box key={i}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
            {a.title ? (
              <span translate="no">{a.title}</span>
            ) : a.kind === 'ioc-table' ? (
              t('inject.indicators')
            ) : a.kind === 'log' ? (
              `${t('inject.logExcerpt')}${a.format ? ` (${a.format})` : ''}`
            ) : (
              t('inject.image')
            )}
          </Text>
          {a.kind === 'ioc-table' ? (
            <IocTable artifact={a} />
          ) : a.kind === 'log' ? (
            <LogExcerpt artifact={a} />
          ) : (
            <ImageArtifact key={imageSrc(i)} artifact={a} src={imageSrc(i)} />
          )}
        </Box>
      ))}
    </Stack>
  );
}
