/**
 * The shell worker: hosts the simulated world (the sandbox and just-bash) off the page's thread,
 * so a runaway command can never freeze the page, and so the sandbox stays out of the page's
 * bundle. Turbopack builds this as a classic worker: no module-worker features here.
 */
import { createElapsedClock, Sandbox, type SandboxOptions } from '@/sandbox';
import { findScenario } from '@/sandbox/scenarios';
import { CONTINUATION_PROMPT, type ClientMessage, type LessonContext, type WorkerMessage } from './protocol';
import { checkExercises } from './worker-exercises';
import { listDirectory, readForEditor, resolvePath, writeForEditor } from './worker-files';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ClientMessage>) => void): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

/**
 * While a script runs, just-bash's defense in depth swaps `performance.now` for a stub that throws.
 * The sandbox's clock is trusted host code that scripts do reach (a file's mtime on write), so it
 * keeps a reference to the real function, taken before any script runs.
 */
const now: () => number = performance.now.bind(performance);

/** A restored world's clock carries on from the moment it was saved. */
const options = (startMs?: number): SandboxOptions => ({
  elapsed: now,
  clock: createElapsedClock(now, startMs),
});

let world: Promise<Sandbox> | null = null;
/** The lesson this terminal serves, from the first message. */
let lesson: LessonContext | undefined;
/** Lines of a command still being entered (after an open quote, a heredoc, a trailing pipe...). */
let unfinished: string | null = null;
let running: { id: number; controller: AbortController } | null = null;
/** An interrupt that arrived before its command started. */
let interruptedId = -1;
/** Commands run one at a time, in the order they came. */
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'boot':
    case 'restore':
      if (!world) {
        lesson = message.context;
        world = start(message.type === 'restore' ? message.snapshot : undefined);
      }
      return;
    case 'run':
      queue = queue.then(() => run(message.id, message.line)).catch(() => undefined);
      return;
    case 'interrupt':
      if (running?.id === message.id) running.controller.abort();
      else interruptedId = message.id;
      return;
    case 'cancel-input':
      unfinished = null;
      return;
    case 'complete':
      void complete(message.id, message.line, message.cursor);
      return;
    case 'write-file':
      // After whatever command is running: a save is a change to the world, like a command.
      queue = queue.then(() => writeFile(message.id, message.path, message.content)).catch(() => undefined);
      return;
    case 'read-file':
      void answer(async (sandbox) => {
        const path = resolvePath(sandbox.console.top.session.getCwd(), message.path);
        post({ type: 'file', id: message.id, ...(await readForEditor(sandbox.console, path)) });
      }, (error) => post({ type: 'file', id: message.id, path: message.path, content: '', exists: false, error }));
      return;
    case 'list-dir':
      void answer(async (sandbox) => {
        const shell = sandbox.console.top.session;
        const path = resolvePath(shell.getCwd(), message.path ?? '.');
        post({ type: 'listing', id: message.id, ...(await listDirectory(shell.filesystem, path)) });
      }, (error) => post({ type: 'listing', id: message.id, path: message.path ?? '', entries: [], error }));
      return;
  }
});

/** Runs a request against the world once it is up; a failure is answered, never left hanging. */
async function answer(work: (sandbox: Sandbox) => Promise<void>, fail: (error: string) => void): Promise<void> {
  try {
    await work(await ready());
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function start(saved?: Parameters<typeof Sandbox.restore>[0]): Promise<Sandbox> {
  let sandbox: Sandbox | null = null;
  let restored = false;
  if (saved) {
    try {
      sandbox = await Sandbox.restore(saved, options(saved.time));
      restored = true;
    } catch {
      // An unreadable save is set aside: the student gets a fresh world rather than none.
    }
  }
  // An earlier lesson's world: this lesson's scenario takes it over, or the lesson starts as usual.
  let carried = false;
  if (sandbox && lesson?.carriedFrom) {
    const scenario = findScenario(lesson.scenario);
    carried = (await scenario?.adopt?.(sandbox).catch(() => false)) ?? false;
    if (!carried) [sandbox, restored] = [null, false];
  }
  try {
    sandbox ??= await fresh();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const shell = sandbox.console;
  post({ type: 'ready', prompt: shell.prompt(), history: [...shell.getHistory()], hostLabel: hostLabel(sandbox), restored, ...(carried ? { carried } : {}) });
  await report(sandbox);
  return sandbox;
}

/** A new world: the lesson's scenario, or the bare host when the lesson names none this build knows. */
function fresh(): Promise<Sandbox> {
  const scenario = lesson ? findScenario(lesson.scenario) : undefined;
  return scenario ? scenario.build(options()) : Sandbox.create(options());
}

/** Checks the lesson's exercises against the world and tells the page. Never fails the shell. */
async function report(sandbox: Sandbox): Promise<void> {
  if (!lesson) return;
  try {
    const reports = await checkExercises(sandbox, lesson);
    if (reports) post({ type: 'exercises', reports });
  } catch {
    // Each check's own failure is a report (runner.ts); anything else leaves the cards as they were.
  }
}

async function saveSnapshot(sandbox: Sandbox): Promise<void> {
  try {
    post({ type: 'snapshot', snapshot: await sandbox.snapshot() });
  } catch {
    // The previous snapshot stays the one a restart would use.
  }
}

async function writeFile(id: number, path: string, content: string): Promise<void> {
  let sandbox: Sandbox;
  try {
    sandbox = await ready();
  } catch {
    post({ type: 'written', id, ok: false, error: 'the shell is not running' });
    return;
  }
  try {
    await writeForEditor(sandbox.console, resolvePath(sandbox.console.top.session.getCwd(), path), content);
  } catch (error) {
    post({ type: 'written', id, ok: false, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ type: 'written', id, ok: true });
  await report(sandbox);
  await saveSnapshot(sandbox);
}

async function run(id: number, line: string): Promise<void> {
  let sandbox: Sandbox;
  try {
    sandbox = await ready();
  } catch {
    return; // `failed` was posted; the client restarts the worker
  }
  const shell = sandbox.console;
  const text = unfinished === null ? line : `${unfinished}\n${line}`;
  if (shell.isIncomplete(text)) {
    unfinished = text;
    post({ type: 'result', id, stdout: '', stderr: '', exitCode: 0, interrupted: false, droppedLines: 0, prompt: CONTINUATION_PROMPT, continuation: true, hostLabel: hostLabel(sandbox) });
    return;
  }
  unfinished = null;
  const controller = new AbortController();
  if (interruptedId === id) controller.abort();
  running = { id, controller };
  const before = shell.top;
  try {
    const { stdout, stderr, exitCode, interrupted, droppedLines, requests } = await shell.run(text, controller.signal, (output) => post({ type: 'output', id, text: output }));
    // A nested shell (unshare ... bash, later docker exec -it, ssh) started or exited: its history is its own.
    const history = shell.top === before ? undefined : [...shell.getHistory()];
    post({
      type: 'result',
      id,
      stdout,
      stderr,
      exitCode,
      interrupted,
      droppedLines,
      prompt: shell.prompt(),
      continuation: false,
      hostLabel: hostLabel(sandbox),
      history,
      requests: requests.length > 0 ? requests : undefined,
    });
  } catch (error) {
    // The shell reports failures as bash would; anything that still escapes is shown, not swallowed.
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'result', id, stdout: '', stderr: `bash: ${message}\n`, exitCode: 1, interrupted: controller.signal.aborted, droppedLines: 0, prompt: shell.prompt(), continuation: false, hostLabel: hostLabel(sandbox) });
  } finally {
    running = null;
  }
  await report(sandbox);
  await saveSnapshot(sandbox);
}

async function complete(id: number, line: string, cursor: number): Promise<void> {
  try {
    const sandbox = await ready();
    const completion = await sandbox.console.complete(line, cursor);
    post({ type: 'completion', id, ...completion });
  } catch {
    post({ type: 'completion', id, start: cursor, replacement: '', candidates: [] });
  }
}

/** `user@hostname` of the shell that has the terminal. */
function hostLabel(sandbox: Sandbox): string {
  const { user, hostname } = sandbox.console.top.session.identity;
  return `${user}@${hostname}`;
}

function ready(): Promise<Sandbox> {
  world ??= start();
  return world;
}
