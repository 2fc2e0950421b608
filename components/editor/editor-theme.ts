/**
 * The editor in the terminal's colours (dark in both site themes, like the terminal beneath it).
 * Every text colour keeps at least 4.5:1 contrast on the background.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { TERMINAL_BACKGROUND, TERMINAL_FONT_FAMILY, TERMINAL_THEME } from '@/components/terminal/theme';

const theme = EditorView.theme(
  {
    '&': { color: TERMINAL_THEME.foreground, backgroundColor: TERMINAL_BACKGROUND, height: '100%', fontSize: '13.5px' },
    '.cm-scroller': { fontFamily: TERMINAL_FONT_FAMILY, lineHeight: '1.55' },
    '.cm-content': { caretColor: TERMINAL_THEME.cursor, padding: '6px 0' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: TERMINAL_THEME.cursor },
    '&.cm-focused': { outline: 'none' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
      backgroundColor: TERMINAL_THEME.selectionBackground,
    },
    '.cm-activeLine': { backgroundColor: '#ffffff0a' },
    '.cm-gutters': { backgroundColor: TERMINAL_BACKGROUND, color: '#8a919e', border: 'none', borderRight: '1px solid #ffffff14' },
    '.cm-activeLineGutter': { backgroundColor: '#ffffff0a', color: '#d8dbe2' },
    '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: '#3a4a66', outline: 'none' },
  },
  { dark: true },
);

const highlight = HighlightStyle.define([
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#8a919e', fontStyle: 'italic' },
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: TERMINAL_THEME.magenta },
  { tag: [t.string, t.special(t.string), t.regexp], color: TERMINAL_THEME.green },
  { tag: [t.number, t.bool, t.null, t.atom], color: TERMINAL_THEME.yellow },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: TERMINAL_THEME.blue },
  { tag: [t.propertyName, t.attributeName], color: TERMINAL_THEME.cyan },
  { tag: [t.typeName, t.className, t.namespace], color: TERMINAL_THEME.brightYellow },
  { tag: [t.definition(t.variableName), t.labelName], color: TERMINAL_THEME.brightBlue },
  { tag: [t.variableName, t.special(t.variableName)], color: TERMINAL_THEME.foreground },
  { tag: [t.operator, t.punctuation, t.bracket], color: '#b4bac5' },
  { tag: [t.meta, t.processingInstruction], color: TERMINAL_THEME.brightRed },
  { tag: t.heading, color: TERMINAL_THEME.blue, fontWeight: 'bold' },
  { tag: t.invalid, color: TERMINAL_THEME.red },
]);

export const editorTheme = [theme, syntaxHighlighting(highlight)];
