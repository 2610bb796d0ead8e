import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Group, MultiSelect, NavLink, Paper, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { CHANNELS } from '../../../lib/api-types';
import { errorsAt } from '../lib/pack-doc';
import { useTriggerText } from '../lib/trigger-text';
import { Field, type FormProps } from './form-field';
import {
  ArtifactsForm,
  DecisionForm,
  ExpectedActionsForm,
  ResponseOptionsForm,
  TranslationForm,
  TriggerForm,
} from './inject-details-form';

export function MetadataForm({ pack, errors, onSet }: FormProps) {
  const { t: tr } = useTranslation('author');
  return (
    <Stack gap="xs">
      <Group grow>
        <Field label={tr('form.packId')} path={['id']} value={pack.id} errors={errors} onSet={onSet} />
        <Field
          label={tr('form.version')}
          path={['version']}
          value={pack.version}
          errors={errors}
          onSet={onSet}
          description={tr('form.versionHint')}
        />
      </Group>
      <Field label={tr('form.title')} path={['title']} value={pack.title} errors={errors} onSet={onSet} />
      <Field
        label={tr('form.summary')}
        path={['summary']}
        value={pack.summary}
        errors={errors}
        onSet={onSet}
        multiline
      />
      <Group grow>
        <Field label={tr('form.duration')} path={['duration']} value={pack.duration} errors={errors} onSet={onSet} />
        <Select
          size="xs"
          label={tr('form.classification')}
          data={['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']}
          value={pack.classification ?? 'TLP:CLEAR'}
          onChange={(v) => onSet(['classification'], v ?? undefined)}
        />
      </Group>
    </Stack>
  );
}

export function TeamsForm({ pack, errors, onSet, onAdd, onDelete }: FormProps) {
  const { t: tr } = useTranslation('author');
  const teams = pack.teams ?? [];
  return (
    <Stack gap="xs">
      {teams.map((t, i) => (
        <Paper key={i} withBorder p="xs">
          <Group align="flex-end" wrap="nowrap">
            <Field label={tr('form.id')} path={['teams', i, 'id']} value={t.id} errors={errors} onSet={onSet} />
            <Field label={tr('form.name')} path={['teams', i, 'name']} value={t.name} errors={errors} onSet={onSet} />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={tr('form.removeTeam', { name: t.name ?? i + 1 })}
              onClick={() => onDelete(['teams', i])}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Field
            label={tr('form.description')}
            path={['teams', i, 'description']}
            value={t.description}
            errors={errors}
            onSet={onSet}
          />
        </Paper>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() => onAdd(['teams'], { id: `team-${teams.length + 1}`, name: `Team ${teams.length + 1}` })}
      >
        {tr('form.addTeam')}
      </Button>
    </Stack>
  );
}

export function ObjectivesForm({ pack, errors, onSet, onAdd, onDelete }: FormProps) {
  const { t: tr } = useTranslation('author');
  const objectives = pack.objectives ?? [];
  return (
    <Stack gap="xs">
      {objectives.map((o, i) => (
        <Paper key={i} withBorder p="xs">
          <Group align="flex-end" wrap="nowrap">
            <Field label={tr('form.id')} path={['objectives', i, 'id']} value={o.id} errors={errors} onSet={onSet} />
            <Field
              label={tr('form.coreCapability')}
              path={['objectives', i, 'coreCapability']}
              value={o.coreCapability}
              errors={errors}
              onSet={onSet}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={tr('form.removeObjective', { id: o.id ?? i + 1 })}
              onClick={() => onDelete(['objectives', i])}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Field
            label={tr('form.objective')}
            path={['objectives', i, 'text']}
            value={o.text}
            errors={errors}
            onSet={onSet}
            multiline
          />
        </Paper>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() =>
          onAdd(['objectives'], {
            id: `obj-${objectives.length + 1}`,
            text: 'New objective',
            coreCapability: 'Operational coordination',
          })
        }
      >
        {tr('form.addObjective')}
      </Button>
    </Stack>
  );
}

const OWN_FIELDS = [
  'offset',
  'to',
  'channel',
  'subject',
  'body',
  'id',
  'from',
  'tlp',
  'respondWithin',
  'responseOptions',
  'expectedActions',
  'decision',
  'trigger',
  'artifacts',
];

export function InjectsForm(
  props: FormProps & {
    selected: number;
    onSelect: (i: number) => void;
    onImageUploaded: (path: string, sha256: string) => void;
  },
) {
  const { t: tr } = useTranslation('author');
  const { pack, errors, onSet, onAdd, onDelete, selected, onSelect, onImageUploaded } = props;
  const formProps = { pack, errors, onSet, onAdd, onDelete, index: selected };
  const injects = pack.injects ?? [];
  const inj = injects[selected];
  const teamIds = (pack.teams ?? []).flatMap((t) => (t.id ? [t.id] : []));
  const toErr = errorsAt(errors, ['injects', selected, 'to']);
  const hasErrors = (i: number) => errors.some((e) => e.file === 'pack.yaml' && e.path.startsWith(`injects[${i}]`));
  const triggerText = useTriggerText(injects);
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" className="ttx-inject-split">
      <Stack gap={4} w={200} style={{ flexShrink: 0 }} className="ttx-inject-list">
        <ScrollArea.Autosize mah={480} scrollbars="y">
          {injects.map((i, k) => {
            // a triggered inject names what releases it by its subject; the ids are in the tooltip
            const released = i.offset ? null : triggerText(i);
            return (
              <NavLink
                key={k}
                active={k === selected}
                onClick={() => onSelect(k)}
                label={<span translate="no">{i.subject ?? i.id ?? k + 1}</span>}
                title={released ? `${i.subject ?? ''}\n↳ ${released.text}\n${i.id ?? ''} · ${released.ids}` : undefined}
                description={
                  released ? (
                    <span data-testid="inject-nav-trigger">
                      ↳ {released.text} · <span translate="no">{i.id ?? ''}</span>
                    </span>
                  ) : (
                    <span translate="no">{`${i.offset ?? '—'} · ${i.id ?? ''}`}</span>
                  )
                }
                color={hasErrors(k) ? 'red' : undefined}
                data-testid={`inject-nav-${i.id ?? k}`}
                styles={{
                  body: { minWidth: 0 },
                  label: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
                  // what releases it may take two lines (the whole of it is in the tooltip)
                  description: released
                    ? { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }
                    : { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
                }}
              />
            );
          })}
        </ScrollArea.Autosize>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            onAdd(['injects'], {
              id: `inject-${injects.length + 1}`,
              offset: 'T+00:00',
              to: 'all',
              channel: 'email',
              from: { name: 'Exercise control' },
              subject: 'New inject',
              body: 'Write the message here.',
            });
            onSelect(injects.length);
          }}
        >
          {tr('form.addInject')}
        </Button>
      </Stack>
      {inj ? (
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }} data-testid="inject-form">
          <Group grow align="flex-start">
            <Field
              label={tr('form.id')}
              path={['injects', selected, 'id']}
              value={inj.id}
              errors={errors}
              onSet={onSet}
            />
            <Field
              label={tr('form.offset')}
              path={['injects', selected, 'offset']}
              value={inj.offset}
              errors={errors}
              onSet={onSet}
              placeholder="T+00:30"
              description={(inj.trigger && triggerText(inj)?.text) || tr('form.offsetHint')}
            />
            <Select
              size="xs"
              label={tr('form.channel')}
              data={[...CHANNELS]}
              value={inj.channel ?? null}
              error={errorsAt(errors, ['injects', selected, 'channel']).join('; ') || undefined}
              onChange={(v) => onSet(['injects', selected, 'channel'], v ?? undefined)}
            />
          </Group>
          <MultiSelect
            // team and option ids: the pack's, not the interface's
            wrapperProps={{ translate: 'no' }}
            size="xs"
            label={tr('form.to')}
            id={`field-injects[${selected}].to`}
            data-path={`injects[${selected}].to`}
            data={['all', ...teamIds]}
            value={inj.to === 'all' ? ['all'] : Array.isArray(inj.to) ? inj.to : []}
            error={toErr.length ? toErr.join('; ') : undefined}
            onChange={(v) =>
              onSet(
                ['injects', selected, 'to'],
                v.includes('all') && !(inj.to === 'all')
                  ? 'all'
                  : v.filter((x) => x !== 'all').length
                    ? v.filter((x) => x !== 'all')
                    : undefined,
              )
            }
          />
          <Group grow>
            <Field
              label={tr('form.from')}
              path={['injects', selected, 'from', 'name']}
              value={inj.from?.name}
              errors={errors}
              onSet={onSet}
            />
            <Field
              label={tr('form.address')}
              path={['injects', selected, 'from', 'address']}
              value={inj.from?.address}
              errors={errors}
              onSet={onSet}
            />
          </Group>
          <Field
            label={tr('form.subject')}
            path={['injects', selected, 'subject']}
            value={inj.subject}
            errors={errors}
            onSet={onSet}
          />
          <Field
            label={tr('form.body')}
            path={['injects', selected, 'body']}
            value={inj.body}
            errors={errors}
            onSet={onSet}
            multiline
          />
          <Group grow align="flex-start">
            <Select
              size="xs"
              label={tr('form.tlp')}
              data={['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']}
              value={inj.tlp ?? null}
              clearable
              placeholder={tr('form.none')}
              data-path={`injects[${selected}].tlp`}
              error={errorsAt(errors, ['injects', selected, 'tlp']).join('; ') || undefined}
              onChange={(v) => onSet(['injects', selected, 'tlp'], v ?? undefined)}
            />
            <Field
              label={tr('form.respondWithin')}
              path={['injects', selected, 'respondWithin']}
              value={inj.respondWithin}
              errors={errors}
              onSet={onSet}
              placeholder="00:15"
            />
          </Group>
          <TriggerForm {...formProps} />
          <ResponseOptionsForm {...formProps} />
          <ExpectedActionsForm {...formProps} />
          <DecisionForm {...formProps} />
          <ArtifactsForm {...formProps} onImageUploaded={onImageUploaded} />
          <TranslationForm {...formProps} />
          {errorsAt(errors, ['injects', selected])
            .filter((m) => !OWN_FIELDS.some((f) => errorsAt(errors, ['injects', selected, f]).includes(m)))
            .map((m) => (
              <Text key={m} size="xs" c="red">
                {m}
              </Text>
            ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => {
                onDelete(['injects', selected]);
                onSelect(Math.max(0, selected - 1));
              }}
            >
              {tr('form.removeInject')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {tr('form.noInject')}
        </Text>
      )}
    </Group>
  );
}
