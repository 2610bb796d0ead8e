import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPhotoUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, type ReactNode, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useUploadImage } from '../api/images';
import { type DraftInject, type DraftTrigger, errorsAt, errorsExactlyAt, type Path, pathKey } from '../lib/pack-doc';
import { Field, type FormProps } from './form-field';

const SPECIAL_OUTCOMES = [
  { value: 'blocked', label: 'outcome.blocked' },
  { value: 'timed-out', label: 'outcome.timedOut' },
] as const;
const TRIGGER_TYPES = [
  { value: 'none', label: 'trigger.none' },
  { value: 'after-inject', label: 'trigger.afterInject' },
  { value: 'decision-outcome', label: 'trigger.decisionOutcome' },
  { value: 'response-option', label: 'trigger.responseOption' },
  { value: 'contingency', label: 'trigger.contingency' },
] as const;

const ids = <T extends { id?: string }>(list: readonly T[] | undefined) =>
  (list ?? []).flatMap((x) => (x?.id ? [x.id] : []));
const errorText = (errors: FormProps['errors'], path: Path) => errorsAt(errors, path).join('; ') || undefined;
const exactText = (errors: FormProps['errors'], path: Path) => errorsExactlyAt(errors, path).join('; ') || undefined;

function Section({
  title,
  description,
  children,
  testId,
  messages = [],
}: {
  title: string;
  description?: string;
  children: ReactNode;
  testId: string;
  messages?: string[];
}) {
  return (
    <Paper withBorder p="xs" data-testid={testId} component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Text component="legend" size="xs" fw={700} px={4}>
        {title}
      </Text>
      {description && (
        <Text size="xs" c="dimmed" mb={4}>
          {description}
        </Text>
      )}
      <Stack gap="xs">
        {messages.map((m) => (
          <Text key={m} size="xs" c="red">
            {m}
          </Text>
        ))}
        {children}
      </Stack>
    </Paper>
  );
}

/** A select bound to a pack path; its errors show at the field like any text field's. */
function PathSelect(props: {
  label: string;
  path: Path;
  value: string | undefined;
  data: (string | { value: string; label: string })[];
  errors: FormProps['errors'];
  onSet: FormProps['onSet'];
  clearable?: boolean;
}) {
  const key = pathKey(props.path);
  return (
    <Select
      size="xs"
      id={`field-${key}`}
      data-path={key}
      label={props.label}
      data={props.data}
      value={props.value ?? null}
      clearable={props.clearable}
      allowDeselect={false}
      error={errorText(props.errors, props.path)}
      onChange={(v) => props.onSet(props.path, v ?? undefined)}
    />
  );
}

export function ResponseOptionsForm({ pack, errors, onSet, onAdd, onDelete, index }: FormProps & { index: number }) {
  const { t: tr } = useTranslation('author');
  const inj = pack.injects?.[index];
  const options = inj?.responseOptions ?? [];
  const base: Path = ['injects', index, 'responseOptions'];
  return (
    <Section
      title={tr('form.responseOptions')}
      description={tr('form.responseOptionsHint')}
      testId="response-options-form"
      messages={errorsExactlyAt(errors, base)}
    >
      {options.map((o, k) => (
        <Group key={k} align="flex-end" wrap="nowrap">
          <Field label={tr('form.id')} path={[...base, k, 'id']} value={o.id} errors={errors} onSet={onSet} />
          <Field label={tr('form.label')} path={[...base, k, 'label']} value={o.label} errors={errors} onSet={onSet} />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={tr('form.removeResponseOption', { id: o.id ?? k + 1 })}
            onClick={() => onDelete([...base, k])}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() => onAdd(base, { id: `option-${options.length + 1}`, label: 'New option' })}
      >
        {tr('form.addResponseOption')}
      </Button>
    </Section>
  );
}

export function ExpectedActionsForm({ pack, errors, onSet, onAdd, onDelete, index }: FormProps & { index: number }) {
  const { t: tr } = useTranslation('author');
  const inj = pack.injects?.[index];
  const actions = inj?.expectedActions ?? [];
  const optionIds = ids(inj?.responseOptions);
  const base: Path = ['injects', index, 'expectedActions'];
  return (
    <Section
      title={tr('form.expectedActions')}
      description={tr('form.expectedActionsHint')}
      testId="expected-actions-form"
      messages={errorsExactlyAt(errors, base)}
    >
      {actions.map((a, k) => {
        const pointsPath: Path = [...base, k, 'points'];
        const optionsPath: Path = [...base, k, 'options'];
        return (
          <Paper key={k} withBorder p="xs">
            <Group align="flex-end" wrap="nowrap">
              <Field label={tr('form.id')} path={[...base, k, 'id']} value={a.id} errors={errors} onSet={onSet} />
              <NumberInput
                size="xs"
                label={tr('form.points')}
                id={`field-${pathKey(pointsPath)}`}
                data-path={pathKey(pointsPath)}
                min={0}
                max={1000}
                allowDecimal={false}
                value={typeof a.points === 'number' ? a.points : ''}
                placeholder="10"
                error={errorText(errors, pointsPath)}
                onChange={(v) => onSet(pointsPath, typeof v === 'number' ? v : undefined)}
                w={110}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={tr('form.removeExpectedAction', { id: a.id ?? k + 1 })}
                onClick={() => onDelete([...base, k])}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Field
              label={tr('form.expectedAction')}
              path={[...base, k, 'text']}
              value={a.text}
              errors={errors}
              onSet={onSet}
              multiline
            />
            {optionIds.length > 0 && (
              <MultiSelect
                // team and option ids: the pack's, not the interface's
                wrapperProps={{ translate: 'no' }}
                // an id is read whole: a narrow column wraps the pills instead of cutting them
                styles={{ pill: { maxWidth: 'none' } }}
                size="xs"
                label={tr('form.coveredBy')}
                id={`field-${pathKey(optionsPath)}`}
                data-path={pathKey(optionsPath)}
                data={optionIds}
                value={Array.isArray(a.options) ? a.options : []}
                error={errorText(errors, optionsPath)}
                onChange={(v) => onSet(optionsPath, v.length ? v : undefined)}
              />
            )}
          </Paper>
        );
      })}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() =>
          onAdd(base, { id: `action-${actions.length + 1}`, text: 'What the team is expected to do', points: 10 })
        }
      >
        {tr('form.addExpectedAction')}
      </Button>
    </Section>
  );
}

export function DecisionForm({ pack, errors, onSet, onAdd, onDelete, index }: FormProps & { index: number }) {
  const { t: tr } = useTranslation('author');
  const inj = pack.injects?.[index];
  const d = inj?.decision;
  const base: Path = ['injects', index, 'decision'];
  const teamIds = ids(pack.teams);
  if (!d)
    return (
      <Section title={tr('form.decision')} description={tr('form.decisionHint')} testId="decision-form">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            onSet(base, {
              id: `${inj?.id ?? 'inject'}-decision`,
              question: 'What do you decide?',
              mode: 'team',
              deadline: '00:15',
              options: [
                { id: 'yes', label: 'Yes' },
                { id: 'no', label: 'No' },
              ],
            })
          }
        >
          {tr('form.addDecision')}
        </Button>
      </Section>
    );
  const options = d.options ?? [];
  const membersPath: Path = [...base, 'members'];
  return (
    <Section
      title={tr('form.decision')}
      description={tr('form.decisionHint')}
      testId="decision-form"
      messages={[...errorsExactlyAt(errors, base), ...errorsExactlyAt(errors, [...base, 'options'])]}
    >
      <Group grow align="flex-start">
        <Field label={tr('form.decisionId')} path={[...base, 'id']} value={d.id} errors={errors} onSet={onSet} />
        <PathSelect
          label={tr('form.whoDecides')}
          path={[...base, 'mode']}
          value={d.mode}
          data={[
            { value: 'team', label: tr('form.modeTeam') },
            { value: 'consensus', label: tr('form.modeConsensus') },
          ]}
          errors={errors}
          onSet={onSet}
        />
        <Field
          label={tr('form.deadline')}
          path={[...base, 'deadline']}
          value={d.deadline}
          errors={errors}
          onSet={onSet}
          description={tr('form.deadlineHint')}
        />
      </Group>
      <Field
        label={tr('form.question')}
        path={[...base, 'question']}
        value={d.question}
        errors={errors}
        onSet={onSet}
        multiline
      />
      {d.mode === 'consensus' && (
        <MultiSelect
          // team and option ids: the pack's, not the interface's
          wrapperProps={{ translate: 'no' }}
          size="xs"
          label={tr('form.memberTeams')}
          id={`field-${pathKey(membersPath)}`}
          data-path={pathKey(membersPath)}
          data={teamIds}
          value={Array.isArray(d.members) ? d.members : []}
          error={errorText(errors, membersPath)}
          onChange={(v) => onSet(membersPath, v.length ? v : undefined)}
        />
      )}
      {options.map((o, k) => (
        <Group key={k} align="flex-end" wrap="nowrap">
          <Field
            label={tr('form.optionId')}
            path={[...base, 'options', k, 'id']}
            value={o.id}
            errors={errors}
            onSet={onSet}
          />
          <Field
            label={tr('form.optionLabel')}
            path={[...base, 'options', k, 'label']}
            value={o.label}
            errors={errors}
            onSet={onSet}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={tr('form.removeDecisionOption', { id: o.id ?? k + 1 })}
            onClick={() => onDelete([...base, 'options', k])}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onAdd([...base, 'options'], { id: `option-${options.length + 1}`, label: 'New option' })}
        >
          {tr('form.addDecisionOption')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => onDelete(base)}
        >
          {tr('form.removeDecision')}
        </Button>
      </Group>
    </Section>
  );
}

/** A fresh trigger of a type, pointing at the first thing in the pack it can refer to. */
function newTrigger(type: string, pack: FormProps['pack'], self: DraftInject | undefined): DraftTrigger | undefined {
  const others = (pack.injects ?? []).filter((i) => i !== self && i.id);
  const first = others[0];
  switch (type) {
    case 'after-inject':
      return { type, inject: first?.id ?? '', delay: '00:05' };
    case 'decision-outcome': {
      const withDecision = others.find((i) => i.decision?.id);
      return {
        type,
        decision: withDecision?.decision?.id ?? '',
        outcome: withDecision?.decision?.options?.[0]?.id ?? '',
        delay: '00:00',
      };
    }
    case 'response-option': {
      const withOptions = others.find((i) => i.responseOptions?.length) ?? first;
      return {
        type,
        inject: withOptions?.id ?? '',
        option: withOptions?.responseOptions?.[0]?.id ?? '',
        delay: '00:00',
      };
    }
    case 'contingency': {
      const withActions = others.find((i) => i.expectedActions?.length) ?? first;
      return {
        type,
        inject: withActions?.id ?? '',
        expectedAction: withActions?.expectedActions?.[0]?.id ?? '',
        at: 'T+00:30',
      };
    }
    default:
      return undefined;
  }
}

export function TriggerForm({ pack, errors, onSet, index }: FormProps & { index: number }) {
  const { t: tr } = useTranslation('author');
  const injects = pack.injects ?? [];
  const inj = injects[index];
  const t = inj?.trigger;
  const base: Path = ['injects', index, 'trigger'];
  // the other injects by their subject, the id beside it (what the YAML says)
  const otherInjects = injects.flatMap((i, k) =>
    k !== index && i.id ? [{ value: i.id, label: i.subject ? `${i.subject} (${i.id})` : i.id }] : [],
  );
  const byId = (id: string | undefined) => injects.find((i) => i.id === id);
  const decisions = injects.flatMap((i, k) =>
    k !== index && i.decision?.id ? [{ value: i.decision.id, label: `${i.decision.id} (${i.id ?? ''})` }] : [],
  );
  const decisionOptions = injects.find((i) => i.decision?.id && i.decision.id === t?.decision)?.decision?.options ?? [];
  const setType = (type: string | null) => {
    const next = newTrigger(type ?? 'none', pack, inj);
    // an inject is released either at its offset or by its trigger, never both
    onSet(base, next);
    if (next) onSet(['injects', index, 'offset'], undefined);
    else if (!inj?.offset) onSet(['injects', index, 'offset'], 'T+00:00');
  };
  return (
    <Section title={tr('form.trigger')} description={tr('form.triggerHint')} testId="trigger-form">
      <Select
        size="xs"
        label={tr('form.released')}
        data-testid="trigger-type"
        data={TRIGGER_TYPES.map((o) => ({ value: o.value, label: tr(o.label) }))}
        value={t?.type ?? 'none'}
        allowDeselect={false}
        onChange={setType}
        error={exactText(errors, base)}
      />
      {t?.type === 'after-inject' && (
        <Group grow align="flex-start">
          <PathSelect
            label={tr('form.afterInject')}
            path={[...base, 'inject']}
            value={t.inject}
            data={otherInjects}
            errors={errors}
            onSet={onSet}
          />
          <Field label={tr('form.delay')} path={[...base, 'delay']} value={t.delay} errors={errors} onSet={onSet} />
        </Group>
      )}
      {t?.type === 'decision-outcome' && (
        <Group grow align="flex-start">
          <PathSelect
            label={tr('form.decision')}
            path={[...base, 'decision']}
            value={t.decision}
            data={decisions}
            errors={errors}
            onSet={onSet}
          />
          <PathSelect
            label={tr('form.outcome')}
            path={[...base, 'outcome']}
            value={t.outcome}
            data={[
              ...decisionOptions.flatMap((o) => (o.id ? [{ value: o.id, label: o.label ?? o.id }] : [])),
              ...SPECIAL_OUTCOMES.map((o) => ({ value: o.value, label: tr(o.label) })),
            ]}
            errors={errors}
            onSet={onSet}
          />
          <Field label={tr('form.delay')} path={[...base, 'delay']} value={t.delay} errors={errors} onSet={onSet} />
        </Group>
      )}
      {t?.type === 'response-option' && (
        <Group grow align="flex-start">
          <PathSelect
            label={tr('form.inject')}
            path={[...base, 'inject']}
            value={t.inject}
            data={otherInjects}
            errors={errors}
            onSet={onSet}
          />
          <PathSelect
            label={tr('form.optionChosen')}
            path={[...base, 'option']}
            value={t.option}
            data={ids(byId(t.inject)?.responseOptions)}
            errors={errors}
            onSet={onSet}
          />
          <Field label={tr('form.delay')} path={[...base, 'delay']} value={t.delay} errors={errors} onSet={onSet} />
        </Group>
      )}
      {t?.type === 'contingency' && (
        <Group grow align="flex-start">
          <PathSelect
            label={tr('form.inject')}
            path={[...base, 'inject']}
            value={t.inject}
            data={otherInjects}
            errors={errors}
            onSet={onSet}
          />
          <PathSelect
            label={tr('form.actionNotLogged')}
            path={[...base, 'expectedAction']}
            value={t.expectedAction}
            data={ids(byId(t.inject)?.expectedActions)}
            errors={errors}
            onSet={onSet}
          />
          <Field label={tr('form.by')} path={[...base, 'at']} value={t.at} errors={errors} onSet={onSet} />
        </Group>
      )}
    </Section>
  );
}

/** Attachments: images (uploaded here and kept with the pack), log excerpts; IOC tables are edited in the YAML. */
export function ArtifactsForm({
  pack,
  errors,
  onSet,
  onAdd,
  onDelete,
  index,
  onImageUploaded,
}: FormProps & { index: number; onImageUploaded: (path: string, sha256: string) => void }) {
  const { t: tr } = useTranslation('author');
  const inj = pack.injects?.[index];
  const artifacts = Array.isArray(inj?.artifacts) ? inj.artifacts : [];
  const base: Path = ['injects', index, 'artifacts'];
  const upload = useUploadImage();
  const onFile = (k: number, file: File | null) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (img) => {
        const current = artifacts[k]?.path;
        const path =
          current && current.split('/').pop() === safeName(file.name) ? current : `images/${safeName(file.name)}`;
        onImageUploaded(path, img.sha256);
        onSet([...base, k, 'path'], path);
      },
    });
  };
  return (
    <Section
      title={tr('form.attachments')}
      description={tr('form.attachmentsHint')}
      testId="artifacts-form"
      messages={errorsExactlyAt(errors, base)}
    >
      {artifacts.map((a, k) => (
        <Paper key={k} withBorder p="xs">
          <Group justify="space-between" mb={4}>
            <Badge size="sm" variant="light">
              {a.kind ?? '?'}
            </Badge>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={tr('form.removeAttachment', { n: k + 1 })}
              onClick={() => onDelete([...base, k])}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Field label={tr('form.title')} path={[...base, k, 'title']} value={a.title} errors={errors} onSet={onSet} />
          {a.kind === 'image' && (
            <>
              <Group align="flex-end" wrap="nowrap">
                <Field
                  label={tr('form.path')}
                  path={[...base, k, 'path']}
                  value={a.path}
                  errors={errors}
                  onSet={onSet}
                />
                <FileButton accept="image/png,image/jpeg,image/gif,image/webp" onChange={(f) => onFile(k, f)}>
                  {(props) => (
                    <Button
                      {...props}
                      size="xs"
                      variant="default"
                      leftSection={<IconPhotoUp size={14} />}
                      loading={upload.isPending}
                      data-testid={`upload-image-${k}`}
                    >
                      {tr('form.uploadImage')}
                    </Button>
                  )}
                </FileButton>
              </Group>
              <Field label={tr('form.alt')} path={[...base, k, 'alt']} value={a.alt} errors={errors} onSet={onSet} />
            </>
          )}
          {a.kind === 'log' && (
            <>
              <Field
                label={tr('form.format')}
                path={[...base, k, 'format']}
                value={a.format}
                errors={errors}
                onSet={onSet}
                placeholder="syslog, json, evtx…"
              />
              <Field
                label={tr('form.content')}
                path={[...base, k, 'content']}
                value={a.content}
                errors={errors}
                onSet={onSet}
                multiline
              />
            </>
          )}
          {a.kind === 'ioc-table' && (
            <Text size="xs" c="dimmed">
              {tr('form.iocRows', { count: a.rows?.length ?? 0 })}
            </Text>
          )}
        </Paper>
      ))}
      {upload.isError && (
        <Alert color="red" title={tr('form.imageMissing')} data-testid="image-upload-error">
          {errorMessage(upload.error)}
        </Alert>
      )}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            onAdd(base, {
              kind: 'image',
              path: 'images/picture.png',
              alt: 'Describe the picture for people who cannot see it',
            })
          }
        >
          {tr('form.addImage')}
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onAdd(base, { kind: 'log', format: 'syslog', content: 'Paste the log lines here.' })}
        >
          {tr('form.addLog')}
        </Button>
      </Group>
    </Section>
  );
}

const safeName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+/, '') || 'image.png';

/**
 * The inject's translation beside its source: pick a language, write the subject, body, response
 * option labels (and a distractor's why) and decision in it; each field shows the source text it translates. Written to the
 * pack's `translations:` block (saved as `translations/<language>/<language>.yaml`).
 */
export function TranslationForm({ pack, errors, onSet, index }: FormProps & { index: number }) {
  const { t: tr } = useTranslation('author');
  const languages = Object.keys(pack.translations ?? {});
  const [chosen, setChosen] = useState<string | null>(null);
  const language = chosen ?? languages[0] ?? 'ko';
  const inj = pack.injects?.[index];
  if (!inj?.id) return null;
  const base: Path = ['translations', language, 'injects', inj.id];
  const tx = pack.translations?.[language]?.injects?.[inj.id] ?? {};
  const source = (s: string | undefined) =>
    s ? tr('form.sourceText', { text: s.length > 120 ? `${s.slice(0, 119)}…` : s }) : undefined;
  return (
    <Section title={tr('form.translation')} description={tr('form.translationHint')} testId="inject-translation">
      <Select
        size="xs"
        label={tr('form.language')}
        data={[...new Set([...languages, 'ko', 'en'])].map((l) => ({
          value: l,
          label: new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l,
        }))}
        value={language}
        allowDeselect={false}
        onChange={(v) => setChosen(v)}
        wrapperProps={{ translate: 'no' }}
      />
      <Field
        label={tr('form.subject')}
        path={[...base, 'subject']}
        value={tx?.subject}
        errors={errors}
        onSet={onSet}
        description={source(inj.subject)}
      />
      <Field
        label={tr('form.body')}
        path={[...base, 'body']}
        value={tx?.body}
        errors={errors}
        onSet={onSet}
        multiline
        description={source(inj.body)}
      />
      {(inj.responseOptions ?? []).map((o, k) =>
        o?.id ? (
          <Fragment key={k}>
            <Field
              label={tr('form.optionLabelOf', { id: o.id })}
              path={[...base, 'responseOptions', o.id]}
              value={tx?.responseOptions?.[o.id]}
              errors={errors}
              onSet={onSet}
              description={source(o.label)}
            />
            {o.distractor?.why && (
              <Field
                label={tr('form.distractorWhyOf', { id: o.id })}
                path={[...base, 'distractors', o.id, 'why']}
                value={tx?.distractors?.[o.id]?.why}
                errors={errors}
                // emptied: the option's entry goes (an entry without its why is not valid)
                onSet={(path, v) => onSet(v === '' || v === undefined ? path.slice(0, -1) : path, v)}
                multiline
                description={source(o.distractor.why)}
              />
            )}
          </Fragment>
        ) : null,
      )}
      {inj.decision?.question && (
        <Field
          label={tr('form.question')}
          path={[...base, 'decision', 'question']}
          value={tx?.decision?.question}
          errors={errors}
          onSet={onSet}
          description={source(inj.decision.question)}
        />
      )}
      {(inj.decision?.options ?? []).map((o, k) =>
        o?.id ? (
          <Field
            key={k}
            label={tr('form.decisionOptionOf', { id: o.id })}
            path={[...base, 'decision', 'options', o.id]}
            value={tx?.decision?.options?.[o.id]}
            errors={errors}
            onSet={onSet}
            description={source(o.label)}
          />
        ) : null,
      )}
    </Section>
  );
}
