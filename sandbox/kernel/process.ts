/**
 * A process as the kernel keeps it, in plain serialisable data. Pids are those of the initial pid
 * namespace; `nspid` lists the process's pid at every level from the initial namespace down to its
 * own, as /proc/PID/status's NSpid line does.
 */
import type { NamespaceSet } from './namespaces';

/** ps's STAT letters: running, sleeping, uninterruptible, stopped, zombie, idle kernel thread. */
export type ProcessState = 'R' | 'S' | 'D' | 'T' | 'Z' | 'I';

export interface Process {
  pid: number;
  ppid: number;
  nspid: number[];
  uid: number;
  gid: number;
  /** The command name (at most 15 characters, as the kernel truncates it). */
  comm: string;
  argv: string[];
  state: ProcessState;
  /** A kernel thread: ps shows it in brackets and it has no memory of its own. */
  kernelThread: boolean;
  /** Simulated clock time when it started, in ms. */
  startedAt: number;
  /** CPU time used so far, in ms. */
  cpuMs: number;
  /** Resident and virtual memory, in KiB. */
  rssKiB: number;
  vszKiB: number;
  /** Controlling terminal, e.g. `pts/0`; null prints as `?`. */
  tty: string | null;
  /** A session leader or foreground group, for ps's `s` and `+` flags. */
  sessionLeader: boolean;
  foreground: boolean;
  nice: number;
  /** Path in the cgroup v2 hierarchy, `/` for the root cgroup. */
  cgroup: string;
  ns: NamespaceSet;
  /**
   * Started by a container runtime with its default confinement: the reduced capability set
   * (no CAP_SYS_ADMIN, so no sethostname or mount) and the default seccomp filter. Inherited.
   */
  confined?: boolean;
  /** Set by unshare(CLONE_NEWPID) or setns: the pid namespace this process's children are born in. */
  pidForChildren?: number;
  /** Signals it catches or ignores and lives through (an interactive bash ignores SIGTERM). */
  survives?: number[];
  /** Signals it has a handler for and dies of cleanly: a namespace's init must have one to be stopped. */
  handles?: number[];
  /** Set once the process has exited: the status its parent would collect. */
  exit?: ProcessExit;
}

export interface ProcessExit {
  code: number;
  /** The signal that killed it, if any (9 for SIGKILL, 15 for SIGTERM). */
  signal: number | null;
  at: number;
}

/** What `$?` shows for a process that ended: its code, or 128 + the signal that killed it. */
export function shellStatus(exit: ProcessExit): number {
  return exit.signal !== null ? 128 + exit.signal : exit.code;
}

export const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
};

export function signalName(signal: number): string | undefined {
  return Object.keys(SIGNALS).find((name) => SIGNALS[name] === signal);
}
