/**
 * The rules of an exercise card's status, as pure functions over plain data (the session applies
 * them, Vitest checks them):
 * - `not-started` until the student runs a command while the card is available;
 * - `in-progress` from then on; its check's "what is still missing" shows from then on;
 * - `done` once its check passes while it is available, and done stays done (sticky);
 * - in an ordered lesson a card is locked until every card before it is done.
 */
import type { ExerciseStatusReport } from '@/components/terminal/protocol';

export const EXERCISE_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];
export type Statuses = Record<string, ExerciseStatus>;

export interface ExerciseOrder {
  /** The lesson's exercise ids, in their order. */
  ids: readonly string[];
  /** Whether each waits for the ones before it. */
  ordered: boolean;
}

export function statusOf(statuses: Statuses, id: string): ExerciseStatus {
  return statuses[id] ?? 'not-started';
}

export function isLocked(order: ExerciseOrder, statuses: Statuses, id: string): boolean {
  if (!order.ordered) return false;
  for (const earlier of order.ids) {
    if (earlier === id) return false;
    if (statusOf(statuses, earlier) !== 'done') return true;
  }
  return false;
}

/** The student ran a command: every available card that had not started is now in progress. */
export function markAttempted(order: ExerciseOrder, statuses: Statuses): Statuses {
  const next = { ...statuses };
  for (const id of order.ids) {
    if (!isLocked(order, next, id) && statusOf(next, id) === 'not-started') next[id] = 'in-progress';
  }
  return sameOr(statuses, next);
}

/** The old object when nothing changed, so a store can tell "no change" by identity. */
function sameOr(before: Statuses, after: Statuses): Statuses {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) if (before[key] !== after[key]) return after;
  return before;
}

/**
 * Checks came back: an available card whose check passed is done. Cards are taken in order, so a
 * report that finishes one card and also satisfies the next (now unlocked) finishes both.
 */
export function applyReports(order: ExerciseOrder, statuses: Statuses, reports: readonly ExerciseStatusReport[]): Statuses {
  const passed = new Set(reports.filter((r) => r.passed).map((r) => r.id));
  const next = { ...statuses };
  for (const id of order.ids) {
    if (passed.has(id) && !isLocked(order, next, id)) next[id] = 'done';
  }
  return sameOr(statuses, next);
}

/** Statuses read back from a save: unknown ids and values are dropped. */
export function cleanStatuses(order: ExerciseOrder, value: unknown): Statuses {
  const statuses: Statuses = {};
  if (!value || typeof value !== 'object') return statuses;
  for (const id of order.ids) {
    const status = (value as Record<string, unknown>)[id];
    if (typeof status === 'string' && (EXERCISE_STATUSES as readonly string[]).includes(status)) statuses[id] = status as ExerciseStatus;
  }
  return statuses;
}

export function countDone(statuses: Statuses, ids: readonly string[]): number {
  return ids.filter((id) => statuses[id] === 'done').length;
}
