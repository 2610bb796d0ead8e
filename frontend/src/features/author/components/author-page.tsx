import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCopy, IconFileImport, IconPlus, IconTable } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../../i18n/format';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import type { ImageMap, PackListItem, SavedPack } from '../api/author-types';
import { getPackImagesQueryOptions, usePackImages } from '../api/images';
import { getPackSourceQueryOptions, usePacks, usePackSource } from '../api/packs';
import { discardDraft, type KeptDraft, packDraftKey, useKeptDrafts } from '../lib/draft-store';
import { readDraft, setInText } from '../lib/pack-doc';
import { MselWizard, OpenAevImport, ZipImport } from './import-panels';
import { PackEditor } from './pack-editor';
import { RunPackButton } from '../../control/components/run-pack-button';
import { useState } from 'react';
import '../author.css';

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

type View =
  | { kind: 'pack'; packId: string }
  // a pack not saved yet: new, cloned, imported, or a kept draft of one reopened
  | { kind: 'draft'; yaml: string; images: ImageMap; draftKey: string; keep: boolean }
  | { kind: 'msel' }
  | { kind: 'openaev' }
  | { kind: 'zip' }
  | { kind: 'none' };

/** A key for a pack that is not saved yet: when it was started. */
const newDraftKey = () => `new:${Date.now()}`;

const draftKeyOf = (v: View): string | null =>
  v.kind === 'pack' ? packDraftKey(v.packId) : v.kind === 'draft' ? v.draftKey : null;

/** Scenario authoring: the packs, the editor, and the importers. */
export function AuthorPage() {
  const { t } = useTranslation('author');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const packs = usePacks();
  const packParam = params.get('pack');
  const [local, setLocal] = useState<View>({ kind: 'none' });
  const view: View = packParam ? { kind: 'pack', packId: packParam } : local;
  const kept = useKeptDrafts();
  // whether the open editor holds changes that are not saved; leaving it asks first
  const [editorDirty, setEditorDirty] = useState(false);
  const [leaving, setLeaving] = useState<{ go: () => void } | null>(null);
  const guarded = (go: () => void) => {
    if (editorDirty) setLeaving({ go });
    else go();
  };
  const openPackNow = (packId: string) => {
    setLocal({ kind: 'none' });
    setParams({ pack: packId });
  };
  const openPack = (packId: string) => {
    if (view.kind === 'pack' && view.packId === packId) return;
    guarded(() => openPackNow(packId));
  };
  const openDraftNow = (yaml: string, images: ImageMap, keep: boolean) => {
    setParams({});
    setLocal({ kind: 'draft', yaml, images, draftKey: newDraftKey(), keep });
  };
  const openDraft = (yaml: string, images: ImageMap = {}) => guarded(() => openDraftNow(yaml, images, true));
  const openKept = (d: KeptDraft) =>
    guarded(() => {
      setParams({});
      setLocal({ kind: 'draft', yaml: d.base, images: d.images, draftKey: d.key, keep: true });
    });
  const qc = useQueryClient();
  const [cloneError, setCloneError] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<SavedPack | null>(null);
  const onSaved = (s: SavedPack) => {
    setJustSaved(s);
    openPackNow(s.packId);
  };
  const clonePack = async (pack: PackListItem) => {
    setCloneError(null);
    try {
      const [source, images] = await Promise.all([
        qc.fetchQuery(getPackSourceQueryOptions(pack.packId)),
        qc.fetchQuery(getPackImagesQueryOptions(pack.packId)),
      ]);
      const taken = new Set((packs.data ?? []).map((p) => p.packId));
      openDraftNow(cloneYaml(source.yaml, taken), Object.fromEntries(images.map((i) => [i.path, i.sha256])), true);
    } catch (e) {
      setCloneError(errorMessage(e));
    }
  };
  const show = (v: View) =>
    guarded(() => {
      setParams({});
      setLocal(v);
    });
  const leavingKey = draftKeyOf(view);
  const newDrafts = kept.filter((d) => d.packId === null && d.key !== leavingKey);
  const packsWithDraft = new Set(kept.flatMap((d) => (d.packId ? [d.packId] : [])));
  return (
    <Group align="stretch" wrap="nowrap" gap={0} h="100%" className="ttx-author">
      <Stack
        w={260}
        p="xs"
        gap="xs"
        className="ttx-author-packs"
        style={{ borderRight: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}
      >
        <Text fw={700} size="sm">
          {t('library.title')}
        </Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => guarded(() => openDraftNow(NEW_PACK, {}, false))}
        >
          {t('library.newPack')}
        </Button>
        <Group gap={4}>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTable size={14} />}
            onClick={() => show({ kind: 'msel' })}
          >
            {t('library.msel')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileImport size={14} />}
            onClick={() => show({ kind: 'openaev' })}
          >
            {t('library.openaev')}
          </Button>
          <Button size="xs" variant="default" onClick={() => show({ kind: 'zip' })}>
            {t('library.zip')}
          </Button>
        </Group>
        <ScrollArea style={{ flex: 1 }}>
          {packs.isPending && <PageLoader label={t('library.loading')} />}
          {packs.isError && <ErrorAlert error={packs.error} title={t('library.loadFailed')} />}
          {cloneError && (
            <Alert color="red" title={t('library.cloneFailed')}>
              {cloneError}
            </Alert>
          )}
          {newDrafts.length > 0 && (
            <Stack gap={0} mb="xs" data-testid="kept-drafts">
              <Text size="xs" fw={700} c="dimmed">
                {t('library.drafts')}
              </Text>
              {newDrafts.map((d) => (
                <NavLink
                  key={d.key}
                  label={d.title ? <span translate="no">{d.title}</span> : t('library.untitled')}
                  description={t('library.keptAt', { when: f.date(d.savedAt) })}
                  onClick={() => openKept(d)}
                  data-testid={`kept-draft-${d.key}`}
                />
              ))}
            </Stack>
          )}
          {packs.data?.map((p) => (
            <Group key={p.packId} gap={2} wrap="nowrap" align="center">
              <NavLink
                active={view.kind === 'pack' && (view.packId === p.packId || view.packId === p.id)}
                label={<span translate="no">{p.title}</span>}
                description={t('library.packLine', { id: p.packId, version: p.version, count: p.injects })}
                rightSection={
                  packsWithDraft.has(p.packId) ? (
                    <Badge
                      size="xs"
                      color="yellow"
                      variant="light"
                      title={t('library.draftHint')}
                      data-testid={`draft-badge-${p.packId}`}
                    >
                      {t('library.draft')}
                    </Badge>
                  ) : undefined
                }
                onClick={() => {
                  setJustSaved(null);
                  openPack(p.packId);
                }}
                data-testid={`pack-${p.packId}`}
                style={{ flex: 1, minWidth: 0 }}
              />
              <Tooltip label={t('library.cloneHint', { title: p.title })}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('library.clone', { title: p.title })}
                  onClick={() => guarded(() => void clonePack(p))}
                  data-testid={`clone-${p.packId}`}
                >
                  <IconCopy size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </ScrollArea>
      </Stack>
      <Box p="sm" className="ttx-author-main" style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        {view.kind === 'pack' && (
          <Group justify="flex-end" mb="xs">
            <RunPackButton
              packId={view.packId}
              title={packs.data?.find((p) => p.packId === view.packId || p.id === view.packId)?.title ?? view.packId}
            />
          </Group>
        )}
        {view.kind === 'pack' && (
          <StoredPackEditor
            packId={view.packId}
            onSaved={onSaved}
            justSaved={justSaved?.packId === view.packId ? justSaved : null}
            onDirtyChange={setEditorDirty}
          />
        )}
        {view.kind === 'draft' && (
          <PackEditor
            key={view.draftKey}
            initialYaml={view.yaml}
            initialImages={view.images}
            savedPackId={null}
            onSaved={onSaved}
            draftKey={view.draftKey}
            keepFromStart={view.keep}
            onDirtyChange={setEditorDirty}
            onDiscarded={() => setLocal({ kind: 'none' })}
          />
        )}
        {view.kind === 'msel' && <MselWizard onOpen={openDraft} />}
        {view.kind === 'openaev' && <OpenAevImport onOpen={openDraft} />}
        {view.kind === 'zip' && <ZipImport onImported={openPack} />}
        {view.kind === 'none' && <Alert color="gray">{t('library.choose')}</Alert>}
      </Box>
      <Modal
        opened={leaving !== null}
        onClose={() => setLeaving(null)}
        title={t('leave.title')}
        data-testid="unsaved-prompt"
      >
        <Text size="sm">{view.kind === 'pack' ? t('leave.packBody', { id: view.packId }) : t('leave.draftBody')}</Text>
        <Group justify="flex-end" mt="md" gap="xs">
          <Button variant="default" onClick={() => setLeaving(null)} data-autofocus>
            {t('leave.keep')}
          </Button>
          <Button
            color="red"
            variant="light"
            onClick={() => {
              // the editor closes next and must not keep the draft again on its way out
              if (leavingKey) discardDraft(leavingKey, { editorClosing: true });
              setEditorDirty(false);
              leaving?.go();
              setLeaving(null);
            }}
          >
            {t('leave.discard')}
          </Button>
          <Button
            onClick={() => {
              leaving?.go();
              setLeaving(null);
            }}
          >
            {t('leave.leave')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

function StoredPackEditor({
  packId,
  onSaved,
  justSaved,
  onDirtyChange,
}: {
  packId: string;
  onSaved: (s: SavedPack) => void;
  justSaved: SavedPack | null;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { t } = useTranslation('author');
  const source = usePackSource(packId);
  const images = usePackImages(packId);
  if (source.isPending || images.isPending) return <PageLoader label={t('library.loadingPack')} />;
  if (source.isError) return <ErrorAlert error={source.error} title={t('library.packFailed')} />;
  if (images.isError) return <ErrorAlert error={images.error} title={t('library.imagesFailed')} />;
  const initialImages = Object.fromEntries(images.data.map((i) => [i.path, i.sha256]));
  return (
    <PackEditor
      key={packId}
      initialYaml={source.data.yaml}
      initialImages={initialImages}
      savedPackId={packId}
      onSaved={onSaved}
      justSaved={justSaved}
      draftKey={packDraftKey(packId)}
      onDirtyChange={onDirtyChange}
    />
  );
}

/** A copy of a pack under a new id and title, so it is saved as a pack of its own. */
function cloneYaml(yaml: string, taken: ReadonlySet<string>): string {
  const draft = readDraft(yaml);
  const id = draft?.id ?? 'pack';
  let next = `${id}-copy`;
  for (let n = 2; taken.has(next); n++) next = `${id}-copy-${n}`;
  return setInText(setInText(yaml, ['id'], next), ['title'], `${draft?.title ?? id} (copy)`);
}
