/**
 * The terminal's view of the shells: a stack. The login shell is at the bottom; `unshare ... bash`,
 * `nsenter`, `chroot` (and later `docker exec -it`, `ssh node01`) push a shell that owns the
 * terminal until it exits, when the one below takes over again with its state intact.
 */
import { KernelError } from '../core/errors';
import type { Kernel } from '../kernel/kernel';
import type { Completion } from './completion';
import type { RunResult, ShellSession } from './session';

export interface ConsoleFrame {
  session: ShellSession;
  /** Host pid of the shell process (on `host`, when the shell runs on another host). */
  pid: number;
  /** Called when the shell exits with its status: ends the processes that were waiting on it. */
  onExit: (status: number) => void;
  /** The host the shell runs on, when it is not the terminal's own (`ssh node01`). */
  host?: FrameHost;
  /** What the terminal shows as the shell leaves; bash's `exit` by default, nothing for ash. */
  farewell?: string;
  /** How a shell on another host was reached: an ssh login, or a shell in a pod's container. */
  via?: 'ssh' | 'exec';
}

/** Enough of a host for a frame to name it (kept narrow: the console does not depend on Host). */
export interface FrameHost {
  readonly hostname: string;
  readonly kernel: Kernel;
}

/** Something a command asks of the terminal's surroundings (the page), not of the world. */
export type UiRequest = { kind: 'edit'; path: string; content: string; exists: boolean };

export class Console {
  private readonly stack: ConsoleFrame[] = [];
  private pending: ConsoleFrame[] = [];
  private requests: UiRequest[] = [];
  /** Where output goes while the current line runs, for commands that print as they go. */
  private sink: ((text: string) => void) | undefined;

  constructor(base: ConsoleFrame) {
    this.stack.push(base);
  }

  get top(): ConsoleFrame {
    return this.stack[this.stack.length - 1];
  }

  get depth(): number {
    return this.stack.length;
  }

  frames(): readonly ConsoleFrame[] {
    return this.stack;
  }

  /** Puts restored nested shells back on the stack, bottom first. */
  restoreFrames(frames: ConsoleFrame[]): void {
    this.stack.push(...frames);
  }

  /** A command asks the page for something (`code FILE` opens the editor); handed out with the result. */
  request(request: UiRequest): void {
    this.requests.push(request);
  }

  /** Reads a file as the active shell sees it (for the editor pane). */
  readFile(path: string): Promise<string> {
    return this.top.session.filesystem.readFile(path);
  }

  /**
   * Writes a file as the active shell sees it: the editor's Save. Like write(2) through open(2),
   * it refuses a directory (EISDIR) and a path whose directory does not exist (ENOENT).
   */
  async writeFile(path: string, content: string): Promise<void> {
    const fs = this.top.session.filesystem;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const parentStat = await fs.stat(parent).catch(() => null);
    if (!parentStat) throw new KernelError('ENOENT', 'open', path);
    if (!parentStat.isDirectory) throw new KernelError('ENOTDIR', 'open', path);
    if ((await fs.stat(path).catch(() => null))?.isDirectory) throw new KernelError('EISDIR', 'open', path);
    await fs.writeFile(path, content);
  }

  /** Another terminal's shell runs on this host (`ssh` here from elsewhere): it is this host's active shell too. */
  enter(frame: ConsoleFrame): void {
    this.stack.push(frame);
  }

  /** That shell has ended. */
  leave(frame: ConsoleFrame): void {
    const at = this.stack.indexOf(frame);
    if (at > 0) this.stack.splice(at, 1);
  }

  /** A command asks for a shell to take over the terminal once the current line has finished. */
  push(frame: ConsoleFrame): void {
    this.pending.push(frame);
  }

  prompt(): string {
    return this.top.session.prompt();
  }

  isIncomplete(text: string): boolean {
    return this.top.session.isIncomplete(text);
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.top.session.complete(line, cursor);
  }

  /** The active shell's history: a nested bash has its own, as in real life. */
  getHistory(): readonly string[] {
    return this.top.session.getHistory();
  }

  /** Whether output can be shown while the current line still runs (a terminal is attached). */
  get canStream(): boolean {
    return this.sink !== undefined;
  }

  /**
   * A command whose standard output is the terminal prints this now, before it finishes
   * (`docker pull` layer by layer, a server's log lines). Returns false when nobody is listening,
   * and the command then returns the text with its result instead.
   */
  stream(text: string): boolean {
    if (!this.sink || text === '') return false;
    this.sink(text);
    return true;
  }

  async run(line: string, signal?: AbortSignal, sink?: (text: string) => void): Promise<RunResult & { requests: UiRequest[] }> {
    const frame = this.top;
    this.requests = [];
    this.sink = sink;
    const result = await frame.session.run(line, signal);
    if (result.exited && this.stack.length > 1) {
      this.stack.pop();
      // An interactive bash says `exit` as it leaves; BusyBox's ash leaves silently; ssh says more.
      result.stderr += frame.farewell ?? (frame.session.identity.style === 'ash' ? '' : 'exit\n');
      frame.onExit(result.exitCode);
      this.top.session.setLastStatus(result.exitCode);
    }
    for (const next of this.pending) this.stack.push(next);
    this.pending = [];
    this.sink = undefined;
    return { ...result, requests: this.requests };
  }
}
