/**
 * The UI side of the port to the shell worker. It starts the worker on first use, turns messages
 * into promises, keeps the latest snapshot of the world, and watches over the worker: if Ctrl-C
 * gets no answer in time, or the worker dies, it replaces the worker with a new one restored from
 * that snapshot, so nothing the student runs can leave the terminal stuck.
 */
import type {
  ClientMessage,
  DirectoryEntry,
  ExerciseStatusReport,
  FileMessage,
  LessonContext,
  ListingMessage,
  ReadyMessage,
  ResultMessage,
  SandboxSnapshot,
  WorkerMessage,
  WrittenMessage,
} from './protocol';
import type { CompletionResult } from './line-editor';

/** What `new Worker(...)` gives; a fake in tests. */
export interface WorkerLike {
  postMessage(message: ClientMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export type RunOutcome =
  | ({ status: 'done' } & Omit<ResultMessage, 'type' | 'id'>)
  /** The worker was replaced while the command ran; `prompt` is the restored shell's. */
  | { status: 'restarted'; prompt: string }
  /** The lesson was reset while the command ran: a fresh world replaced it. */
  | { status: 'reset' }
  /** The shell could not be started again. */
  | { status: 'unavailable' };

export type RestartReason = 'unresponsive' | 'crashed';

export interface ShellClientEvents {
  /** A worker is ready (the first one, and each replacement). */
  ready(info: ReadyMessage): void;
  /** The worker was replaced while no command was running (a running command learns it from its outcome). */
  restarted?(reason: RestartReason): void;
  snapshot?(snapshot: SandboxSnapshot): void;
  /**
   * A command finished (not a line that left it unfinished). Called as the result arrives, before
   * the `exercises` report that follows it, so "the student tried" is known before "it passed".
   */
  finished?(line: string, result: ResultMessage): void;
  /** Output of the running command `id`, printed before it finishes. */
  output?(id: number, text: string): void;
  /** The lesson's exercises, checked against the world. */
  exercises?(reports: ExerciseStatusReport[]): void;
  /** A saved world was sent and could not be restored: the worker started a fresh one instead. */
  restoreFailed?(): void;
  /** Replacements kept failing; the shell is gone until the page reloads. */
  unavailable?(message: string): void;
}

export interface ShellClientOptions {
  createWorker: () => WorkerLike;
  /** A worker already started (so its code loads while the page does other work): used for the first spawn. */
  worker?: WorkerLike;
  events: ShellClientEvents;
  /** The lesson the terminal serves (its scenario and exercises). */
  context?: LessonContext;
  /** A saved world to start from. */
  snapshot?: SandboxSnapshot;
  /** How long a file request (read, write, list) may take before it is answered with an error. */
  fileTimeoutMs?: number;
  /** How long Ctrl-C may go unanswered before the worker is replaced. */
  interruptTimeoutMs?: number;
  /** How long a completion may take before it is given up (the line editor waits for it). */
  completionTimeoutMs?: number;
  /** Replacements in a row that never became ready before giving up. */
  maxFailedStarts?: number;
}

const NO_COMPLETION = (cursor: number): CompletionResult => ({ start: cursor, replacement: '', candidates: [] });

export type WriteOutcome = Omit<WrittenMessage, 'type' | 'id'>;
export type ReadOutcome = Omit<FileMessage, 'type' | 'id'>;
export type ListOutcome = Omit<ListingMessage, 'type' | 'id'>;
export type { DirectoryEntry };

type FileAnswer = WrittenMessage | FileMessage | ListingMessage;

export class ShellClient {
  private worker: WorkerLike | null = null;
  private latest: SandboxSnapshot | undefined;
  private nextId = 1;
  private pendingRun: { id: number; line: string; resolve: (outcome: RunOutcome) => void } | null = null;
  private fileRequests = new Map<number, { resolve: (answer: FileAnswer | null) => void; timer: ReturnType<typeof setTimeout> }>();
  /** Whether the current worker was sent a saved world (so `restored: false` means it was set aside). */
  private sentSnapshot = false;
  /** The first world sent is an earlier lesson's (context.carriedFrom): only until a worker has answered. */
  private carrying: boolean;
  private completions = new Map<number, { cursor: number; resolve: (result: CompletionResult) => void; timer: ReturnType<typeof setTimeout> }>();
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private failedStarts = 0;
  private restarting: RestartReason | null = null;
  private wasReady = false;
  private gone = false;
  private disposed = false;

  private early: WorkerLike | undefined;

  constructor(private readonly options: ShellClientOptions) {
    this.latest = options.snapshot;
    this.early = options.worker;
    this.carrying = options.context?.carriedFrom !== undefined && options.snapshot !== undefined;
  }

  /** The latest snapshot of the world (after the last completed command). */
  get snapshot(): SandboxSnapshot | undefined {
    return this.latest;
  }

  /** Starts the worker if it is not running yet. */
  start(): void {
    if (!this.worker && !this.disposed && !this.gone) this.spawn();
  }

  run(line: string): Promise<RunOutcome> {
    if (this.gone || this.disposed) return Promise.resolve({ status: 'unavailable' });
    this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pendingRun = { id, line, resolve };
      this.post({ type: 'run', id, line });
    });
  }

  /** The editor's Save. */
  async writeFile(path: string, content: string): Promise<WriteOutcome> {
    const answer = await this.fileRequest((id) => ({ type: 'write-file', id, path, content }));
    return answer?.type === 'written' ? { ok: answer.ok, error: answer.error } : { ok: false, error: 'the shell did not answer' };
  }

  /** Reads a file for the editor; a relative path is taken from the shell's working directory. */
  async readFile(path: string): Promise<ReadOutcome> {
    const answer = await this.fileRequest((id) => ({ type: 'read-file', id, path }));
    return answer?.type === 'file' ? { path: answer.path, content: answer.content, exists: answer.exists, error: answer.error } : { path, content: '', exists: false, error: 'the shell did not answer' };
  }

  /** Lists a directory for the file tree; without a path, the shell's working directory. */
  async listDir(path?: string): Promise<ListOutcome> {
    const answer = await this.fileRequest((id) => ({ type: 'list-dir', id, path }));
    return answer?.type === 'listing' ? { path: answer.path, entries: answer.entries, error: answer.error } : { path: path ?? '', entries: [], error: 'the shell did not answer' };
  }

  /**
   * Throws the world away and starts the lesson's scenario afresh (Reset lesson). A command still
   * running is abandoned: its outcome is `reset`.
   */
  reset(): void {
    if (this.disposed) return;
    this.clearWatchdog();
    this.stopWorker();
    this.latest = undefined;
    this.settleAll();
    const run = this.pendingRun;
    this.pendingRun = null;
    run?.resolve({ status: 'reset' });
    this.restarting = null;
    this.failedStarts = 0;
    this.gone = false;
    this.spawn();
  }

  /** Ctrl-C: aborts the running command, and replaces the worker if it does not answer in time. */
  interrupt(): void {
    const run = this.pendingRun;
    if (!run || !this.worker || this.restarting) return;
    this.post({ type: 'interrupt', id: run.id });
    this.watchdog ??= setTimeout(() => {
      this.watchdog = null;
      if (this.pendingRun === run) this.restart('unresponsive');
    }, this.options.interruptTimeoutMs ?? 1500);
  }

  cancelInput(): void {
    this.post({ type: 'cancel-input' });
  }

  complete(line: string, cursor: number): Promise<CompletionResult> {
    if (!this.worker || this.restarting) return Promise.resolve(NO_COMPLETION(cursor));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settleCompletion(id, NO_COMPLETION(cursor)), this.options.completionTimeoutMs ?? 3000);
      this.completions.set(id, { cursor, resolve, timer });
      this.post({ type: 'complete', id, line, cursor });
    });
  }

  dispose(): void {
    this.disposed = true;
    this.early?.terminate();
    this.early = undefined;
    this.stopWorker();
    this.clearWatchdog();
    this.settleAll();
  }

  private fileRequest(message: (id: number) => ClientMessage): Promise<FileAnswer | null> {
    if (this.gone || this.disposed) return Promise.resolve(null);
    this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settleFile(id, null), this.options.fileTimeoutMs ?? 10_000);
      this.fileRequests.set(id, { resolve, timer });
      this.post(message(id));
    });
  }

  private settleFile(id: number, answer: FileAnswer | null): void {
    const pending = this.fileRequests.get(id);
    if (!pending) return;
    this.fileRequests.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(answer);
  }

  /** Answers every completion and file request still waiting (the worker that would have is gone). */
  private settleAll(): void {
    for (const [id, { cursor }] of this.completions) this.settleCompletion(id, NO_COMPLETION(cursor));
    for (const id of [...this.fileRequests.keys()]) this.settleFile(id, null);
  }

  private spawn(): void {
    const early = this.early;
    this.early = undefined;
    const worker = early ?? this.options.createWorker();
    // Listeners go on before anything else happens: a message that arrives with none is lost.
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.worker === worker) this.restart('crashed');
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this.restart('crashed');
    };
    this.worker = worker;
    // Once a worker has answered, the world is this lesson's own: a restart restores it as such.
    const given = this.options.context;
    const context: LessonContext | undefined = given && !this.carrying ? { lesson: given.lesson, locale: given.locale, scenario: given.scenario } : given;
    this.sentSnapshot = this.latest !== undefined;
    worker.postMessage(this.latest ? { type: 'restore', snapshot: this.latest, context } : { type: 'boot', context });
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready': {
        this.failedStarts = 0;
        const reason = this.restarting;
        this.restarting = null;
        if (reason) {
          const run = this.pendingRun;
          this.pendingRun = null;
          if (run) run.resolve({ status: 'restarted', prompt: message.prompt });
          else if (this.wasReady) this.options.events.restarted?.(reason);
        }
        this.wasReady = true;
        if (this.sentSnapshot && !message.restored) {
          // The saved world could not be read (or the earlier lesson's was not taken over): never send it again.
          this.latest = undefined;
          if (!this.carrying) this.options.events.restoreFailed?.();
        }
        this.carrying = false;
        this.sentSnapshot = false;
        this.options.events.ready(message);
        return;
      }
      case 'result': {
        const run = this.pendingRun;
        if (!run || run.id !== message.id) return;
        this.pendingRun = null;
        this.clearWatchdog();
        if (!message.continuation) this.options.events.finished?.(run.line, message);
        const { stdout, stderr, exitCode, interrupted, droppedLines, prompt, continuation, hostLabel, history, requests } = message;
        run.resolve({ status: 'done', stdout, stderr, exitCode, interrupted, droppedLines, prompt, continuation, hostLabel, history, requests });
        return;
      }
      case 'output':
        if (this.pendingRun?.id === message.id) this.options.events.output?.(message.id, message.text);
        return;
      case 'completion': {
        const { start, replacement, candidates } = message;
        this.settleCompletion(message.id, { start, replacement, candidates });
        return;
      }
      case 'snapshot':
        this.latest = message.snapshot;
        this.options.events.snapshot?.(message.snapshot);
        return;
      case 'exercises':
        this.options.events.exercises?.(message.reports);
        return;
      case 'written':
      case 'file':
      case 'listing':
        this.settleFile(message.id, message);
        return;
      case 'failed':
        this.restart('crashed', message.message);
        return;
    }
  }

  private restart(reason: RestartReason, detail = ''): void {
    if (this.disposed || this.gone) return;
    this.clearWatchdog();
    this.stopWorker();
    this.settleAll();
    this.restarting ??= reason;
    if (++this.failedStarts > (this.options.maxFailedStarts ?? 3)) {
      this.gone = true;
      const run = this.pendingRun;
      this.pendingRun = null;
      run?.resolve({ status: 'unavailable' });
      this.options.events.unavailable?.(detail);
      return;
    }
    this.spawn();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
  }

  private post(message: ClientMessage): void {
    this.worker?.postMessage(message);
  }

  private settleCompletion(id: number, result: CompletionResult): void {
    const pending = this.completions.get(id);
    if (!pending) return;
    this.completions.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }
}
