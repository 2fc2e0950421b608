'use client';
/**
 * The editor pane above the terminal: CodeMirror 6 on the files a command (`code FILE`, `nano`,
 * `vi`) or the file tree opened, one tab per file, Save (Ctrl/Cmd-S) writing into the simulated
 * world through the shell worker. Loaded lazily, with its languages, the first time a file opens.
 *
 * Hooks for tests: data-testid="editor" (the pane), "editor-tab" (data-path, data-dirty),
 * "editor-path", "editor-save", "editor-state", "editor-close"; the text is in `.cm-content`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { FileText, Save, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Messages } from '@/i18n';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { format } from '@/components/ui/format';
import { baseName, type EditorTabsAction, type EditorTabsState } from './editor-tabs';
import { editorTheme } from './editor-theme';
import { languageFor, loadLanguage, type EditorLanguage } from './languages';

export interface EditorPaneProps {
  tabs: EditorTabsState;
  dispatch(action: EditorTabsAction): void;
  save(path: string, content: string): Promise<{ ok: boolean; error?: string }>;
  /** Every tab is closed (or the pane's own Close was confirmed). */
  onCloseAll(): void;
  /** Bumped when a file is opened: the editor takes the focus. */
  focusToken: number;
  strings: Messages['terminal']['editor'];
}

const languages = new Map<EditorLanguage, Promise<Extension>>();
const languageCompartment = new Compartment();

function languageExtension(language: EditorLanguage): Promise<Extension> {
  let loading = languages.get(language);
  if (!loading) {
    loading = loadLanguage(language).catch(() => []);
    languages.set(language, loading);
  }
  return loading;
}

type Pending = { kind: 'tab'; path: string } | { kind: 'all' } | null;

export default function EditorPane({ tabs, dispatch, save, onCloseAll, focusToken, strings }: EditorPaneProps) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** Each open file's editor state (text, undo history, selection), by path. */
  const states = useRef(new Map<string, { version: number; state: EditorState }>());
  const shown = useRef<string | null>(null);
  const latest = useRef({ tabs, dispatch, save, strings });
  const [pending, setPending] = useState<Pending>(null);

  useEffect(() => {
    latest.current = { tabs, dispatch, save, strings };
  });

  const active = tabs.tabs.find((tab) => tab.path === tabs.active) ?? null;

  const saveActive = async () => {
    const editor = view.current;
    const path = shown.current;
    if (!editor || !path) return;
    // As nano and vim do (and `cat` expects): a text file ends with a newline.
    const end = editor.state.doc.length;
    if (end > 0 && editor.state.doc.sliceString(end - 1) !== '\n') editor.dispatch({ changes: { from: end, insert: '\n' } });
    const content = editor.state.doc.toString();
    const { dispatch: act, save: write } = latest.current;
    act({ type: 'saving', path });
    const outcome = await write(path, content);
    if (!outcome.ok) {
      act({ type: 'failed', path, error: outcome.error ?? '' });
      return;
    }
    const now = shown.current === path ? editor.state.doc.toString() : (states.current.get(path)?.state.doc.toString() ?? content);
    act({ type: 'saved', path, content, dirty: now !== content });
  };
  const saveRef = useRef(saveActive);
  useEffect(() => {
    saveRef.current = saveActive;
  });

  const createState = (path: string, content: string): EditorState => {
    const language = languageFor(path);
    const state = EditorState.create({
      doc: content,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorState.tabSize.of(4),
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              void saveRef.current();
              return true;
            },
          },
          ...defaultKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        editorTheme,
        languageCompartment.of([]),
        EditorView.contentAttributes.of({ 'aria-label': format(latest.current.strings.areaLabel, { path }) }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const tab = latest.current.tabs.tabs.find((t) => t.path === path);
          if (tab) latest.current.dispatch({ type: 'dirty', path, dirty: update.state.doc.toString() !== tab.content });
        }),
      ],
    });
    if (language) {
      void languageExtension(language).then((extension) => {
        const effects = languageCompartment.reconfigure(extension);
        // Whatever state the file has by now (it may have been edited or switched away from).
        if (shown.current === path && view.current) view.current.dispatch({ effects });
        const entry = states.current.get(path);
        if (entry && shown.current !== path) entry.state = entry.state.update({ effects }).state;
      });
    }
    return state;
  };

  // The one view, for the pane's lifetime; each file swaps its own state in.
  useEffect(() => {
    const host = parent.current;
    if (!host) return;
    const editor = new EditorView({ parent: host, state: EditorState.create({ doc: '' }) });
    view.current = editor;
    const known = states.current;
    return () => {
      editor.destroy();
      view.current = null;
      known.clear();
      shown.current = null;
    };
  }, []);

  const activeVersion = active?.version ?? -1;
  const activePath = active?.path ?? null;
  const activeContent = active?.content ?? '';
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const previous = shown.current;
    const stash = previous ? states.current.get(previous) : undefined;
    if (stash && previous !== activePath) stash.state = editor.state;
    // Forget the files that were closed.
    for (const path of [...states.current.keys()]) if (!latest.current.tabs.tabs.some((t) => t.path === path)) states.current.delete(path);
    if (!activePath) {
      shown.current = null;
      return;
    }
    let entry = states.current.get(activePath);
    if (!entry || entry.version !== activeVersion) {
      entry = { version: activeVersion, state: createState(activePath, activeContent) };
      states.current.set(activePath, entry);
    } else if (previous === activePath) {
      return; // already shown
    }
    shown.current = activePath;
    editor.setState(entry.state);
    // createState depends only on refs; the content is read when the version changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activePath, activeVersion]);

  useEffect(() => {
    if (focusToken > 0) view.current?.focus();
  }, [focusToken]);

  const close = (path: string) => {
    const tab = tabs.tabs.find((t) => t.path === path);
    if (tab?.dirty) setPending({ kind: 'tab', path });
    else finishClose(path);
  };

  const finishClose = (path: string) => {
    states.current.delete(path);
    if (tabs.tabs.length <= 1) onCloseAll();
    else dispatch({ type: 'close', path });
  };

  const closeAll = () => {
    if (tabs.tabs.some((tab) => tab.dirty)) setPending({ kind: 'all' });
    else onCloseAll();
  };

  const stateText = !active ? '' : active.saving ? strings.saving : active.error !== null ? format(strings.saveFailed, { error: active.error }) : active.dirty ? strings.unsaved : active.exists ? strings.saved : strings.newFile;
  const stateKind = !active ? 'none' : active.saving ? 'saving' : active.error !== null ? 'failed' : active.dirty ? 'dirty' : active.exists ? 'saved' : 'new';

  return (
    <section className="editor-pane" aria-label={strings.label} data-testid="editor">
      <div className="editor-bar">
        <ul className="editor-tabs" aria-label={strings.tabs}>
          {tabs.tabs.map((tab) => (
            <li key={tab.path} className="editor-tab" data-testid="editor-tab" data-path={tab.path} data-active={tab.path === tabs.active ? '' : undefined} data-dirty={tab.dirty ? '' : undefined}>
              <button type="button" className="editor-tab-name" aria-current={tab.path === tabs.active ? 'true' : undefined} title={tab.path} onClick={() => dispatch({ type: 'activate', path: tab.path })}>
                <FileText aria-hidden="true" className="size-3.5 shrink-0" />
                <span className="truncate">{baseName(tab.path)}</span>
                {tab.dirty ? (
                  <span className="editor-dirty" aria-label={strings.unsaved} title={strings.unsaved}>
                    ●
                  </span>
                ) : null}
              </button>
              <button type="button" className="editor-tab-close" aria-label={format(strings.closeLabel, { path: tab.path })} title={format(strings.closeLabel, { path: tab.path })} onClick={() => close(tab.path)}>
                <X aria-hidden="true" className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
        <div className="editor-actions">
          <button type="button" className="editor-button editor-button-primary" data-testid="editor-save" disabled={!active || active.saving} aria-label={active ? format(strings.saveLabel, { path: active.path }) : strings.save} onClick={() => void saveActive()}>
            <Save aria-hidden="true" className="size-3.5" />
            {strings.save}
          </button>
          <button type="button" className="editor-button" data-testid="editor-close" aria-label={strings.closeAll} title={strings.closeAll} onClick={closeAll}>
            <X aria-hidden="true" className="size-3.5" />
            <span className="editor-close-word">{strings.close}</span>
          </button>
        </div>
      </div>
      <div className="editor-meta">
        <span className="truncate" data-testid="editor-path">
          {active?.path}
        </span>
        <span className="editor-state" data-testid="editor-state" data-state={stateKind} role="status">
          {stateText}
        </span>
      </div>
      <div ref={parent} className="editor-body" />
      <ConfirmDialog
        open={pending !== null}
        title={strings.discardTitle}
        message={format(strings.discardMessage, { path: pending?.kind === 'tab' ? pending.path : tabs.tabs.filter((t) => t.dirty).map((t) => t.path).join(', ') })}
        confirm={strings.discard}
        cancel={strings.keepEditing}
        testId="editor-discard-dialog"
        onCancel={() => {
          setPending(null);
          view.current?.focus();
        }}
        onConfirm={() => {
          const what = pending;
          setPending(null);
          if (what?.kind === 'tab') finishClose(what.path);
          else onCloseAll();
        }}
      />
    </section>
  );
}
