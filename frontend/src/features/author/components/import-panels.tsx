import { Alert, Badge, Button, FileInput, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { type ColumnMapping, MSEL_FIELDS, type MselField } from '../api/author-types';
import { useMselPreview, useOpenAevPreview } from '../api/imports';
import { useImportPackZip } from '../api/packs';

/**
 * MSEL import: pick a file, check the detected header row and column mapping, read what each row
 * becomes, then open the resulting pack in the editor (saving happens there).
 */
export function MselWizard({ onOpen }: { onOpen: (yaml: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [start, setStart] = useState('');
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const preview = useMselPreview();
  const run = (next: { mapping?: ColumnMapping | undefined; sheet?: string | undefined } = {}) => {
    if (!file) return;
    preview.mutate({ file, options: { start: start || undefined, sheet: next.sheet ?? sheet, mapping: next.mapping ?? mapping } });
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
        <FileInput label="MSEL file" accept=".xlsx,.csv,text/csv" value={file} onChange={(f) => { setFile(f); setMapping(undefined); setSheet(undefined); }} w={280} size="xs" />
        <TextInput label="Exercise start (optional)" placeholder="2026-03-09T09:00" value={start} onChange={(e) => setStart(e.currentTarget.value)} size="xs" description="clock and date times count from it" />
        <Button size="xs" disabled={!file} loading={preview.isPending} onClick={() => run()}>
          Preview
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          <Group gap="xs">
            {p.sheets.length > 1 && <Select size="xs" label="Sheet" data={p.sheets} value={p.sheet} onChange={(v) => { setSheet(v ?? undefined); run({ sheet: v ?? undefined }); }} />}
            <Badge>{p.counts.injects} injects</Badge>
            <Badge color="gray">{p.counts.teams} teams</Badge>
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>{p.counts.skipped} rows skipped</Badge>
            <Badge color="gray">{p.counts.merged} rows merged</Badge>
            <Badge color={p.valid ? 'green' : 'red'}>{p.valid ? 'valid pack' : `${p.packErrors.length} pack errors`}</Badge>
          </Group>
          {p.notes.map((n) => (
            <Text key={n} size="xs" c="dimmed">
              {n}
            </Text>
          ))}
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
                    <Select size="xs" aria-label={`Field for column ${c.letter}`} clearable placeholder="not imported" data={[...MSEL_FIELDS]} value={c.field} onChange={(v) => setColumn(c.index, (v) ?? null)} />
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
                    <Table.Td>{r.kind === 'section' ? `phase “${r.phase ?? ''}”` : r.kind === 'inject' || r.kind === 'merged' ? `${r.injectId ?? ''}${r.kind === 'merged' ? ' (merged)' : ''}` : r.kind}</Table.Td>
                    <Table.Td>{r.offset}</Table.Td>
                    <Table.Td>{r.to === 'all' ? 'all' : r.to?.join(', ')}</Table.Td>
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

export function OpenAevImport({ onOpen }: { onOpen: (yaml: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const preview = useOpenAevPreview();
  const p = preview.data;
  return (
    <Stack gap="sm" data-testid="openaev-import">
      <Text fw={700}>Import an OpenAEV / OpenBAS scenario (export zip or JSON)</Text>
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
            <Badge>{p.counts.injects} injects</Badge>
            <Badge color="gray">{p.counts.teams} teams</Badge>
            <Badge color={p.counts.skipped ? 'orange' : 'gray'}>{p.counts.skipped} skipped</Badge>
            <Badge color={p.valid ? 'green' : 'red'}>{p.valid ? 'valid pack' : `${p.errors.length} errors`}</Badge>
          </Group>
          {p.report.skipped.map((s) => (
            <Text key={s.title} size="xs" c="orange">
              Skipped “{s.title}”: {s.reason}
            </Text>
          ))}
          {p.report.warnings.map((w) => (
            <Text key={w} size="xs" c="dimmed">
              {w}
            </Text>
          ))}
          <Button size="xs" w={200} onClick={() => onOpen(p.yaml)}>
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
        <Button size="xs" disabled={!file} loading={imp.isPending} onClick={() => file && imp.mutate(file, { onSuccess: (r) => onImported(r.packId) })}>
          Import
        </Button>
      </Group>
      {imp.isError && <Alert color="red">{errorMessage(imp.error)}</Alert>}
    </Stack>
  );
}
