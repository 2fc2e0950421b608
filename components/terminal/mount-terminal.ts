/**
 * Wires one terminal together, outside React: xterm (loaded on demand), the line editor, and the
 * shell worker behind its client. Loaded lazily by the terminal pane, so none of it weighs on the
 * page's first load. Returns a handle to reset the world, reach its files, and take it all down.
 */
import type { Terminal } from '@xterm/xterm';
import type { Messages } from '@/i18n';
import { createShellWorker } from './create-worker';
import { LineEditor } from './line-editor';
import type { ExerciseStatusReport, LessonContext, ReadyMessage, SandboxSnapshot, UiRequest } from './protocol';
import { earlyTerminalFocused, earlyTerminalText, forgetPrompt, rememberPrompt, removeEarlyTerminal, takeTypeahead } from './early-prompt';
import { RUN_REQUEST_EVENT, type RunRequest } from './run-request';
import { ShellClient, type ListOutcome, type ReadOutcome, type RestartReason, type RunOutcome, type WorkerLike, type WriteOutcome } from './shell-client';
import { TERMINAL_FONT_FAMILY, TERMINAL_FONT_SIZE, TERMINAL_THEME } from './theme';

export type ShellState = 'starting' | 'idle' | 'busy' | 'stopped';

export interface TerminalView {
  state: ShellState;
  /** `root@lab`, once the shell has reported it. */
  hostLabel: string | null;
}

type Strings = Messages['terminal'];

/** What the lesson around the terminal wants to know, and what it starts from. */
export interface TerminalHooks {
  /** The shell worker, if the caller started it early (its code then loads in parallel). */
  worker?: WorkerLike;
  context?: LessonContext;
  /** A saved world to start from. */
  snapshot?: SandboxSnapshot;
  /** A command finished (see ShellClientEvents.finished); `line` is its last line. */
  finished?(line: string): void;
  exercises?(reports: ExerciseStatusReport[]): void;
  /** The world after a command or a save, to persist. */
  saved?(snapshot: SandboxSnapshot): void;
  /** The saved world could not be restored; a fresh one took its place. */
  restoreFailed?(): void;
  /** The shell is ready; `history` is what Up/Down recall. */
  ready?(info: ReadyMessage): void;
  /** A command asked for the editor (`code FILE`). */
  edit?(request: Extract<UiRequest, { kind: 'edit' }>): void;
}

export interface TerminalHandle {
  /** Starts the lesson's world afresh: the screen is cleared and a new prompt shown. */
  reset(): void;
  writeFile(path: string, content: string): Promise<WriteOutcome>;
  readFile(path: string): Promise<ReadOutcome>;
  listDir(path?: string): Promise<ListOutcome>;
  /** The commands run so far (Up/Down), for the save. */
  history(): readonly string[];
  /** Prints a note in the terminal's own voice (kept until the terminal is up). */
  notice(text: string): void;
  focus(): void;
  dispose(): void;
}

// Bright black rather than SGR 2 (dim): it keeps 4.5:1 contrast on the background.
const DIM = '\x1b[90m';
const WARN = '\x1b[33m';
const RESET = '\x1b[0m';
const SCROLLBACK_LINES = 5000;
const RESIZE_DEBOUNCE_MS = 60;
const FONT_WAIT_MS = 1500;

export function mountTerminal(
  host: HTMLElement,
  strings: () => Strings,
  update: (view: Partial<TerminalView>) => void,
  hooks: TerminalHooks = {},
): TerminalHandle {
  let disposed = false;
  let term: Terminal | null = null;
  let editor: LineEditor | null = null;
  let firstReady: ReadyMessage | null = null;
  /** The painted prompt is standing in xterm for the shell's first prompt. */
  let placeholder = false;
  /** A reset is waiting for its fresh world's prompt. */
  let resetting = false;
  let primaryPrompt = '';
  let stopped = false;
  const cleanups: Array<() => void> = [];
  const waitingRuns: string[] = [];
  const waitingNotices: string[] = [];

  const client = new ShellClient({
    createWorker: createShellWorker,
    worker: hooks.worker,
    context: hooks.context,
    snapshot: hooks.snapshot,
    events: {
      ready(info) {
        primaryPrompt = info.prompt;
        update({ hostLabel: info.hostLabel });
        hooks.ready?.(info);
        if (!firstReady) {
          firstReady = info;
          if (editor) showFirstPrompt(editor, info);
        } else if (resetting) {
          resetting = false;
          if (editor) showFirstPrompt(editor, info);
        }
      },
      finished: (line) => hooks.finished?.(line),
      // A command's live output goes straight to the screen; its result follows when it ends.
      output: (_id, text) => editor?.print(text),
      exercises: (reports) => hooks.exercises?.(reports),
      snapshot: (snapshot) => hooks.saved?.(snapshot),
      restoreFailed: () => hooks.restoreFailed?.(),
      restarted(reason) {
        editor?.notice(restartNote(reason));
      },
      unavailable() {
        stopped = true;
        update({ state: 'stopped' });
        editor?.notice(WARN + strings().unavailable + RESET);
      },
    },
  });
  // The worker (and with it the sandbox's chunk) starts loading now, alongside xterm's.
  client.start();

  const restartNote = (reason: RestartReason) =>
    WARN + (reason === 'unresponsive' ? strings().restartedUnresponsive : strings().restartedCrashed) + RESET;

  /** Clears the painted prompt standing in xterm, before anything else is written there. */
  const dropPlaceholder = () => {
    if (!placeholder) return;
    term?.write('\r\x1b[2K');
    placeholder = false;
  };

  const showFirstPrompt = (target: LineEditor, info: ReadyMessage) => {
    // The shell's prompt replaces the placeholder line (the typeahead is replayed after it).
    dropPlaceholder();
    target.setHistory(info.history.flatMap((entry) => entry.split('\n')));
    target.prompt(colourPrompt(info.prompt));
    rememberPrompt(hooks.context?.lesson, info.prompt);
  };

  const showOutcome = (target: LineEditor, outcome: RunOutcome) => {
    if (outcome.status === 'unavailable' || outcome.status === 'reset') return; // said elsewhere, or the screen was cleared
    if (outcome.status === 'restarted') {
      target.notice(restartNote('unresponsive'));
      primaryPrompt = outcome.prompt;
      target.prompt(colourPrompt(outcome.prompt));
      return;
    }
    if (outcome.droppedLines > 0) {
      const format = new Intl.NumberFormat(strings().locale);
      const note = strings()
        .outputTruncated.replace('{dropped}', format.format(outcome.droppedLines))
        .replace('{kept}', format.format(SCROLLBACK_LINES));
      target.notice(DIM + note + RESET);
    }
    target.print(outcome.stdout);
    target.print(outcome.stderr);
    update({ hostLabel: outcome.hostLabel });
    if (outcome.history) target.setHistory(outcome.history.flatMap((entry) => entry.split('\n')));
    if (!outcome.continuation) primaryPrompt = outcome.prompt;
    target.prompt(outcome.continuation ? outcome.prompt : colourPrompt(outcome.prompt));
    if (!outcome.continuation) rememberPrompt(hooks.context?.lesson, outcome.prompt);
    for (const request of outcome.requests ?? []) if (request.kind === 'edit') hooks.edit?.(request);
  };

  const onRun = (event: Event) => {
    const command = (event as CustomEvent<RunRequest>).detail?.command;
    if (typeof command !== 'string') return;
    if (!editor || !term) {
      waitingRuns.push(command);
      return;
    }
    term.focus();
    editor.typeIn(command);
  };
  // Listen from the start: a Run clicked while xterm is still loading is kept and run once it is up.
  window.addEventListener(RUN_REQUEST_EVENT, onRun);
  cleanups.push(() => window.removeEventListener(RUN_REQUEST_EVENT, onRun));

  void (async () => {
    const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), fontsReady()]);
    if (disposed) return;
    const terminal = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: TERMINAL_FONT_FAMILY,
      fontSize: TERMINAL_FONT_SIZE,
      lineHeight: 1.2,
      scrollback: SCROLLBACK_LINES,
      screenReaderMode: true,
      scrollOnEraseInDisplay: true,
      theme: TERMINAL_THEME,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    // xterm takes the place of the prompt painted with the page (and its focus, if it had it).
    const hadFocus = earlyTerminalFocused(host);
    const painted = earlyTerminalText(host);
    removeEarlyTerminal(host);
    terminal.open(host);
    if (hadFocus) terminal.focus();
    // Until the shell sends its own prompt, keep showing the painted one, so nothing blinks away.
    if (painted && !firstReady) {
      terminal.write(colourPrompt(painted.prompt) + painted.typed);
      placeholder = true;
    }
    term = terminal;
    cleanups.push(() => terminal.dispose());
    safeFit(fit);
    // Ask xterm to mark pastes, so pasted tabs stay text and pasted lines run one by one.
    terminal.write('\x1b[?2004h');

    const lineEditor = new LineEditor(
      terminal,
      {
        submit(line) {
          void client.run(line).then((outcome) => {
            if (!disposed) showOutcome(lineEditor, outcome);
          });
        },
        interrupt: () => client.interrupt(),
        cancelInput() {
          client.cancelInput();
          lineEditor.prompt(colourPrompt(primaryPrompt));
        },
        eof() {
          // bash would log out; there is nowhere to log out to yet.
        },
        complete: (line, cursor) => client.complete(line, cursor),
        busyChange(busy) {
          if (!stopped) update({ state: busy ? 'busy' : 'idle' });
        },
      },
      { completionQuery: strings().completionQuery },
    );
    editor = lineEditor;
    // Keys pressed on the painted prompt before the terminal loaded, replayed as typed.
    const early = takeTypeahead();
    if (early) lineEditor.input(early);

    const data = terminal.onData((input) => lineEditor.input(input));
    const resized = terminal.onResize(() => lineEditor.resize());
    cleanups.push(() => {
      data.dispose();
      resized.dispose();
    });
    terminal.attachCustomKeyEventHandler((event) => letBrowserHandle(event, terminal));

    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => safeFit(fit), RESIZE_DEBOUNCE_MS);
    });
    observer.observe(host);
    cleanups.push(() => {
      observer.disconnect();
      clearTimeout(resizeTimer);
    });

    if (waitingNotices.length > 0) dropPlaceholder();
    for (const text of waitingNotices.splice(0)) lineEditor.notice(text);
    if (firstReady && !resetting) showFirstPrompt(lineEditor, firstReady);
    for (const command of waitingRuns.splice(0)) lineEditor.typeIn(command);
  })();

  return {
    reset() {
      if (disposed) return;
      resetting = true;
      waitingRuns.length = 0;
      forgetPrompt(hooks.context?.lesson);
      if (stopped) {
        stopped = false;
        update({ state: 'starting' });
      }
      editor?.clearAll();
      client.reset();
    },
    writeFile: (path, content) => client.writeFile(path, content),
    readFile: (path) => client.readFile(path),
    listDir: (path) => client.listDir(path),
    history: () => editor?.getHistory() ?? firstReady?.history ?? [],
    notice(text) {
      const line = WARN + text + RESET;
      dropPlaceholder();
      if (editor) editor.notice(line);
      else waitingNotices.push(line);
    },
    focus: () => term?.focus(),
    dispose() {
      disposed = true;
      client.dispose();
      for (const cleanup of cleanups.reverse()) cleanup();
      term = null;
      editor = null;
    },
  };
}

/** Ubuntu's coloured prompt: bold green `user@host`, bold blue directory. */
export function colourPrompt(prompt: string): string {
  const match = /^([^@\s]+@[^:\s]+):(.*)([#$] )$/.exec(prompt);
  return match ? `\x1b[1;32m${match[1]}\x1b[0m:\x1b[1;34m${match[2]}\x1b[0m${match[3]}` : prompt;
}

/**
 * Copy and paste as in a desktop terminal: Ctrl-C copies when text is selected (otherwise it is
 * an interrupt), Ctrl-Shift-C copies, Ctrl-V and Ctrl-Shift-V paste.
 */
function letBrowserHandle(event: KeyboardEvent, terminal: Terminal): boolean {
  if (event.type !== 'keydown' || !event.ctrlKey || event.altKey || event.metaKey) return true;
  const key = event.key.toLowerCase();
  if (key === 'c' && (event.shiftKey || terminal.hasSelection())) return false;
  if (key === 'v') return false;
  return true;
}

function safeFit(fit: { fit(): void }): void {
  try {
    fit.fit();
  } catch {
    // a pane with no size yet (hidden, collapsed): the next resize fits it
  }
}

/** xterm measures its cell size when it opens: wait (briefly) for the terminal font first. */
async function fontsReady(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  await Promise.race([
    document.fonts.load(`${TERMINAL_FONT_SIZE}px 'JetBrains Mono Variable'`).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS)),
  ]);
}
