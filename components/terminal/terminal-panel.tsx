'use client';
/**
 * The terminal pane: a slim title bar (the host the student is on, the file tree toggle, and the
 * shell's state) over the terminal, with the editor above it while files are open. xterm, the
 * shell worker, the editor and the file tree all load after the page has painted; none of them is
 * in the page's first-load JavaScript.
 *
 * The pane serves the lesson around it (LessonSessionProvider): it restores the lesson's saved
 * world, and passes what the worker reports (commands finished, checks, snapshots) to the session.
 *
 * Hooks for tests: the <section> carries data-testid="terminal" and
 * data-shell-state="starting|idle|busy|stopped"; the terminal's text is in `.xterm-rows`
 * (and, for assistive technology, in xterm's accessibility tree); "files-toggle" opens the tree;
 * "set-aside-notice" appears when a save could not be restored; data-save-state on the section is
 * idle|pending|saved|failed (the lesson's save in the browser); data-changes counts the changes to
 * the world (commands finished, files saved, resets), so a script can wait for the one it caused.
 */
import '@fontsource-variable/jetbrains-mono';
import '@xterm/xterm/css/xterm.css';
import { FolderTree, Info, X } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Messages } from '@/i18n';
import { editorTabs, NO_TABS } from '@/components/editor/editor-tabs';
import { useLessonSession, useSessionState } from '@/components/progress/lesson-session-provider';
import { createShellWorker } from './create-worker';
import type { TerminalHandle, TerminalView } from './mount-terminal';
import { earlyTerminalHtml } from './early-prompt';
import { TERMINAL_BACKGROUND, TERMINAL_FONT_FAMILY, TERMINAL_FONT_SIZE } from './theme';

const EditorPane = lazy(() => import('@/components/editor/editor-pane'));
const FileTree = lazy(() => import('@/components/editor/file-tree'));

export interface TerminalPanelProps {
  strings: Messages['terminal'];
  /** The prompt the lesson's scenario opens with, painted with the page before the shell loads. */
  initialPrompt?: string;
  /** The lesson, for remembering the prompt a saved session ended with. */
  lesson?: string;
}

const DOT: Record<TerminalView['state'], string> = {
  starting: 'bg-amber-400',
  idle: 'bg-emerald-400',
  busy: 'bg-sky-400 motion-safe:animate-pulse',
  stopped: 'bg-red-400',
};

export function TerminalPanel({ strings, initialPrompt = 'root@lab:~# ', lesson = '' }: TerminalPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const stringsRef = useRef(strings);
  const handleRef = useRef<TerminalHandle | null>(null);
  const session = useLessonSession();
  const { setAside, save: saveState } = useSessionState();
  const [view, setView] = useState<TerminalView>({ state: 'starting', hostLabel: null });
  const [tabs, dispatch] = useReducer(editorTabs, NO_TABS);
  const [focusToken, setFocusToken] = useState(0);
  const [treeOpen, setTreeOpen] = useState(false);
  /** Bumped after every command and save: the file tree reads the directory again. */
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    stringsRef.current = strings;
  }, [strings]);

  const openFile = useCallback((file: { path: string; content: string; exists: boolean }) => {
    dispatch({ type: 'open', ...file });
    setFocusToken((n) => n + 1);
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let handle: TerminalHandle | null = null;
    let detach: (() => void) | null = null;
    let cancelled = false;
    // Deferred one task: React's StrictMode mounts, unmounts and mounts again synchronously, so the
    // first mount's timer is cancelled before it fires and only one worker and terminal ever exist.
    const timer = setTimeout(() => {
      // The worker's code (the whole simulated world) is the biggest download: start it now, while
      // the terminal's code and the saved lesson load. It waits for its first message.
      const worker = createShellWorker();
      void (async () => {
        const [{ mountTerminal }, snapshot] = await Promise.all([import('./mount-terminal'), session?.start()]);
        if (cancelled) {
          worker.terminate();
          return;
        }
        const info = session?.info;
        handle = mountTerminal(
          host,
          () => stringsRef.current,
          (patch) => setView((current) => (Object.entries(patch).every(([key, value]) => current[key as keyof TerminalView] === value) ? current : { ...current, ...patch })),
          {
            worker,
            context: info ? { lesson: info.lesson, locale: info.locale, scenario: info.scenario, ...(session?.carriedFrom ? { carriedFrom: session.carriedFrom } : {}) } : undefined,
            snapshot,
            finished() {
              session?.commandFinished();
              setChanges((n) => n + 1);
            },
            exercises: (reports) => session?.exercises(reports),
            saved: (world) => session?.snapshot(world),
            restoreFailed() {
              session?.restoreFailed();
              handleRef.current?.notice(stringsRef.current.saveSetAside);
            },
            edit: (request) => openFile(request),
            ready(ready) {
              if (ready.carried) handleRef.current?.notice(stringsRef.current.carriedOn);
            },
          },
        );
        handleRef.current = handle;
        if (session?.getState().setAside) handle.notice(stringsRef.current.saveSetAside);
        detach = session?.attach(handle) ?? null;
      })();
    }, 0);
    const stopReset = session?.onReset(() => {
      dispatch({ type: 'clear' });
      setChanges((n) => n + 1);
      handleRef.current?.notice(stringsRef.current.resetDone);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stopReset?.();
      detach?.();
      handle?.dispose();
      handleRef.current = null;
    };
  }, [session, openFile]);

  const save = useCallback(async (path: string, content: string) => {
    const handle = handleRef.current;
    if (!handle) return { ok: false, error: stringsRef.current.state.starting };
    const outcome = await handle.writeFile(path, content);
    if (outcome.ok) {
      // A save changes the world as a command does: the cards available are now being worked on.
      session?.commandFinished();
      setChanges((n) => n + 1);
    }
    return outcome;
  }, [session]);

  const list = useCallback(async (path?: string) => {
    const handle = handleRef.current;
    if (!handle) return { path: path ?? '', entries: [], error: 'not ready' };
    return handle.listDir(path);
  }, []);

  const openFromTree = useCallback(async (path: string) => {
    const handle = handleRef.current;
    if (!handle) return;
    const file = await handle.readFile(path);
    if (file.error) {
      handle.notice(stringsRef.current.editor.openFailed.replace('{path}', path).replace('{error}', file.error));
      return;
    }
    openFile(file);
    // In a narrow pane the tree lies over the editor: step aside once the file is open.
    const tree = document.querySelector('[data-testid="file-tree"]');
    if (tree && getComputedStyle(tree).position === 'absolute') setTreeOpen(false);
  }, [openFile]);

  const closeEditor = useCallback(() => {
    dispatch({ type: 'clear' });
    handleRef.current?.focus();
  }, []);

  const editorOpen = tabs.tabs.length > 0;

  // While the shell loads, the painted prompt already takes keystrokes (queued, then replayed):
  // to the student the terminal is ready, so it says so.
  const shownState: TerminalView['state'] = view.state === 'starting' ? 'idle' : view.state;
  const early = useState(() => ({ __html: earlyTerminalHtml(initialPrompt, lesson, TERMINAL_FONT_FAMILY, TERMINAL_FONT_SIZE, strings.areaLabel) }))[0];

  return (
    <section
      aria-label={strings.areaLabel}
      data-testid="terminal"
      data-shell-state={shownState}
      data-save-state={saveState}
      data-changes={changes}
      className="flex h-full min-h-0 w-full flex-col overflow-hidden text-[#d8dbe2]"
      style={{ backgroundColor: TERMINAL_BACKGROUND }}
    >
      <header className="flex h-8 shrink-0 items-center justify-between gap-3 border-b border-white/10 bg-[#1e2128] px-3 font-mono text-xs">
        <span className="flex min-w-0 items-center gap-2">
          <button
            type="button"
            className="terminal-bar-button"
            data-testid="files-toggle"
            aria-pressed={treeOpen}
            aria-label={treeOpen ? strings.files.hideLabel : strings.files.toggleLabel}
            title={treeOpen ? strings.files.hideLabel : strings.files.toggleLabel}
            onClick={() => setTreeOpen((open) => !open)}
          >
            <FolderTree aria-hidden="true" className="size-3.5" />
            <span className="font-sans">{strings.files.toggle}</span>
          </button>
          <span className="truncate font-medium" data-testid="terminal-host">
            {view.hostLabel ?? strings.title}
          </span>
        </span>
        <span className="flex shrink-0 items-center gap-1.5 text-[#b4bac5]" data-testid="terminal-status">
          <span aria-hidden="true" className={`inline-block size-2 rounded-full ${DOT[shownState]}`} />
          {strings.state[shownState]}
        </span>
      </header>
      {setAside ? (
        <div role="status" className="terminal-notice" data-testid="set-aside-notice">
          <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p className="min-w-0 flex-1">{strings.setAsideBanner}</p>
          <button type="button" className="terminal-bar-button" aria-label={strings.dismiss} title={strings.dismiss} onClick={() => session?.dismissNotice()}>
            <X aria-hidden="true" className="size-3.5" />
          </button>
        </div>
      ) : null}
      <div className="terminal-body">
        {treeOpen ? (
          <Suspense fallback={<div className="file-tree" />}>
            <FileTree list={list} open={(path) => void openFromTree(path)} onClose={() => setTreeOpen(false)} refreshKey={changes} strings={strings.files} />
          </Suspense>
        ) : null}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          {editorOpen ? (
            <div className="editor-slot">
              <Suspense fallback={<p className="editor-loading">{strings.editor.loading}</p>}>
                <EditorPane tabs={tabs} dispatch={dispatch} save={save} onCloseAll={closeEditor} focusToken={focusToken} strings={strings.editor} />
              </Suspense>
            </div>
          ) : null}
          <div className="min-h-0 flex-1 py-1 pl-2">
            {/* Children come from the server's HTML and then xterm: React never touches them. */}
            <div ref={hostRef} className="h-full w-full" suppressHydrationWarning dangerouslySetInnerHTML={early} />
          </div>
        </div>
      </div>
    </section>
  );
}
