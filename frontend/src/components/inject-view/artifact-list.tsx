import { ActionIcon, Box, Code, CopyButton, Paper, Stack, Text } from '@mantine/core';
import { ScrollPane } from '../scroll-pane';
import { IconCheck, IconCopy, IconPhotoOff } from '@tabler/icons-react';
import { useState } from 'react';
import type { Artifact } from '../../lib/api-types';

function IocTable({ artifact }: { artifact: Extract<Artifact, { kind: 'ioc-table' }> }) {
  return (
    <table className="ttx-table bordered striped" aria-label={artifact.title ?? 'Indicators of compromise'} data-artifact="ioc-table">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Value</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {artifact.rows.map((row, i) => (
          <tr key={`${row.type}:${row.value}:${i}`}>
            <td style={{ textTransform: 'uppercase', fontSize: 'var(--mantine-font-size-xs)', fontWeight: 600 }}>{row.type}</td>
            <td className="mono">
              {row.value}
              <CopyButton value={row.value}>
                {({ copied, copy }) => (
                  <ActionIcon variant="subtle" size="sm" ml={4} onClick={copy} aria-label={`Copy ${row.type} ${row.value}`} title={copied ? 'Copied' : 'Copy'}>
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
      <Code block aria-label={`${artifact.format ?? 'log'} excerpt`} style={{ whiteSpace: 'pre', fontSize: 12 }} tabIndex={0}>
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
          <Text size="sm" ta="center">
            {artifact.alt}
          </Text>
        </Stack>
      </Paper>
    );
  return <img src={src} alt={artifact.alt} onError={() => setFailed(true)} style={{ maxWidth: '100%', borderRadius: 4 }} data-artifact="image" />;
}

/**
 * Attachments of an inject: IOC tables, log excerpts, images. All text is rendered as text.
 * `imageSrc` gives the URL of the image artifact at an index (players and authors read images
 * through different routes), or null when there is none to show.
 */
export function ArtifactList({ artifacts, imageSrc }: { artifacts: Artifact[]; imageSrc: (index: number) => string | null }) {
  if (artifacts.length === 0) return null;
  return (
    <Stack gap="sm" aria-label="Attachments" component="section">
      {artifacts.map((a, i) => (
        <Box key={i}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
            {a.title ?? (a.kind === 'ioc-table' ? 'Indicators' : a.kind === 'log' ? `Log excerpt${a.format ? ` (${a.format})` : ''}` : 'Image')}
          </Text>
          {a.kind === 'ioc-table' ? <IocTable artifact={a} /> : a.kind === 'log' ? <LogExcerpt artifact={a} /> : <ImageArtifact key={imageSrc(i)} artifact={a} src={imageSrc(i)} />}
        </Box>
      ))}
    </Stack>
  );
}
