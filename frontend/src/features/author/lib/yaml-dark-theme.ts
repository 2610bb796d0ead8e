import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { EditorView } from '@uiw/react-codemirror';

/**
 * The YAML editor's dark theme, every colour at 4.5:1 or more on its background (WCAG AA): the
 * stock dark theme draws keys at 4.1:1 on the active line and comments and line numbers at 3.9:1.
 */
const background = '#1f2228';

export const yamlDarkTheme = [
  EditorView.theme(
    {
      '&': { color: '#d7dae0', backgroundColor: background },
      '.cm-content': { caretColor: '#e6e6e6' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#e6e6e6' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
        backgroundColor: '#3a4457',
      },
      '.cm-gutters': { backgroundColor: background, color: '#a3abb9', border: 'none' },
      '.cm-activeLine': { backgroundColor: '#ffffff0a' },
      '.cm-activeLineGutter': { backgroundColor: '#ffffff0f' },
    },
    { dark: true },
  ),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: [t.definition(t.propertyName), t.propertyName], color: '#f08d95' },
      { tag: [t.string, t.special(t.string), t.content, t.attributeValue], color: '#a8d48a' },
      { tag: t.lineComment, color: '#a3abb9', fontStyle: 'italic' },
      { tag: [t.keyword, t.typeName, t.labelName], color: '#d7a0ee' },
      { tag: [t.meta, t.separator, t.punctuation, t.squareBracket, t.brace], color: '#b8c0cc' },
    ]),
  ),
];
