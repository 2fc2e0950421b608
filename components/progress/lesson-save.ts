/**
 * What a lesson keeps in the browser between visits, in IndexedDB: one record per lesson,
 * `lesson:<slug>` → { schemaVersion, savedAt, snapshot?, statuses, history, quiz? }. A record without a
 * `snapshot` keeps only quiz answers: the student answered before running a command, and the world
 * is still the scenario's.
 *
 * A record this version cannot use (another schemaVersion, not a record at all, or a world the
 * sandbox refuses to restore) is never deleted and never misread: it is moved aside to
 * `set-aside:<slug>:<time>` and the lesson starts fresh.
 */
import type { SandboxSnapshot } from '@/components/terminal/protocol';
import { idbDelete, idbGet, idbKeys, idbPut } from './idb';
import type { Statuses } from './lesson-progress';
import { cleanQuizAnswers, type QuizAnswers } from './quiz-answers';

/** Bumped whenever the record's shape changes. */
export const SAVE_SCHEMA_VERSION = 1;

export interface LessonSave {
  schemaVersion: typeof SAVE_SCHEMA_VERSION;
  /** Milliseconds since the epoch. */
  savedAt: number;
  /** The whole simulated world (Sandbox.snapshot()); absent while it is still the scenario's. */
  snapshot?: SandboxSnapshot;
  statuses: Statuses;
  /** The terminal's Up/Down history when it was saved. */
  history: string[];
  /** The answers chosen in the lesson's quizzes. */
  quiz?: QuizAnswers;
  /** Reset lesson chose the scenario over the earlier lesson's world this lesson `continues`. */
  carryDeclined?: true;
}

export type LoadedSave = { kind: 'none' } | { kind: 'ok'; save: LessonSave } | { kind: 'unreadable'; reason: string };

export const saveKey = (lesson: string) => `lesson:${lesson}`;
export const setAsideKey = (lesson: string, at: number) => `set-aside:${lesson}:${at}`;

/** Checks a record's shape (not the world inside: only the sandbox can judge that). */
export function parseSave(value: unknown): LoadedSave {
  if (value === undefined || value === null) return { kind: 'none' };
  if (typeof value !== 'object' || Array.isArray(value)) return { kind: 'unreadable', reason: 'not a saved lesson' };
  const record = value as Partial<LessonSave> & Record<string, unknown>;
  if (record.schemaVersion !== SAVE_SCHEMA_VERSION) return { kind: 'unreadable', reason: `schema version ${String(record.schemaVersion)} is not ${SAVE_SCHEMA_VERSION}` };
  if (record.snapshot === undefined && record.quiz === undefined && record.carryDeclined !== true) return { kind: 'unreadable', reason: 'no world in the save' };
  if (record.snapshot !== undefined && (!record.snapshot || typeof record.snapshot !== 'object')) return { kind: 'unreadable', reason: 'no world in the save' };
  const save: LessonSave = {
    schemaVersion: SAVE_SCHEMA_VERSION,
    savedAt: typeof record.savedAt === 'number' ? record.savedAt : 0,
    statuses: record.statuses && typeof record.statuses === 'object' ? (record.statuses as Statuses) : {},
    history: Array.isArray(record.history) ? record.history.filter((line): line is string => typeof line === 'string') : [],
  };
  if (record.snapshot !== undefined) save.snapshot = record.snapshot;
  if (record.carryDeclined === true) save.carryDeclined = true;
  const quiz = cleanQuizAnswers(record.quiz);
  if (Object.keys(quiz).length > 0) save.quiz = quiz;
  return { kind: 'ok', save };
}

/** The lesson's save; an unreadable one is set aside before this returns. */
export async function loadSave(lesson: string): Promise<LoadedSave> {
  const loaded = parseSave(await idbGet(saveKey(lesson)));
  if (loaded.kind === 'unreadable') await setAside(lesson);
  return loaded;
}

export function writeSave(lesson: string, save: LessonSave): Promise<unknown> {
  return idbPut(saveKey(lesson), save);
}

export function deleteSave(lesson: string): Promise<unknown> {
  return idbDelete(saveKey(lesson));
}

/** Moves the lesson's record to a key of its own, so a fresh start never destroys it. */
export async function setAside(lesson: string, now = Date.now()): Promise<void> {
  const value = await idbGet(saveKey(lesson));
  if (value === undefined) return;
  await idbPut(setAsideKey(lesson, now), value);
  await idbDelete(saveKey(lesson));
}

/** Every lesson's exercise statuses, for the course home. Unreadable records count as no progress. */
export async function loadAllStatuses(): Promise<Record<string, Statuses>> {
  const result: Record<string, Statuses> = {};
  for (const key of await idbKeys()) {
    if (!key.startsWith('lesson:')) continue;
    const loaded = parseSave(await idbGet(key));
    if (loaded.kind === 'ok') result[key.slice('lesson:'.length)] = loaded.save.statuses;
  }
  return result;
}

/** Reset all progress: every lesson's save, and the saves set aside, are deleted. */
export async function deleteAllSaves(): Promise<void> {
  for (const key of await idbKeys()) {
    if (key.startsWith('lesson:') || key.startsWith('set-aside:')) await idbDelete(key);
  }
}
