import { ActionIcon, Alert, Box, Button, Group, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconFileImport, IconPlus, IconTable } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import type { ImageMap, PackListItem, SavedPack } from '../api/author-types';
import { getPackImagesQueryOptions, usePackImages } from '../api/images';
import { getPackSourceQueryOptions, usePacks, usePackSource } from '../api/packs';
import { readDraft, setInText } from '../lib/pack-doc';
import { MselWizard, OpenAevImport, ZipImport } from './import-panels';
import { PackEditor } from './pack-editor';
import { useState } from 'react';

const NEW_PACK = `id: new-pack
title: New scenario
summary: What happens, for whom, and what the drill trains.
version: 0.1.0
duration: "01:00"
teams:
  - id: blue
    name: Blue team
objectives: []
injects:
  - id: first-alert
    offset: "T+00:05"
    to: [blue]
    channel: email
    from: { name: Exercise control }
    subject: First alert
    body: Write the message here.
`;

type View = { kind: 'pack'; packId: string } | { kind: 'draft'; yaml: string; images: ImageMap; key: number } | { kind: 'msel' } | { kind: 'openaev' } | { kind: 'zip' } | { kind: 'none' };

/** Scenario authoring: the packs, the editor, and the importers. */
export function AuthorPage() {
  const [params, setParams] = useSearchParams();
  const packs = usePacks();
  const packParam = params.get('pack');
  const [local, setLocal] = useState<View>({ kind: 'none' });
  const view: View = packParam ? { kind: 'pack', packId: packParam } : local;
  const openPack = (packId: string) => {
    setLocal({ kind: 'none' });
    setParams({ pack: packId });
  };
  const openDraft = (yaml: string, images: ImageMap = {}) => {
    setParams({});
    setLocal({ kind: 'draft', yaml, images, key: Date.now() });
  };
  const qc = useQueryClient();
  const [cloneError, setCloneError] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<SavedPack | null>(null);
  const onSaved = (s: SavedPack) => {
    setJustSaved(s);
    openPack(s.packId);
  };
  const clonePack = async (pack: PackListItem) => {
    setCloneError(null);
    try {
      const [source, images] = await Promise.all([qc.fetchQuery(getPackSourceQueryOptions(pack.packId)), qc.fetchQuery(getPackImagesQueryOptions(pack.packId))]);
      const taken = new Set((packs.data ?? []).map((p) => p.packId));
      openDraft(cloneYaml(source.yaml, taken), Object.fromEntries(images.map((i) => [i.path, i.sha256])));
    } catch (e) {
      setCloneError(errorMessage(e));
    }
  };
  const show = (v: View) => {
    setParams({});
    setLocal(v);
  };
  return (
    <Group align="stretch" wrap="nowrap" gap={0} h="100%">
      <Stack w={260} p="xs" gap="xs" style={{ borderRight: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}>
        <Text fw={700} size="sm">
          Scenario packs
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => openDraft(NEW_PACK)}>
          New pack
        </Button>
        <Group gap={4} grow>
          <Button size="xs" variant="default" leftSection={<IconTable size={14} />} onClick={() => show({ kind: 'msel' })}>
            MSEL
          </Button>
          <Button size="xs" variant="default" leftSection={<IconFileImport size={14} />} onClick={() => show({ kind: 'openaev' })}>
            OpenAEV
          </Button>
          <Button size="xs" variant="default" onClick={() => show({ kind: 'zip' })}>
            Zip
          </Button>
        </Group>
        <ScrollArea style={{ flex: 1 }}>
          {packs.isPending && <PageLoader label="Loading packs" />}
          {packs.isError && <ErrorAlert error={packs.error} title="Could not load the packs" />}
          {cloneError && (
            <Alert color="red" title="Could not clone">
              {cloneError}
            </Alert>
          )}
          {packs.data?.map((p) => (
            <Group key={p.packId} gap={2} wrap="nowrap" align="center">
              <NavLink
                active={view.kind === 'pack' && (view.packId === p.packId || view.packId === p.id)}
                label={p.title}
                description={`${p.packId} ${p.version} · ${p.injects} injects`}
                onClick={() => {
                  setJustSaved(null);
                  openPack(p.packId);
                }}
                data-testid={`pack-${p.packId}`}
                style={{ flex: 1, minWidth: 0 }}
              />
              <Tooltip label={`Clone ${p.title} as a new pack`}>
                <ActionIcon variant="subtle" aria-label={`Clone ${p.title}`} onClick={() => void clonePack(p)} data-testid={`clone-${p.packId}`}>
                  <IconCopy size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </ScrollArea>
      </Stack>
      <Box p="sm" style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        {view.kind === 'pack' && <StoredPackEditor packId={view.packId} onSaved={onSaved} justSaved={justSaved?.packId === view.packId ? justSaved : null} />}
        {view.kind === 'draft' && <PackEditor key={view.key} initialYaml={view.yaml} initialImages={view.images} savedPackId={null} onSaved={onSaved} />}
        {view.kind === 'msel' && <MselWizard onOpen={openDraft} />}
        {view.kind === 'openaev' && <OpenAevImport onOpen={openDraft} />}
        {view.kind === 'zip' && <ZipImport onImported={openPack} />}
        {view.kind === 'none' && <Alert color="gray">Choose a pack to edit, start a new one, or import an MSEL spreadsheet, an OpenAEV scenario or a pack zip.</Alert>}
      </Box>
    </Group>
  );
}

function StoredPackEditor({ packId, onSaved, justSaved }: { packId: string; onSaved: (s: SavedPack) => void; justSaved: SavedPack | null }) {
  const source = usePackSource(packId);
  const images = usePackImages(packId);
  if (source.isPending || images.isPending) return <PageLoader label="Loading the pack" />;
  if (source.isError) return <ErrorAlert error={source.error} title="Could not load the pack" />;
  if (images.isError) return <ErrorAlert error={images.error} title="Could not load the pack's images" />;
  const initialImages = Object.fromEntries(images.data.map((i) => [i.path, i.sha256]));
  return <PackEditor key={packId} initialYaml={source.data.yaml} initialImages={initialImages} savedPackId={packId} onSaved={onSaved} justSaved={justSaved} />;
}

/** A copy of a pack under a new id and title, so it is saved as a pack of its own. */
function cloneYaml(yaml: string, taken: ReadonlySet<string>): string {
  const draft = readDraft(yaml);
  const id = draft?.id ?? 'pack';
  let next = `${id}-copy`;
  for (let n = 2; taken.has(next); n++) next = `${id}-copy-${n}`;
  return setInText(setInText(yaml, ['id'], next), ['title'], `${draft?.title ?? id} (copy)`);
}
