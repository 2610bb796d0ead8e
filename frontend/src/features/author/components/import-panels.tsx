import { Alert, Badge, Button, FileInput, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
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
  skipped: { title: string; reason: string }[];
  notes: string[];
  warnings: string[];
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
    report: { format: string; notes: string[]; warnings: string[]; skipped: { title: string; reason: string }[] };
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
  const setColumn = (col: number, field: MselField | null) => {
    const base: ColumnMapping = { ...(p?.mapping ?? {}) };
    for (const f of MSEL_FIELDS) if (base[f] === col) delete base[f];
    if (field) base[field] = col;
    setMapping(base);
    run({ mapping: base });
  };
  return (
    <Stack gap="sm" data-testid="msel-wizard">
      <Text fw={700}>Import an MSEL spreadsheet (XLSX or CSV)</Text>
      <Group align="flex-end">
        <FileInput
          label="MSEL file"
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
          label="Exercise start (optional)"
          placeholder="2026-03-09T09:00"
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
          size="xs"
          description="clock and date times count from it"
        />
        <TextInput
          label="Inject types (optional)"
          placeholder="Carrier pigeon=chat, Fax=email"
          value={channelMap}
          onChange={(e) => setChannelMap(e.currentTarget.value)}
          size="xs"
          w={240}
          description="your types → channels, over the built-in table"
        />
        <Button size="xs" disabled={!file} loading={preview.isPending} onClick={() => run()}>
          Preview
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          <Group gap="xs">
            {p.sheets.length > 1 && (
              <Select
                size="xs"
                label="Sheet"
                data={p.sheets}
                value={p.sheet}
                onChange={(v) => {
                  setSheet(v ?? undefined);
                  run({ sheet: v ?? undefined });
                }}
              />
            )}
            <Badge>{p.counts.injects} injects</Badge>
            <Badge color="gray">{p.counts.teams} teams</Badge>
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>{p.counts.skipped} rows skipped</Badge>
            <Badge color="gray">{p.counts.merged} rows merged</Badge>
            {p.counts.attached ? <Badge color="gray">{p.counts.attached} rows attached</Badge> : null}
            {p.counts.checklist ? <Badge color="blue">{p.counts.checklist} before STARTEX</Badge> : null}
            <Badge color={p.valid ? 'green' : 'red'}>
              {p.valid ? 'valid pack' : `${p.packErrors.length} pack errors`}
            </Badge>
          </Group>
          {p.notes.map((n) => (
            <Text key={n} size="xs" c="dimmed">
              {n}
            </Text>
          ))}
          {p.checklist && p.checklist.length > 0 && (
            <Alert
              color="blue"
              title="Pre-exercise checklist (rows before STARTEX, not sent to players)"
              data-testid="msel-checklist"
            >
              {p.checklist.map((c) => (
                <Text key={c.row} size="xs">
                  Row {c.row} · {c.offset}: {c.text}
                </Text>
              ))}
            </Alert>
          )}
          <Text size="sm" fw={600}>
            Columns {p.headerRow === null ? '(no header row found)' : `(header in row ${p.headerRow + 1})`}
          </Text>
          <Table fz="xs" withTableBorder>
            <Table.Tbody>
              {p.columns.map((c) => (
                <Table.Tr key={c.index}>
                  <Table.Td w={40}>{c.letter}</Table.Td>
                  <Table.Td w={180}>{c.header || <i>no header</i>}</Table.Td>
                  <Table.Td w={200}>
                    <Select
                      size="xs"
                      aria-label={`Field for column ${c.letter}`}
                      clearable
                      placeholder="not imported"
                      data={[...MSEL_FIELDS]}
                      value={c.field}
                      onChange={(v) => setColumn(c.index, v ?? null)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" truncate maw={380}>
                      {c.samples.join(' · ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>
            Rows
          </Text>
          <Table fz="xs" striped withTableBorder data-testid="msel-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Becomes</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Problems</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.rows
                .filter((r) => r.kind !== 'empty')
                .map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>
                      {r.kind === 'section'
                        ? `phase “${r.phase ?? ''}”`
                        : r.kind === 'inject' || r.kind === 'merged'
                          ? `${r.injectId ?? ''}${r.kind === 'merged' ? ' (merged)' : ''}`
                          : r.kind}
                    </Table.Td>
                    <Table.Td>{r.offset}</Table.Td>
                    <Table.Td>{r.to === 'all' ? 'all' : r.to?.join(', ')}</Table.Td>
                    <Table.Td>{r.channel}</Table.Td>
                    <Table.Td>{r.subject}</Table.Td>
                    <Table.Td>
                      {r.errors.map((e) => (
                        <Text key={e} size="xs" c="red">
                          {e}
                        </Text>
                      ))}
                      {r.warnings.map((w) => (
                        <Text key={w} size="xs" c="orange">
                          {w}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          {p.generalErrors.map((e) => (
            <Text key={e} size="xs" c="red">
              {e}
            </Text>
          ))}
          <Group>
            <Button size="xs" onClick={() => onOpen(p.yaml)}>
              Open in the editor
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Another tool's scenario: an OpenAEV/OpenBAS export, an IcebergTTX scenario or a ttx-community timeline. */
export function OpenAevImport({ onOpen }: { onOpen: (yaml: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({ mutationFn: previewOtherTool });
  const p = preview.data;
  return (
    <Stack gap="sm" data-testid="openaev-import">
      <Text fw={700}>Import a scenario from another tool</Text>
      <Text size="xs" c="dimmed">
        OpenAEV / OpenBAS export (zip or JSON), IcebergTTX scenario (JSON) or ttx-community timeline export (JSON).
      </Text>
      <Group align="flex-end">
        <FileInput label="Export file" accept=".zip,.json" value={file} onChange={setFile} w={280} size="xs" />
        <Button size="xs" disabled={!file} loading={preview.isPending} onClick={() => file && preview.mutate(file)}>
          Preview
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          <Group gap="xs">
            <Badge color="gray">{p.format}</Badge>
            <Badge>{p.counts.injects} injects</Badge>
            <Badge color="gray">{p.counts.teams} teams</Badge>
            {p.counts.decisions ? <Badge color="gray">{p.counts.decisions} decisions</Badge> : null}
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>{p.counts.skipped} skipped</Badge>
            <Badge color={p.valid ? 'green' : 'red'}>{p.valid ? 'valid pack' : `${p.errorCount} errors`}</Badge>
          </Group>
          {p.counts.injects === 0 && (
            <Alert color="orange">
              Nothing in this file becomes an inject: there is nothing for players to receive.
            </Alert>
          )}
          {p.skipped.map((s) => (
            <Text key={s.title} size="xs" c="orange">
              Skipped “{s.title}”: {s.reason}
            </Text>
          ))}
          {[...p.notes, ...p.warnings].map((w) => (
            <Text key={w} size="xs" c="dimmed">
              {w}
            </Text>
          ))}
          <Button size="xs" w={200} disabled={p.counts.injects === 0} onClick={() => onOpen(p.yaml)}>
            Open in the editor
          </Button>
        </>
      )}
    </Stack>
  );
}

export function ZipImport({ onImported }: { onImported: (packId: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const imp = useImportPackZip();
  return (
    <Stack gap="sm">
      <Text fw={700}>Import a pack zip</Text>
      <Group align="flex-end">
        <FileInput label="Pack zip" accept=".zip" value={file} onChange={setFile} w={280} size="xs" />
        <Button
          size="xs"
          disabled={!file}
          loading={imp.isPending}
          onClick={() => file && imp.mutate(file, { onSuccess: (r) => onImported(r.packId) })}
        >
          Import
        </Button>
      </Group>
      {imp.isError && <Alert color="red">{errorMessage(imp.error)}</Alert>}
    </Stack>
  );
}
