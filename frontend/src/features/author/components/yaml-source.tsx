import { yaml } from '@codemirror/lang-yaml';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror, {
  Decoration,
  type DecorationSet,
  EditorView,
  Prec,
  type ReactCodeMirrorRef,
  StateEffect,
  StateField,
} from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { yamlDarkTheme } from '../lib/yaml-dark-theme';

/** A range of the text to mark (the selected inject's node), or none. */
const markRange = StateEffect.define<{ from: number; to: number } | null>();
const selectedLine = Decoration.line({ class: 'ttx-yaml-selected' });

/** Shades the lines of the inject selected in the forms or the timeline, so the eye finds it in the source. */
const selectedField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(markRange)) continue;
      if (!e.value) {
        next = Decoration.none;
        continue;
      }
      const doc = tr.state.doc;
      const first = doc.lineAt(Math.min(e.value.from, doc.length)).number;
      const last = doc.lineAt(Math.min(Math.max(e.value.to - 1, e.value.from), doc.length)).number;
      next = Decoration.set(
        Array.from({ length: last - first + 1 }, (_, n) => selectedLine.range(doc.line(first + n).from)),
      );
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const selectedTheme = EditorView.baseTheme({
  '.ttx-yaml-selected': { backgroundColor: 'rgba(34, 139, 230, 0.13)' },
  '.ttx-yaml-selected.cm-activeLine': { backgroundColor: 'rgba(34, 139, 230, 0.22)' },
});

// line numbers at 4.5:1 or more (the stock light theme draws them at 3.9:1; the dark theme is ours)
const readableGutters = Prec.highest(EditorView.theme({ '.cm-gutters': { color: '#5c636a' } }));

const extensions = [yaml(), EditorView.lineWrapping, selectedField, selectedTheme];
const extensionsFor = { dark: extensions, light: [...extensions, readableGutters] };

export interface Reveal {
  from: number;
  to: number;
  /** grows with each request, so choosing the same inject again scrolls to it again */
  seq: number;
}

/**
 * The pack's YAML, editable, with YAML highlighting; the forms and this view edit the same text.
 * `reveal` scrolls the view to a range (the selected inject) and shades it, without taking focus.
 */
export function YamlSource({
  value,
  onChange,
  reveal,
}: {
  value: string;
  onChange: (text: string) => void;
  reveal?: Reveal | null;
}) {
  // the scheme the page shows (with "auto", the system's): a dark editor on a light page is jarring
  const { t } = useTranslation('author');
  const theme = useComputedColorScheme('dark');
  const label = t('editor.yamlSource');
  // the editable area is the element screen readers land on: it carries the name (in the interface language)
  const withLabel = useMemo(
    () => [...extensionsFor[theme], EditorView.contentAttributes.of({ 'aria-label': label })],
    [theme, label],
  );
  const ref = useRef<ReactCodeMirrorRef>(null);

  useEffect(() => {
    const view = ref.current?.view;
    if (!view || !reveal) return;
    const from = Math.min(reveal.from, view.state.doc.length);
    view.dispatch({
      effects: [
        markRange.of({ from, to: Math.min(reveal.to, view.state.doc.length) }),
        EditorView.scrollIntoView(from, { y: 'start', yMargin: 24 }),
      ],
    });
  }, [reveal]);

  return (
    <div
      data-testid="yaml-source"
      aria-label={label}
      translate="no"
      style={{
        height: '100%',
        minHeight: 0,
        overflow: 'auto',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 4,
      }}
    >
      <CodeMirror
        ref={ref}
        value={value}
        onChange={onChange}
        extensions={withLabel}
        theme={theme === 'dark' ? yamlDarkTheme : 'light'}
        basicSetup={{ foldGutter: true, highlightActiveLine: true }}
        height="100%"
        style={{ fontSize: 12 }}
      />
    </div>
  );
}
