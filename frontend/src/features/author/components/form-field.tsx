import { Textarea, TextInput } from '@mantine/core';
import type { PackError } from '../api/author-types';
import { type DraftPack, errorsAt, type Path, pathKey } from '../lib/pack-doc';

export interface FormProps {
  pack: DraftPack;
  errors: readonly PackError[];
  onSet: (path: Path, value: unknown) => void;
  onAdd: (path: Path, value: unknown) => void;
  onDelete: (path: Path) => void;
}

/** A text field bound to a pack path, showing the loader's errors for that path. */
export function Field(props: {
  label: string;
  path: Path;
  value: string | undefined;
  errors: readonly PackError[];
  onSet: FormProps['onSet'];
  multiline?: boolean;
  placeholder?: string;
  description?: string;
}) {
  const key = pathKey(props.path);
  const errs = errorsAt(props.errors, props.path);
  const common = {
    id: `field-${key}`,
    'data-path': key,
    label: props.label,
    description: props.description,
    placeholder: props.placeholder,
    value: props.value ?? '',
    error: errs.length ? errs.join('; ') : undefined,
    size: 'xs' as const,
    // the pack's words (and an offset such as T+00:30), not the interface's
    translate: 'no' as const,
  };
  return props.multiline ? (
    <Textarea
      {...common}
      autosize
      minRows={3}
      maxRows={12}
      onChange={(e) => props.onSet(props.path, e.currentTarget.value)}
    />
  ) : (
    <TextInput {...common} onChange={(e) => props.onSet(props.path, e.currentTarget.value)} />
  );
}
