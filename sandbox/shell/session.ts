/**
 * ShellSession: one interactive bash on one simulated host (or, later, inside a container).
 *
 * just-bash executes a script and forgets; a terminal needs a shell that remembers. The session
 * carries what bash keeps between lines (cwd, variables, aliases, shell options, functions, `$?`,
 * history), makes busy loops interruptible, and bounds runaway output. It never prints: it returns
 * what the command wrote, and the terminal decides how to show it.
 */
import { Bash, defineCommand, type Command, type IFileSystem, type TransformPlugin } from 'just-bash';
import { commandStatement } from './ast';
import { complete, type Completion } from './completion';
import { needsMoreInput } from './continuation';
import { limitOutput } from './output-limit';
import { FunctionMemory } from './plugins/persist-functions';
import { createYieldCommand, loopYieldPlugin } from './plugins/loop-yield';
import { WriteOwner } from './plugins/write-owner';
import { ExitMark } from './plugins/exit-mark';
import { ttyMarkPlugin } from './plugins/tty-mark';
import { KernelError } from '../core/errors';
import { HIDDEN_PREFIX, withHiddenCommands } from './hidden-commands';

export interface ShellIdentity {
  hostname: string;
  user: string;
  home: string;
  /** Which shell's prompt: bash's `root@host:~# ` or BusyBox ash's `~ # `. */
  style?: 'bash' | 'ash';
}

export interface ShellSessionOptions {
  /** Who and where the shell is; read on every prompt, since `hostname demo` changes it. */
  identity: () => ShellIdentity;
  fs: IFileSystem;
  cwd?: string;
  env?: Record<string, string>;
  /** Commands that replace or add to just-bash's own (ps, uname, docker, ...). */
  commands?: Command[];
  processInfo?: { pid: number; ppid: number; uid: number; gid: number };
  /** Monotonic milliseconds from the host environment; only paces cooperative yields. */
  elapsed: () => number;
  /** How `sleep N` passes time: the world's clock (instant on a manual clock, real otherwise). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The run was stopped by `interrupt` (Ctrl-C). */
  interrupted: boolean;
  /** Lines of stdout dropped because they would not fit in the terminal's scrollback. */
  droppedLines: number;
  /** The line ran `exit`: the shell is gone and its terminal should return to the one below. */
  exited: boolean;
}

export interface ShellSnapshot {
  cwd: string;
  env: Record<string, string>;
  history: string[];
  functions: unknown[];
  lastStatus: number;
}

const STATUS_COMMAND = `${HIDDEN_PREFIX}status`;
/** Exit status bash reports for a command killed by SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;
/** just-bash's own status for an aborted run. */
const EXIT_ABORTED = 124;
/** Variables that belong to one run, not to the shell between runs. */
const TRANSIENT_VARIABLES = ['?', 'BASH_HISTORY', '_'];

const NO_LIMIT = 1_000_000_000;

export class ShellSession {
  private readonly identityOf: () => ShellIdentity;
  private readonly bash: Bash;
  private readonly exitMark = new ExitMark();
  private readonly functions = new FunctionMemory();
  private readonly writeOwner = new WriteOwner();
  private env: Record<string, string> | undefined;
  /** False for a shell whose output goes to a pipe or a log (`docker exec` without -t, a container's script). */
  stdoutIsTerminal = true;
  private cwd: string;
  private history: string[] = [];
  private lastStatus = 0;
  /** The abort signal of the line being run, so `sleep` ends on Ctrl-C. */
  private running: AbortSignal | undefined;

  constructor(options: ShellSessionOptions) {
    this.identityOf = options.identity;
    const { hostname, user, home } = options.identity();
    this.cwd = options.cwd ?? home;
    const status = defineCommand(STATUS_COMMAND, async (args) => ({ stdout: '', stderr: '', exitCode: Number(args[0]) || 0 }));
    this.bash = new Bash({
      fs: withHiddenCommands(options.fs),
      cwd: this.cwd,
      env: {
        HOME: home,
        USER: user,
        LOGNAME: user,
        HOSTNAME: hostname,
        SHELL: '/bin/bash',
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        ...options.env,
      },
      processInfo: options.processInfo,
      sleep: options.sleep ? (ms) => options.sleep!(ms, this.running) : undefined,
      customCommands: [status, createYieldCommand(options.elapsed), this.writeOwner.command, this.exitMark.command, ...(options.commands ?? [])],
      // Real bash has no iteration limits: a runaway loop is the student's to stop with Ctrl-C,
      // which the loop-yield plugin makes possible. The memory guards stay at their defaults.
      executionLimits: { maxLoopIterations: NO_LIMIT, maxCommandCount: NO_LIMIT, maxWorkUnits: NO_LIMIT, maxAwkIterations: NO_LIMIT, maxSedIterations: NO_LIMIT },
    });
    this.bash.registerTransformPlugin(loopYieldPlugin);
    this.bash.registerTransformPlugin(this.functions.plugin);
    this.bash.registerTransformPlugin(this.statusPlugin());
    this.bash.registerTransformPlugin(this.writeOwner.plugin);
    this.bash.registerTransformPlugin(this.exitMark.plugin);
    this.bash.registerTransformPlugin(ttyMarkPlugin(() => this.stdoutIsTerminal));
  }

  get identity(): ShellIdentity {
    return this.identityOf();
  }

  /** Runs the start-up an interactive login shell would: aliases on, ~/.bashrc read. */
  async start(): Promise<void> {
    await this.execute(`shopt -s expand_aliases; [ -f ~/.bashrc ] && . ~/.bashrc; true`, undefined, false);
  }

  /** `root@lab:~# ` — the primary prompt, from the session's state. */
  prompt(): string {
    const { user, hostname, home, style } = this.identity;
    const dir = this.cwd === home ? '~' : this.cwd.startsWith(home + '/') ? '~' + this.cwd.slice(home.length) : this.cwd;
    const sign = user === 'root' ? '#' : '$';
    return style === 'ash' ? `${dir} ${sign} ` : `${user}@${hostname}:${dir}${sign} `;
  }

  /** True when `text` is an unfinished command: bash would print `> ` and read on. */
  isIncomplete(text: string): boolean {
    return needsMoreInput(text);
  }

  /** `stdin` (bytes as latin1, as a pipeline carries them) feeds the line: `ssh node01 CMD < file`. */
  async run(commandLine: string, signal?: AbortSignal, stdin?: string): Promise<RunResult> {
    if (commandLine.trim() !== '') this.history.push(commandLine);
    return this.execute(commandLine, signal, true, stdin);
  }

  async complete(line: string, cursor: number): Promise<Completion> {
    return complete(line, cursor, {
      fs: this.bash.fs,
      cwd: this.cwd,
      home: this.identity.home,
      commandNames: await this.commandNames(),
    });
  }

  /** Forgets the history (a scenario's own setup commands are not the student's). */
  clearHistory(): void {
    this.history = [];
  }

  /** What `$?` shows next: a nested shell's status once it exits, for the shell that started it. */
  setLastStatus(status: number): void {
    this.lastStatus = status;
  }

  getHistory(): readonly string[] {
    return this.history;
  }

  getCwd(): string {
    return this.cwd;
  }

  /** A variable of this shell, as `echo $NAME` would show it. */
  variable(name: string): string | undefined {
    return this.env?.[name];
  }

  /** The filesystem this shell sees (its mount namespace's view, or a chroot's). */
  get filesystem(): IFileSystem {
    return this.bash.fs;
  }

  snapshot(): ShellSnapshot {
    return { cwd: this.cwd, env: { ...this.env }, history: [...this.history], functions: this.functions.snapshot(), lastStatus: this.lastStatus };
  }

  restore(saved: ShellSnapshot): void {
    this.cwd = saved.cwd;
    this.env = { ...saved.env };
    this.history = [...saved.history];
    this.lastStatus = saved.lastStatus;
    this.functions.restore(saved.functions);
  }

  private async execute(script: string, signal: AbortSignal | undefined, userInput: boolean, stdin?: string): Promise<RunResult> {
    const env = { ...this.env, BASH_HISTORY: JSON.stringify(this.history) };
    let stdout = '';
    let stderr = '';
    let exitCode: number;
    this.running = signal;
    try {
      const result = await this.bash.exec(script, { env, cwd: this.cwd, replaceEnv: this.env !== undefined, signal, rawScript: true, ...(stdin ? { stdin, stdinKind: 'bytes' as const } : {}) });
      stdout = result.stdout;
      stderr = result.stderr;
      exitCode = result.exitCode;
      this.env = withoutTransient(result.env);
      this.cwd = result.env.PWD ?? this.cwd;
    } catch (error) {
      // A few failures (a write error inside a redirection, for one) escape just-bash as exceptions.
      stderr = this.describeFailure(error);
      exitCode = 1;
    }
    this.running = undefined;
    const interrupted = !!signal?.aborted;
    if (interrupted) {
      exitCode = EXIT_INTERRUPTED;
      // just-bash explains the abort in its own words; bash prints nothing after ^C.
      stderr = stderr.replace(/^bash: .*(abort|cancel).*\n?/gim, '');
    } else if (exitCode === EXIT_ABORTED && /aborted/i.test(stderr)) {
      exitCode = EXIT_INTERRUPTED;
    }
    if (userInput) this.lastStatus = exitCode;
    // BusyBox ash words it differently: `sh: ps: not found`.
    if (this.identity.style === 'ash') stderr = stderr.replace(/^bash: (.+): command not found$/gm, 'sh: $1: not found');
    const limited = limitOutput(stdout);
    const exited = this.exitMark.take();
    return { stdout: limited.text, stderr, exitCode, interrupted, droppedLines: limited.droppedLines, exited };
  }

  private describeFailure(error: unknown): string {
    if (error instanceof KernelError && error.syscall === 'write') {
      const writer = this.writeOwner.current || 'bash';
      return SHELL_BUILTIN_WRITERS.has(writer) ? `bash: ${writer}: write error: ${error.text}\n` : `${writer}: write error: ${error.text}\n`;
    }
    if (error instanceof KernelError && error.path) {
      // A redirect that cannot open its file; BusyBox ash words it as "can't create".
      return this.identity.style === 'ash' ? `sh: can't create ${error.path}: ${error.text}\n` : `bash: ${error.path}: ${error.text}\n`;
    }
    return `bash: ${describeError(error)}\n`;
  }

  /** Puts `$?` back: each run starts as if the previous line's status were still current. */
  private statusPlugin(): TransformPlugin {
    return {
      name: 'restore-status',
      transform: ({ ast }) => {
        const functionCount = this.functions.names().length;
        (ast.statements as unknown[]).splice(functionCount, 0, commandStatement(STATUS_COMMAND, String(this.lastStatus)));
        return { ast };
      },
    };
  }

  private async commandNames(): Promise<string[]> {
    const names = new Set<string>(BASH_BUILTINS);
    for (const name of this.functions.names()) names.add(name);
    for (const key of Object.keys(this.env ?? {})) if (key.startsWith('BASH_ALIAS_')) names.add(key.slice('BASH_ALIAS_'.length));
    for (const dir of (this.env?.PATH ?? '/usr/bin:/bin').split(':')) {
      try {
        for (const entry of await this.bash.fs.readdir(dir)) names.add(entry);
      } catch {
        // a PATH entry that does not exist contributes nothing, as in bash
      }
    }
    return [...names].filter((name) => !name.startsWith(HIDDEN_PREFIX)).sort();
  }
}

/** Builtins report write errors as `bash: echo: write error: ...`; programs in their own name. */
const SHELL_BUILTIN_WRITERS = new Set(['echo', 'printf', 'pwd', 'history', 'type', 'alias', 'declare', 'set']);

const BASH_BUILTINS = [
  'alias', 'break', 'cd', 'continue', 'declare', 'echo', 'eval', 'exec', 'exit', 'export', 'false', 'history',
  'local', 'printf', 'pwd', 'read', 'return', 'set', 'shift', 'shopt', 'source', 'test', 'true', 'type',
  'unalias', 'unset',
];

function withoutTransient(env: Record<string, string>): Record<string, string> {
  const kept = { ...env };
  for (const name of TRANSIENT_VARIABLES) delete kept[name];
  return kept;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node-style fs errors ("EROFS: read-only file system, open '/x'") become bash's wording.
  const fsError = /^E[A-Z]+: ([^,]+), \w+ '([^']+)'/.exec(message);
  if (fsError) return `${fsError[2]}: ${capitalise(fsError[1])}`;
  return message;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
