import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, FileInput, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { TableScroll } from '../../../components/table-scroll';
import { errorMessage } from '../../../lib/api-client';
import {
  type ColumnMapping,
  MSEL_FIELDS,
  type MselField,
  type MselPreview,
  type OpenAevPreview,
} from '../api/author-types';
import { useImportPackZip } from '../api/packs';
import { uploadFile } from '../api/upload-file';
import { type ImportNote, importNoteText } from '../lib/import-note-text';
import { PackErrorList, packErrorsOf, usePackRefusalText } from './pack-error-list';

/** The MSEL preview with what this panel shows beyond the shared type: the pre-exercise checklist and rows attached to the inject above. */
type MselPreviewPlus = MselPreview & {
  checklist?: { row: number; offset: string; text: string }[];
  counts: MselPreview['counts'] & { checklist?: number; attached?: number };
};

interface MselRequestOptions {
  sheet?: string | undefined;
  mapping?: ColumnMapping | undefined;
  start?: string | undefined;
  /** "inject type=channel, …" or JSON: the author's inject types over the built-in table */
  channelMap?: string | undefined;
}

const useMselPreviewPlus = () =>
  useMutation({
    mutationFn: (v: { file: File; options: MselRequestOptions }) =>
      uploadFile<MselPreviewPlus>('/authoring/msel/preview', v.file, {
        fileName: v.file.name,
        sheet: v.options.sheet,
        mapping: v.options.mapping ? JSON.stringify(v.options.mapping) : undefined,
        start: v.options.start,
        channelMap: v.options.channelMap,
      }),
  });

/** What another tool's file became: OpenAEV, IcebergTTX or a ttx-community timeline, told apart by its content. */
interface ToolPreview {
  format: string;
  valid: boolean;
  errorCount: number;
  yaml: string;
  counts: { injects: number; teams: number; skipped: number; decisions?: number };
  skipped: { title: string; reason: ImportNote }[];
  notes: ImportNote[];
  warnings: ImportNote[];
}

async function previewOtherTool(file: File): Promise<ToolPreview> {
  const isJson = /\.json$/i.test(file.name);
  const head = isJson ? await file.slice(0, 65_536).text() : '';
  if (!isJson || /"(scenario|exercise)_information"/.test(head)) {
    const p = await uploadFile<OpenAevPreview>('/authoring/openaev/preview', file);
    return {
      format: 'OpenAEV / OpenBAS',
      valid: p.valid,
      errorCount: p.errors.length,
      yaml: p.yaml,
      counts: p.counts,
      skipped: p.report.skipped,
      notes: [],
      warnings: p.report.warnings,
    };
  }
  const p = await uploadFile<{
    report: {
      format: string;
      notes: ImportNote[];
      warnings: ImportNote[];
      skipped: { title: string; reason: ImportNote }[];
    };
    valid: boolean;
    errors: unknown[];
    yaml: string;
    counts: ToolPreview['counts'];
  }>('/authoring/tool-import/preview', file, { fileName: file.name });
  return {
    format: p.report.format === 'icebergttx' ? 'IcebergTTX' : 'ttx-community timeline',
    valid: p.valid,
    errorCount: p.errors.length,
    yaml: p.yaml,
    counts: p.counts,
    skipped: p.report.skipped,
    notes: p.report.notes,
    warnings: p.report.warnings,
  };
}

/**
 * MSEL import: pick a file, check the detected header row and column mapping, read what each row
 * becomes, then open the resulting pack in the editor (saving happens there).
 */
export function MselWizard({ onOpen }: { onOpen: (yaml: string) => void }) {
  const { t } = useTranslation(['author', 'common']);
  const [file, setFile] = useState<File | null>(null);
  const [start, setStart] = useState('');
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const [channelMap, setChannelMap] = useState('');
  const preview = useMselPreviewPlus();
  const run = (next: { mapping?: ColumnMapping | undefined; sheet?: string | undefined } = {}) => {
    if (!file) return;
    preview.mutate({
      file,
      options: {
        start: start || undefined,
        sheet: next.sheet ?? sheet,
        mapping: next.mapping ?? mapping,
        channelMap: channelMap.trim() || undefined,
      },
    });
  };
  const p = preview.data;
  const columnsTitle =
    p?.headerRow === null || p?.headerRow === undefined
      ? t('import.columnsNoHeader')
      : t('import.columns', { row: p.headerRow + 1 });
  const setColumn = (col: number, field: MselField | null) => {
    const base: ColumnMapping = { ...(p?.mapping ?? {}) };
    for (const f of MSEL_FIELDS) if (base[f] === col) delete base[f];
    if (field) base[field] = col;
    setMapping(base);
    run({ mapping: base });
  };
  return (
    <Stack gap="sm" data-testid="msel-wizard">
      <Text fw={700}>{t('import.msel')}</Text>
      <Group align="flex-end">
        <FileInput
          label={t('import.mselFile')}
          accept=".xlsx,.csv,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setMapping(undefined);
            setSheet(undefined);
          }}
          w={280}
          size="xs"
        />
        <TextInput
          label={t('import.start')}
          placeholder={t('import.startPlaceholder')}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
          size="xs"
          description={t('import.startHint')}
        />
        <TextInput
          label={t('import.types')}
          placeholder={t('import.typesPlaceholder')}
          value={channelMap}
          onChange={(e) => setChannelMap(e.currentTarget.value)}
          size="xs"
          w={240}
          description={t('import.typesHint')}
        />
        <Button size="xs" disabled={!file} loading={preview.isPending} onClick={() => run()}>
          {t('import.preview')}
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          <Group gap="xs">
            {p.sheets.length > 1 && (
              <Select
                size="xs"
                label={t('import.sheet')}
                data={p.sheets}
                value={p.sheet}
                onChange={(v) => {
                  setSheet(v ?? undefined);
                  run({ sheet: v ?? undefined });
                }}
              />
            )}
            <Badge>{t('import.injects', { count: p.counts.injects })}</Badge>
            <Badge color="gray">{t('import.teams', { count: p.counts.teams })}</Badge>
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>
              {t('import.rowsSkipped', { count: p.counts.skipped })}
            </Badge>
            <Badge color="gray">{t('import.rowsMerged', { count: p.counts.merged })}</Badge>
            {p.counts.attached ? (
              <Badge color="gray">{t('import.rowsAttached', { count: p.counts.attached })}</Badge>
            ) : null}
            {p.counts.checklist ? (
              <Badge color="blue">{t('import.beforeStartex', { count: p.counts.checklist })}</Badge>
            ) : null}
            <Badge color={p.valid ? 'green' : 'red'}>
              {p.valid ? t('import.valid') : t('import.packErrors', { count: p.packErrors.length })}
            </Badge>
          </Group>
          {p.notes.map((n, k) => (
            <Text key={k} size="xs" c="dimmed" data-testid="msel-note" data-code={n.code}>
              {importNoteText(t, n)}
            </Text>
          ))}
          {p.checklist && p.checklist.length > 0 && (
            <Alert color="blue" title={t('import.checklist')} data-testid="msel-checklist">
              {p.checklist.map((c) => (
                <Text key={c.row} size="xs">
                  {t('import.checklistRow', { row: c.row, offset: c.offset })} <span translate="no">{c.text}</span>
                </Text>
              ))}
            </Alert>
          )}
          <Text size="sm" fw={600}>
            {columnsTitle}
          </Text>
          <TableScroll minWidth={720} label={columnsTitle}>
            <Table fz="xs" withTableBorder>
              <Table.Tbody>
                {p.columns.map((c) => (
                  <Table.Tr key={c.index}>
                    <Table.Td w={40}>{c.letter}</Table.Td>
                    <Table.Td w={180} translate={c.header ? 'no' : undefined}>
                      {c.header || <i>{t('import.noHeader')}</i>}
                    </Table.Td>
                    <Table.Td w={200}>
                      <Select
                        size="xs"
                        aria-label={t('import.fieldFor', { letter: c.letter })}
                        clearable
                        placeholder={t('import.notImported')}
                        data={MSEL_FIELDS.map((f) => ({ value: f, label: t(`import.field.${f}`) }))}
                        value={c.field}
                        onChange={(v) => setColumn(c.index, v ?? null)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" truncate maw={380} translate="no">
                        {c.samples.join(' · ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Text size="sm" fw={600}>
            {t('import.rows')}
          </Text>
          <TableScroll minWidth={960} label={t('import.rows')}>
            <Table fz="xs" striped withTableBorder data-testid="msel-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.becomes')}</Table.Th>
                  <Table.Th>{t('import.time')}</Table.Th>
                  <Table.Th>{t('import.to')}</Table.Th>
                  <Table.Th>{t('import.channel')}</Table.Th>
                  <Table.Th>{t('import.subject')}</Table.Th>
                  <Table.Th miw={300}>{t('import.problems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.rows
                  .filter((r) => r.kind !== 'empty')
                  .map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>
                        {r.kind === 'section' ? (
                          t('import.phase', { phase: r.phase ?? '' })
                        ) : r.kind === 'inject' ? (
                          <span translate="no">{r.injectId ?? ''}</span>
                        ) : r.kind === 'merged' ? (
                          t('import.merged', { id: r.injectId ?? '' })
                        ) : (
                          t(`import.kind.${r.kind}`)
                        )}
                      </Table.Td>
                      <Table.Td>{r.offset}</Table.Td>
                      <Table.Td>
                        {r.to === 'all' ? t('import.all') : <span translate="no">{r.to?.join(', ')}</span>}
                      </Table.Td>
                      <Table.Td>
                        {r.channel ? t(`common:channel.${r.channel}`, { defaultValue: r.channel }) : ''}
                      </Table.Td>
                      <Table.Td translate="no">{r.subject}</Table.Td>
                      <Table.Td>
                        {r.errors.map((e, k) => (
                          <Text key={`e${k}`} size="xs" c="red" data-code={e.code}>
                            {importNoteText(t, e)}
                          </Text>
                        ))}
                        {r.warnings.map((w, k) => (
                          <Text key={`w${k}`} size="xs" c="orange" data-code={w.code}>
                            {importNoteText(t, w)}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          {p.generalErrors.map((e, k) => (
            <Text key={k} size="xs" c="red" data-code={e.code}>
              {importNoteText(t, e)}
            </Text>
          ))}
          <Group>
            <Button size="xs" onClick={() => onOpen(p.yaml)}>
              {t('import.open')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Another tool's scenario: an OpenAEV/OpenBAS export, an IcebergTTX scenario or a ttx-community timeline. */
export function OpenAevImport({ onOpen }: { onOpen: (yaml: string) => void }) {
  const { t } = useTranslation(['author', 'common']);
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({ mutationFn: previewOtherTool });
  const p = preview.data;
  return (
    <Stack gap="sm" data-testid="openaev-import">
      <Text fw={700}>{t('import.tool')}</Text>
      <Text size="xs" c="dimmed">
        {t('import.toolHint')}
      </Text>
      <Group align="flex-end">
        <FileInput
          label={t('import.exportFile')}
          accept=".zip,.json"
          value={file}
          onChange={setFile}
          w={280}
          size="xs"
        />
        <Button size="xs" disabled={!file} loading={preview.isPending} onClick={() => file && preview.mutate(file)}>
          {t('import.preview')}
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          <Group gap="xs">
            <Badge color="gray">{p.format}</Badge>
            <Badge>{t('import.injects', { count: p.counts.injects })}</Badge>
            <Badge color="gray">{t('import.teams', { count: p.counts.teams })}</Badge>
            {p.counts.decisions ? (
              <Badge color="gray">{t('import.decisions', { count: p.counts.decisions })}</Badge>
            ) : null}
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>
              {t('import.skipped', { count: p.counts.skipped })}
            </Badge>
            <Badge color={p.valid ? 'green' : 'red'}>
              {p.valid ? t('import.valid') : t('import.errors', { count: p.errorCount })}
            </Badge>
          </Group>
          {p.counts.injects === 0 && <Alert color="orange">{t('import.nothing')}</Alert>}
          {p.skipped.map((s, k) => (
            <Text key={k} size="xs" c="orange" data-code={s.reason.code}>
              {t('import.skippedItem', { title: s.title, reason: importNoteText(t, s.reason) })}
            </Text>
          ))}
          {[...p.notes, ...p.warnings].map((w, k) => (
            <Text key={k} size="xs" c="dimmed" data-code={w.code}>
              {importNoteText(t, w)}
            </Text>
          ))}
          <Button size="xs" w={200} disabled={p.counts.injects === 0} onClick={() => onOpen(p.yaml)}>
            {t('import.open')}
          </Button>
        </>
      )}
    </Stack>
  );
}

export function ZipImport({ onImported }: { onImported: (packId: string) => void }) {
  const { t } = useTranslation(['author', 'common']);
  const [file, setFile] = useState<File | null>(null);
  const imp = useImportPackZip();
  const refusal = usePackRefusalText();
  return (
    <Stack gap="sm">
      <Text fw={700}>{t('import.zip')}</Text>
      <Group align="flex-end">
        <FileInput label={t('import.zipFile')} accept=".zip" value={file} onChange={setFile} w={280} size="xs" />
        <Button
          size="xs"
          disabled={!file}
          loading={imp.isPending}
          onClick={() => file && imp.mutate(file, { onSuccess: (r) => onImported(r.packId) })}
        >
          {t('import.import')}
        </Button>
      </Group>
      {imp.isError && (
        <Alert color="red" title={refusal(imp.error)} data-testid="zip-import-error">
          <PackErrorList errors={packErrorsOf(imp.error)} />
        </Alert>
      )}
    </Stack>
  );
}
