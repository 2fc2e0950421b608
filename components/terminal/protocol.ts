/**
 * The messages between the terminal (UI thread) and the shell worker that hosts the sandbox.
 * Types only: importing this file never pulls the sandbox into the page's bundle.
 *
 * A fresh worker waits for its first message: `boot` (a new world) or `restore` (a saved one).
 * Every other message may follow at once; the worker handles them after the world is up.
 */
import type { SandboxSnapshot, UiRequest } from '@/sandbox';

export type { SandboxSnapshot, UiRequest };

/** Which lesson the terminal serves: its starting scenario, its exercises, the language of their words. */
export interface LessonContext {
  /** The lesson's slug, the key of LESSON_EXERCISES (a lesson without exercises still has one). */
  lesson: string;
  /** The page's language, for the exercises' "what is still missing" text. */
  locale: string;
  /** The scenario a fresh world is built from (sandbox/scenarios). */
  scenario: string;
  /**
   * The saved world sent with `restore` is this earlier lesson's, not this lesson's own: the
   * scenario adopts it when it can (its `adopt`), else the lesson starts from the scenario.
   */
  carriedFrom?: string;
}

export type ClientMessage =
  /** Start a fresh world: the lesson's scenario, or a bare host without a context. */
  | { type: 'boot'; context?: LessonContext }
  /** Start from a saved world (after a restart, or a saved session). Falls back to a fresh one if it cannot be read. */
  | { type: 'restore'; snapshot: SandboxSnapshot; context?: LessonContext }
  /** One line the student entered. While the command is incomplete, the worker keeps the lines and answers with `continuation`. */
  | { type: 'run'; id: number; line: string }
  /** Ctrl-C: abort the command started by run `id` (ignored once it has finished). */
  | { type: 'interrupt'; id: number }
  /** Ctrl-C at a prompt: forget the unfinished command kept so far. */
  | { type: 'cancel-input' }
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** The editor's Save: writes the file as the active shell sees it. Answered with `written`. */
  | { type: 'write-file'; id: number; path: string; content: string }
  /** Opens a file for the editor (from the file tree). Answered with `file`. */
  | { type: 'read-file'; id: number; path: string }
  /** Lists a directory for the file tree; without `path`, the active shell's working directory. Answered with `listing`. */
  | { type: 'list-dir'; id: number; path?: string };

export interface ReadyMessage {
  type: 'ready';
  /** The primary prompt, e.g. `root@lab:~# `. */
  prompt: string;
  history: string[];
  /** `user@hostname`, for the title bar. */
  hostLabel: string;
  /** True when the world came from a snapshot. */
  restored: boolean;
  /** True when that snapshot was an earlier lesson's world, which this lesson carries on in. */
  carried?: boolean;
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
  /** What the command asked of the page (`code FILE` opens the editor), when it asked anything. */
  requests?: UiRequest[];
}

/** Output a command printed while it still runs (a pull's layers, a server's log lines). */
export interface OutputMessage {
  type: 'output';
  id: number;
  text: string;
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

/** One exercise's state in the current world, in the page's language. */
export interface ExerciseStatusReport {
  id: string;
  passed: boolean;
  /** What the check says is still missing; null when it passed. */
  missing: string | null;
  /** The hint whose hint check matches the current world (a known mistake), if any. */
  matchedHint: number | null;
}

/** The lesson's exercises checked against the world: after boot or restore, and after every command or save. */
export interface ExercisesMessage {
  type: 'exercises';
  reports: ExerciseStatusReport[];
}

export interface WrittenMessage {
  type: 'written';
  id: number;
  ok: boolean;
  /** Why the write failed (a directory, a read-only path...). */
  error?: string;
}

export interface FileMessage {
  type: 'file';
  id: number;
  /** The absolute path, resolved against the active shell's working directory. */
  path: string;
  content: string;
  exists: boolean;
  error?: string;
}

export interface DirectoryEntry {
  name: string;
  directory: boolean;
}

export interface ListingMessage {
  type: 'listing';
  id: number;
  /** The absolute path listed. */
  path: string;
  /** Directories first, then files, each sorted by name; hidden entries left out. */
  entries: DirectoryEntry[];
  error?: string;
}

/** The world could not be started at all. */
export interface FailedMessage {
  type: 'failed';
  message: string;
}

export type WorkerMessage =
  | ReadyMessage
  | ResultMessage
  | OutputMessage
  | CompletionMessage
  | SnapshotMessage
  | ExercisesMessage
  | WrittenMessage
  | FileMessage
  | ListingMessage
  | FailedMessage;

/** bash's secondary prompt (PS2). */
export const CONTINUATION_PROMPT = '> ';
