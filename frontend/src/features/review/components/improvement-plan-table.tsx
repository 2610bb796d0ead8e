import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/api-client';
import { type ImprovementDraft, toDraft, useImprovementPlanMutations } from '../api/improvement-plan';
import { CAPABILITY_ELEMENTS, type ImprovementItem, IMPROVEMENT_STATUSES } from '../api/report-types';
import { PlanDateField } from './plan-date-field';

const COLUMNS = [
  'issue',
  'correctiveAction',
  'element',
  'organisation',
  'poc',
  'start',
  'completion',
  'status',
  'objective',
] as const;
type Column = (typeof COLUMNS)[number];
const FIELDS = {
  issue: 'plan.field.issue',
  correctiveAction: 'plan.field.correctiveAction',
  element: 'plan.field.element',
  organisation: 'plan.field.organisation',
  poc: 'plan.field.poc',
  start: 'plan.field.start',
  completion: 'plan.field.completion',
  status: 'plan.field.status',
  objective: 'plan.field.objective',
  delete: 'plan.field.delete',
} as const;

const EMPTY: ImprovementDraft = {
  issue: '',
  correctiveAction: '',
  capabilityElement: 'planning',
  organisation: '',
  poc: '',
  startDate: null,
  completionDate: null,
  status: 'open',
  objectiveId: null,
};

function RowEditor({
  exerciseId,
  item,
  index,
  readOnly,
  objectives,
  narrow,
}: {
  exerciseId: string;
  item: ImprovementItem;
  index: number;
  readOnly: boolean;
  objectives: { value: string; label: string }[];
  /** a phone: the row as a card of labelled fields instead of a table row */
  narrow: boolean;
}) {
  const { t } = useTranslation('aar');
  const m = useImprovementPlanMutations(exerciseId);
  const [draft, setDraft] = useState<ImprovementDraft>(toDraft(item));
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(item));
  const set = <K extends keyof ImprovementDraft>(k: K, v: ImprovementDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const label = (field: keyof typeof FIELDS) => t('plan.row', { field: t(FIELDS[field]), n: index + 1 });
  // on a card each field shows its column's name above it; in the table the header does
  const shown = (column: Column) => (narrow ? t(`plan.col.${column}`) : undefined);
  const error = m.update.error ?? m.remove.error;
  const cells: Record<Column, ReactNode> = {
    issue: (
      <Textarea
        translate="no"
        label={shown('issue')}
        aria-label={label('issue')}
        autosize
        minRows={1}
        value={draft.issue}
        onChange={(e) => set('issue', e.currentTarget.value)}
        readOnly={readOnly}
      />
    ),
    correctiveAction: (
      <Textarea
        translate="no"
        label={shown('correctiveAction')}
        aria-label={label('correctiveAction')}
        autosize
        minRows={1}
        value={draft.correctiveAction}
        onChange={(e) => set('correctiveAction', e.currentTarget.value)}
        readOnly={readOnly}
      />
    ),
    element: (
      <Select
        label={shown('element')}
        aria-label={label('element')}
        data={CAPABILITY_ELEMENTS.map((v) => ({ value: v, label: t(`plan.element.${v}`) }))}
        value={draft.capabilityElement}
        onChange={(v) => v && set('capabilityElement', v)}
        readOnly={readOnly}
        allowDeselect={false}
      />
    ),
    organisation: (
      <TextInput
        translate="no"
        label={shown('organisation')}
        aria-label={label('organisation')}
        value={draft.organisation}
        onChange={(e) => set('organisation', e.currentTarget.value)}
        readOnly={readOnly}
      />
    ),
    poc: (
      <TextInput
        translate="no"
        label={shown('poc')}
        aria-label={label('poc')}
        value={draft.poc}
        onChange={(e) => set('poc', e.currentTarget.value)}
        readOnly={readOnly}
      />
    ),
    start: (
      <PlanDateField
        label={shown('start')}
        ariaLabel={label('start')}
        value={draft.startDate}
        onChange={(v) => set('startDate', v)}
        readOnly={readOnly}
        narrow={narrow}
      />
    ),
    completion: (
      <PlanDateField
        label={shown('completion')}
        ariaLabel={label('completion')}
        value={draft.completionDate}
        onChange={(v) => set('completionDate', v)}
        readOnly={readOnly}
        narrow={narrow}
      />
    ),
    status: (
      <Select
        label={shown('status')}
        aria-label={label('status')}
        data={IMPROVEMENT_STATUSES.map((v) => ({ value: v, label: t(`plan.status.${v}`) }))}
        value={draft.status}
        onChange={(v) => v && set('status', v)}
        readOnly={readOnly}
        allowDeselect={false}
      />
    ),
    objective: (
      <Select
        label={shown('objective')}
        aria-label={label('objective')}
        data={objectives}
        value={draft.objectiveId}
        onChange={(v) => set('objectiveId', v)}
        readOnly={readOnly}
        clearable
      />
    ),
  };
  const actions = readOnly ? null : (
    <>
      <Group gap={4} wrap="nowrap" justify={narrow ? 'flex-end' : undefined}>
        <Button
          size="xs"
          disabled={!dirty || !draft.issue.trim()}
          loading={m.update.isPending}
          onClick={() => m.update.mutate({ ...item, ...draft })}
        >
          {t('plan.save')}
        </Button>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={label('delete')}
          loading={m.remove.isPending}
          onClick={() => m.remove.mutate(item.id)}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert">
          {errorMessage(error)}
        </Text>
      )}
    </>
  );
  if (narrow)
    return (
      <Card withBorder padding="sm" component="li" data-testid={`plan-row-${index}`}>
        <Stack gap="xs">
          {cells.issue}
          {cells.correctiveAction}
          <SimpleGrid cols={2} spacing="xs">
            {cells.element}
            {cells.status}
          </SimpleGrid>
          {cells.organisation}
          {cells.poc}
          <SimpleGrid cols={2} spacing="xs">
            {cells.start}
            {cells.completion}
          </SimpleGrid>
          {cells.objective}
          {actions}
        </Stack>
      </Card>
    );
  return (
    <Table.Tr data-testid={`plan-row-${index}`}>
      {COLUMNS.map((c) => (
        <Table.Td key={c}>{cells[c]}</Table.Td>
      ))}
      {actions && <Table.Td>{actions}</Table.Td>}
    </Table.Tr>
  );
}

/** The improvement plan (HSEEP IP): one editable row per corrective action. */
export function ImprovementPlanTable({
  exerciseId,
  items,
  readOnly,
  objectives,
  suggestions,
}: {
  exerciseId: string;
  items: ImprovementItem[];
  readOnly: boolean;
  objectives: { value: string; label: string }[];
  suggestions: string[];
}) {
  const { t } = useTranslation('aar');
  const m = useImprovementPlanMutations(exerciseId);
  const open = suggestions.filter((s) => !items.some((i) => i.issue === s));
  // below the sm breakpoint (a phone) each corrective action is a card: nine columns do not fit 390 px
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const rows = items.map((item, i) => (
    <RowEditor
      key={`${item.id}-${item.updatedAt}`}
      exerciseId={exerciseId}
      item={item}
      index={i}
      readOnly={readOnly}
      objectives={objectives}
      narrow={narrow}
    />
  ));
  return (
    <Stack gap="sm">
      {narrow ? (
        items.length > 0 && (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('plan.label')}>
            {rows}
          </Stack>
        )
      ) : (
        <TableScroll minWidth={1200} label={t('plan.scroll')}>
          <Table verticalSpacing={4} aria-label={t('plan.label')}>
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((h) => (
                  <Table.Th key={h}>{t(`plan.col.${h}`)}</Table.Th>
                ))}
                {!readOnly && (
                  <Table.Th>
                    <VisuallyHidden>{t('plan.col.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {items.length === 0 && <Text c="dimmed">{t('plan.empty')}</Text>}
      {!readOnly && (
        <Stack gap={4} align="flex-start">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            loading={m.add.isPending}
            onClick={() => m.add.mutate({ ...EMPTY, issue: t('plan.newIssue', { postProcess: [] }) })}
          >
            {t('plan.addRow')}
          </Button>
          {open.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('plan.fromFindings')}
            </Text>
          )}
          {/* each suggestion in full (wrapped): two findings of one team differ only at their end */}
          {open.slice(0, 5).map((s) => (
            <Button
              key={s}
              translate="no"
              size="xs"
              variant="subtle"
              onClick={() => m.add.mutate({ ...EMPTY, issue: s })}
              h="auto"
              py={4}
              maw="100%"
              styles={{
                label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 },
                inner: { justifyContent: 'flex-start' },
              }}
              leftSection={<IconPlus size={12} />}
            >
              {s}
            </Button>
          ))}
        </Stack>
      )}
      {m.add.error && (
        <Text size="sm" c="red" role="alert">
          {errorMessage(m.add.error)}
        </Text>
      )}
    </Stack>
  );
}
