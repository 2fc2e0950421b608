/**
 * The messages between the terminal (UI thread) and the shell worker that hosts the sandbox.
 * Types only: importing this file never pulls the sandbox into the page's bundle.
 *
 * A fresh worker waits for its first message: `boot` (a new world) or `restore` (a saved one).
 * Every other message may follow at once; the worker handles them after the world is up.
 */
import type { SandboxSnapshot } from '@/sandbox';

export type { SandboxSnapshot };

export type ClientMessage =
  /** Start a fresh world. */
  | { type: 'boot' }
  /** Start from a saved world (after a restart, or a saved session). Falls back to a fresh one if it cannot be read. */
  | { type: 'restore'; snapshot: SandboxSnapshot }
  /** One line the student entered. While the command is incomplete, the worker keeps the lines and answers with `continuation`. */
  | { type: 'run'; id: number; line: string }
  /** Ctrl-C: abort the command started by run `id` (ignored once it has finished). */
  | { type: 'interrupt'; id: number }
  /** Ctrl-C at a prompt: forget the unfinished command kept so far. */
  | { type: 'cancel-input' }
  | { type: 'complete'; id: number; line: string; cursor: number };

export interface ReadyMessage {
  type: 'ready';
  /** The primary prompt, e.g. `root@lab:~# `. */
  prompt: string;
  history: string[];
  /** `user@hostname`, for the title bar. */
  hostLabel: string;
  /** True when the world came from a snapshot. */
  restored: boolean;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  stdout: string;
  stderr: string;
  exitCode: number;
  interrupted: boolean;
  /** Lines of output dropped from the front because they would not fit the scrollback. */
  droppedLines: number;
  /** The prompt to show next: the primary prompt, or `> ` when `continuation`. */
  prompt: string;
  /** The line left the command unfinished (open quote, heredoc, trailing `|`...): nothing ran yet. */
  continuation: boolean;
  /** `user@hostname` of the shell that now has the terminal (a nested shell may have taken over). */
  hostLabel: string;
  /** Present when a different shell now has the terminal: its history, for Up/Down. */
  history?: string[];
}

export interface CompletionMessage {
  type: 'completion';
  id: number;
  start: number;
  replacement: string;
  candidates: string[];
}

/** The whole world after a command completed; the client keeps the latest to restart from. */
export interface SnapshotMessage {
  type: 'snapshot';
  snapshot: SandboxSnapshot;
}

/** The world could not be started at all. */
export interface FailedMessage {
  type: 'failed';
  message: string;
}

export type WorkerMessage = ReadyMessage | ResultMessage | CompletionMessage | SnapshotMessage | FailedMessage;

/** bash's secondary prompt (PS2). */
export const CONTINUATION_PROMPT = '> ';
