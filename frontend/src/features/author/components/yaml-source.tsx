import { yaml } from '@codemirror/lang-yaml';
import { useMantineColorScheme } from '@mantine/core';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { useMemo } from 'react';

const extensions = [yaml(), EditorView.lineWrapping];

/** The pack's YAML, editable, with YAML highlighting; the forms and this view edit the same text. */
export function YamlSource({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const { colorScheme } = useMantineColorScheme();
  const theme = useMemo(() => (colorScheme === 'light' ? 'light' : 'dark'), [colorScheme]);
  return (
    <div data-testid="yaml-source" aria-label="Pack YAML source" style={{ height: '100%', minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
      <CodeMirror value={value} onChange={onChange} extensions={extensions} theme={theme} basicSetup={{ foldGutter: true, highlightActiveLine: true }} height="100%" style={{ fontSize: 12 }} />
    </div>
  );
}
