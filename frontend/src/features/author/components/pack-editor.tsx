import { Alert, Badge, Box, Button, Group, Paper, ScrollArea, Stack, Tabs, Text, UnstyledButton } from '@mantine/core';
import { IconDeviceFloppy, IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { errorMessage } from '../../../lib/api-client';
import type { PackError, SavedPack, ValidationReport } from '../api/author-types';
import { useSavePack, validatePack } from '../api/packs';
import { downloadHref } from '../api/upload-file';
import type { ImageMap } from '../api/author-types';
import { authorImageUrl } from '../api/images';
import { loadDraft } from '../lib/draft-store';
import {
  addInText,
  deleteInText,
  type DraftPack,
  nodeRange,
  type Path,
  plannedTimes,
  readDraft,
  setInText,
} from '../lib/pack-doc';
import { sameImages, useKeptDraft } from '../lib/use-kept-draft';
import { DryRunPanel } from './dry-run-panel';
import { InjectPreview } from './inject-preview';
import { InjectsForm, MetadataForm, ObjectivesForm, TeamsForm } from './pack-forms';
import { TimelineSwimlanes } from './timeline-swimlanes';
import { usePackErrorText } from '../lib/pack-error-text';
import { PackErrorList, packErrorsOf, usePackRefusalText } from './pack-error-list';
import { type Reveal, YamlSource } from './yaml-source';

/** Only the images the pack refers to go with it (an upload that was replaced stays behind). */
function referencedImages(draft: DraftPack | null, images: ImageMap): ImageMap {
  const paths = new Set(
    (draft?.injects ?? []).flatMap((i) =>
      Array.isArray(i.artifacts)
        ? i.artifacts.flatMap((a) => (a?.kind === 'image' && typeof a.path === 'string' ? [a.path] : []))
        : [],
    ),
  );
  return Object.fromEntries(Object.entries(images).filter(([p]) => paths.has(p)));
}

type Section = 'metadata' | 'teams' | 'objectives' | 'injects';

function sectionOf(path: string): { section: Section; inject?: number } {
  const m = /^injects\[(\d+)\]/.exec(path);
  if (m) return { section: 'injects', inject: Number(m[1]) };
  if (path.startsWith('teams')) return { section: 'teams' };
  if (path.startsWith('objectives')) return { section: 'objectives' };
  return { section: 'metadata' };
}

/**
 * The pack editor: forms and the YAML source edit one text, validated as you type by the same
 * loader the server uses; each error links to its field; the timeline and the preview follow.
 */
export function PackEditor({
  initialYaml,
  initialImages,
  savedPackId,
  onSaved,
  justSaved = null,
  draftKey,
  keepFromStart = false,
  onDirtyChange,
  onDiscarded,
}: {
  initialYaml: string;
  initialImages: ImageMap;
  savedPackId: string | null;
  onSaved: (s: SavedPack) => void;
  justSaved?: SavedPack | null;
  /** where unsaved edits are kept in this browser (lib/draft-store.ts) */
  draftKey: string;
  /** a pack that exists only here (imported, cloned): unsaved from its first moment */
  keepFromStart?: boolean;
  onDirtyChange?: (dirty: boolean) => void;
  /** the author threw the draft of a pack never saved away: nothing is left to show */
  onDiscarded?: () => void;
}) {
  const { t } = useTranslation('author');
  const refusal = usePackRefusalText();
  const f = useFormat();
  // a draft kept from an earlier visit comes back as it was left
  const [kept] = useState(() => {
    const d = loadDraft(draftKey);
    return d && (d.yaml !== initialYaml || keepFromStart || !savedPackId) ? d : null;
  });
  const [text, setText] = useState(kept?.yaml ?? initialYaml);
  // images uploaded or carried over from the stored version, by their path in the pack
  const [images, setImages] = useState<ImageMap>(kept?.images ?? initialImages);
  // what a save or a discard returns to: the stored version (or the new pack's first text)
  const [base, setBase] = useState({
    yaml: initialYaml,
    images: initialImages,
    keep: keepFromStart || (kept !== null && !savedPackId),
  });
  const [restored, setRestored] = useState(
    kept ? { at: kept.savedAt, stale: savedPackId !== null && kept.base !== initialYaml } : null,
  );
  const [section, setSection] = useState<Section>('metadata');
  const [selected, setSelected] = useState(0);
  // where the YAML view scrolls when an inject is chosen in the forms, the timeline or the error list
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [report, setReport] = useState<ValidationReport | null>(null);
  // the text and images the report was made for: while they differ from the editor's, it is checking
  const [checked, setChecked] = useState<{ text: string; images: ImageMap } | null>(null);
  const [validationError, setValidationError] = useState<string | null>(null);
  const save = useSavePack();
  // a saved draft reopens as the stored pack, in a new editor: the result is handed over
  const saved = save.data ?? justSaved;
  const draft = useMemo(() => readDraft(text), [text]);
  const packErrorText = usePackErrorText();
  // the loader's errors worded in the interface language, for the list below and for every form field
  const errors: PackError[] = useMemo(
    () => (report?.errors ?? []).map((e) => ({ ...e, message: packErrorText(e) })),
    [report, packErrorText],
  );

  const checking = checked?.text !== text || checked.images !== images;
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      validatePack(text, referencedImages(draft, images), ctrl.signal)
        .then((r) => {
          setReport(r);
          setValidationError(null);
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setValidationError(errorMessage(e));
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setChecked({ text, images });
        });
    }, 350);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [text, draft, images]);

  const dirty = base.keep || text !== base.yaml || !sameImages(images, base.images);
  const draftTitle = draft?.title ?? savedPackId ?? t('library.untitled');
  const { discardDraftNow, confirmingDiscard, setConfirmingDiscard, markSaved } = useKeptDraft({
    draftKey,
    dirty,
    text,
    images,
    base: base.yaml,
    title: draftTitle,
    packId: savedPackId,
    onDirtyChange,
  });
  const discard = () => {
    discardDraftNow();
    setRestored(null);
    if (!savedPackId) {
      onDiscarded?.();
      return;
    }
    setText(base.yaml);
    setImages(base.images);
  };

  const selectInject = (k: number) => {
    setSelected(k);
    const range = nodeRange(text, ['injects', k]);
    if (range) setReveal((r) => ({ ...range, seq: (r?.seq ?? 0) + 1 }));
  };

  const onSet = (path: Path, value: unknown) => setText((t) => setInText(t, path, value));
  const onAdd = (path: Path, value: unknown) => setText((t) => addInText(t, path, value));
  const onDelete = (path: Path) => setText((t) => deleteInText(t, path));
  const formProps = { pack: draft ?? {}, errors, onSet, onAdd, onDelete };

  const goTo = (e: PackError) => {
    const where = sectionOf(e.path);
    setSection(where.section);
    if (where.inject !== undefined) selectInject(where.inject);
    // focus the field once the section has rendered
    setTimeout(() => {
      const el =
        document.querySelector<HTMLElement>(`[data-path="${CSS.escape(e.path)}"]`) ??
        document.querySelector<HTMLElement>(`[data-path^="${CSS.escape(e.path.replace(/\[\d+\]$/, ''))}"]`);
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    }, 50);
  };

  const selectedInject = draft?.injects?.[selected];
  const times = useMemo(
    () => (draft ? plannedTimes(draft) : new Map<number, { ms: number; estimated: boolean }>()),
    [draft],
  );
  const status = !draft ? (
    <Badge color="red">{t('editor.noParse')}</Badge>
  ) : checking ? (
    <Badge color="gray">{t('editor.checking')}</Badge>
  ) : report?.ok ? (
    <Badge color="green" data-testid="validation-ok">
      {t('editor.valid', { count: report.summary?.injects ?? 0 })}
    </Badge>
  ) : (
    <Badge color="red" data-testid="validation-errors">
      {t('editor.errors', { count: errors.length })}
    </Badge>
  );

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={700} translate="no">
            {draft?.title ?? t('library.untitled')}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" translate="no">
            {draft?.id} {draft?.version}
          </Text>
          {status}
        </Group>
        <Group gap="xs">
          {savedPackId && (
            <>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={downloadHref(`/authoring/packs/${savedPackId}/export.yaml`)}
                leftSection={<IconDownload size={14} />}
              >
                {t('editor.yaml')}
              </Button>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={downloadHref(`/authoring/packs/${savedPackId}/export.zip`)}
                leftSection={<IconDownload size={14} />}
              >
                {t('library.zip')}
              </Button>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={downloadHref(`/authoring/packs/${savedPackId}/msel?format=xlsx`)}
                leftSection={<IconDownload size={14} />}
              >
                {t('editor.mselXlsx')}
              </Button>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={downloadHref(`/authoring/packs/${savedPackId}/msel?format=csv`)}
                leftSection={<IconDownload size={14} />}
              >
                {t('editor.mselCsv')}
              </Button>
            </>
          )}
          <Button
            size="xs"
            leftSection={<IconDeviceFloppy size={14} />}
            disabled={!report?.ok || checking}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { yaml: text, images: referencedImages(draft, images) },
                {
                  onSuccess: (s) => {
                    markSaved();
                    setBase({ yaml: text, images, keep: false });
                    setRestored(null);
                    onSaved(s);
                  },
                },
              )
            }
          >
            {t('editor.save')}
          </Button>
        </Group>
      </Group>
      {dirty && (
        <Group gap="xs" data-testid="unsaved-draft">
          <Badge color="yellow" variant="light">
            {t('editor.unsaved')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('editor.keptHint')}
          </Text>
          {confirmingDiscard ? (
            <>
              <Text size="xs" fw={600}>
                {savedPackId ? t('editor.goBack', { id: draft?.id ?? savedPackId }) : t('editor.throwAway')}
              </Text>
              <Button size="compact-xs" color="red" onClick={discard}>
                {t('editor.discard')}
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setConfirmingDiscard(false)}>
                {t('editor.cancel')}
              </Button>
            </>
          ) : (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirmingDiscard(true)}>
              {t('editor.discardAsk')}
            </Button>
          )}
        </Group>
      )}
      {restored && (
        <Alert
          color={restored.stale ? 'orange' : 'blue'}
          withCloseButton
          onClose={() => setRestored(null)}
          data-testid="draft-restored"
          title={t('editor.restoredTitle')}
        >
          {t('editor.restored', { when: f.date(restored.at) })}
          {restored.stale && ` ${t('editor.restoredStale')}`}
        </Alert>
      )}
      {save.isError && (
        <Alert color="red" title={t('editor.notSaved')}>
          {refusal(save.error)}
          <PackErrorList errors={packErrorsOf(save.error)} max={5} />
        </Alert>
      )}
      {saved && (
        <Alert color={saved.created ? 'green' : 'gray'} data-testid="save-result">
          {saved.created
            ? t('editor.saved', { id: saved.packId, version: saved.version })
            : t('editor.unchanged', { id: saved.packId, version: saved.version })}
        </Alert>
      )}
      {validationError && <Alert color="orange">{t('editor.validationDown', { error: validationError })}</Alert>}
      {errors.length > 0 && (
        <Paper withBorder p="xs" data-testid="error-list">
          <ScrollArea.Autosize mah={110}>
            {errors.map((e, k) => (
              // where (file, line, field) as the CLI prints it; what, in the interface language
              <UnstyledButton key={k} onClick={() => goTo(e)} display="block" w="100%" data-code={e.code}>
                <Text size="xs" c="red" ff="monospace">
                  <span translate="no">
                    {e.file}:{e.line}:{e.column} {e.path}
                  </span>{' '}
                  — {e.message}
                </Text>
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
      {/* a fixed share of the screen: the forms and the YAML scroll inside it, the timeline and preview follow below */}
      <Group
        align="stretch"
        wrap="nowrap"
        gap="sm"
        className="ttx-author-split"
        style={{ height: 'max(420px, 62vh)', flexShrink: 0 }}
      >
        <Box style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
          {draft ? (
            <Tabs value={section} onChange={(v) => setSection((v as Section | null) ?? 'metadata')} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="metadata">{t('editor.tabs.scenario')}</Tabs.Tab>
                <Tabs.Tab value="teams">{t('editor.tabs.teams', { n: draft.teams?.length ?? 0 })}</Tabs.Tab>
                <Tabs.Tab value="objectives">
                  {t('editor.tabs.objectives', { n: draft.objectives?.length ?? 0 })}
                </Tabs.Tab>
                <Tabs.Tab value="injects">{t('editor.tabs.injects', { n: draft.injects?.length ?? 0 })}</Tabs.Tab>
              </Tabs.List>
              <Box pt="xs">
                <Tabs.Panel value="metadata">
                  <MetadataForm {...formProps} />
                </Tabs.Panel>
                <Tabs.Panel value="teams">
                  <TeamsForm {...formProps} />
                </Tabs.Panel>
                <Tabs.Panel value="objectives">
                  <ObjectivesForm {...formProps} />
                </Tabs.Panel>
                <Tabs.Panel value="injects">
                  <InjectsForm
                    {...formProps}
                    selected={selected}
                    onSelect={selectInject}
                    onImageUploaded={(path, sha256) => setImages((m) => ({ ...m, [path]: sha256 }))}
                  />
                </Tabs.Panel>
              </Box>
            </Tabs>
          ) : (
            <Alert color="red">{t('editor.noParseHint')}</Alert>
          )}
        </Box>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <YamlSource value={text} onChange={setText} reveal={reveal} />
        </Box>
      </Group>
      {draft && (
        // the whole width for the timeline: a 60-inject pack needs every pixel of it
        <Paper withBorder p="xs">
          <TimelineSwimlanes
            pack={draft}
            selected={selected}
            onSelect={(k) => {
              selectInject(k);
              setSection('injects');
            }}
          />
        </Paper>
      )}
      {draft && (
        <Box maw={820}>
          <InjectPreview
            inject={selectedInject}
            scenarioMs={times.get(selected)?.ms ?? null}
            imageSrc={(path) => {
              const sha = images[path];
              return sha ? authorImageUrl(sha) : null;
            }}
          />
        </Box>
      )}
      {savedPackId && (
        <Paper withBorder p="xs">
          <DryRunPanel packId={savedPackId} />
        </Paper>
      )}
    </Stack>
  );
}
