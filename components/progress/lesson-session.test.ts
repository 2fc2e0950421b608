import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExerciseStatusReport, SandboxSnapshot } from '@/components/terminal/protocol';
import { LessonSession, SAVE_DEBOUNCE_MS, type SaveStorage } from './lesson-session';
import { parseSave, SAVE_SCHEMA_VERSION, type LessonSave } from './lesson-save';

const world = (n: number) => ({ version: 2, seed: 1, randomState: n, hosts: [] }) as unknown as SandboxSnapshot;
const report = (id: string, passed: boolean): ExerciseStatusReport => ({ id, passed, missing: passed ? null : 'missing', matchedHint: null });

function memoryStorage(initial?: unknown) {
  const records = new Map<string, unknown>();
  if (initial !== undefined) records.set('welcome', initial);
  const asideKeys: string[] = [];
  const storage: SaveStorage = {
    load: async (lesson) => {
      const loaded = parseSave(records.get(lesson));
      if (loaded.kind === 'unreadable') await storage.setAside(lesson);
      return loaded;
    },
    write: async (lesson, save) => records.set(lesson, save),
    remove: async (lesson) => records.delete(lesson),
    setAside: async (lesson) => {
      if (!records.has(lesson)) return;
      asideKeys.push(lesson);
      records.set(`aside:${lesson}`, records.get(lesson));
      records.delete(lesson);
    },
  };
  return { storage, records, asideKeys };
}

const info = { lesson: 'welcome', locale: 'en', scenario: 'fresh-host', exercises: { ids: ['a', 'b'], ordered: false } };

describe('LessonSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts fresh without a save, then saves the world, statuses and history after a command (debounced)', async () => {
    const { storage, records } = memoryStorage();
    const session = new LessonSession(info, storage, () => 1234);
    expect(await session.start()).toBeUndefined();
    expect(session.getState()).toMatchObject({ loaded: true, statuses: {}, setAside: false });
    session.attach({ reset: () => undefined, history: () => ['echo hi'] });

    session.commandFinished();
    session.exercises([report('a', true), report('b', false)]);
    session.snapshot(world(1));
    session.snapshot(world(2));
    expect(session.getState().save).toBe('pending');
    expect(records.has('welcome')).toBe(false);
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(session.getState().save).toBe('saved');
    expect(records.get('welcome')).toEqual({
      schemaVersion: SAVE_SCHEMA_VERSION,
      savedAt: 1234,
      snapshot: world(2),
      statuses: { a: 'done', b: 'in-progress' },
      history: ['echo hi'],
    } satisfies LessonSave);
  });

  it('restores statuses and hands back the saved world', async () => {
    const save: LessonSave = { schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 1, snapshot: world(7), statuses: { a: 'done', zzz: 'done' } as never, history: [] };
    const session = new LessonSession(info, memoryStorage(save).storage);
    expect(await session.start()).toEqual(world(7));
    expect(session.getState().statuses).toEqual({ a: 'done' });
  });

  it('sets aside a save of another schema version, and one the worker cannot restore', async () => {
    const old = memoryStorage({ schemaVersion: 0, snapshot: world(1) });
    const first = new LessonSession(info, old.storage);
    expect(await first.start()).toBeUndefined();
    expect(first.getState().setAside).toBe(true);
    expect(old.records.has('welcome')).toBe(false);
    expect(old.records.get('aside:welcome')).toEqual({ schemaVersion: 0, snapshot: world(1) });

    const broken = memoryStorage({ schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 1, snapshot: { version: 999 }, statuses: { a: 'done' }, history: [] });
    const second = new LessonSession(info, broken.storage);
    expect(await second.start()).toEqual({ version: 999 });
    second.restoreFailed();
    await vi.runAllTimersAsync();
    expect(second.getState()).toMatchObject({ setAside: true, statuses: {} });
    expect(broken.asideKeys).toEqual(['welcome']);
    second.dismissNotice();
    expect(second.getState().setAside).toBe(false);
  });

  it('Reset lesson forgets the progress, deletes the save after any pending write, and resets the terminal', async () => {
    const { storage, records } = memoryStorage();
    const session = new LessonSession(info, storage);
    await session.start();
    const reset = vi.fn();
    const listener = vi.fn();
    session.attach({ reset, history: () => [] });
    session.onReset(listener);
    session.commandFinished();
    session.exercises([report('a', true), report('b', false)]);
    session.snapshot(world(1));
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(records.has('welcome')).toBe(true);

    session.snapshot(world(2)); // pending, never written
    await session.resetLesson();
    await vi.runAllTimersAsync();
    expect(records.has('welcome')).toBe(false);
    expect(reset).toHaveBeenCalledOnce();
    expect(listener).toHaveBeenCalledOnce();
    expect(session.getState()).toMatchObject({ statuses: {}, reports: {}, generation: 1, save: 'idle' });
  });

  it('saves quiz answers with the progress, even before any command, and restores them', async () => {
    const { storage, records } = memoryStorage();
    const session = new LessonSession(info, storage, () => 5);
    session.answerQuiz('q', 'early', 1); // before the save is read: kept, and saved once it is
    await session.start();
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    session.answerQuiz('q', 'one', 0);
    session.answerQuiz('q', 'one', 2); // the student changes their mind
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(records.get('welcome')).toEqual({ schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 5, statuses: {}, history: [], quiz: { q: { early: 1, one: 2 } } });

    session.snapshot(world(3));
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(records.get('welcome')).toMatchObject({ snapshot: world(3), quiz: { q: { early: 1, one: 2 } } });

    const again = new LessonSession(info, storage);
    expect(await again.start()).toEqual(world(3));
    expect(again.getState().quiz).toEqual({ q: { early: 1, one: 2 } });

    // A save with answers but no world yet: the lesson starts from its scenario, answers restored.
    records.set('welcome', { schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 1, statuses: {}, history: [], quiz: { q: { one: 1 } } });
    const third = new LessonSession(info, storage);
    expect(await third.start()).toBeUndefined();
    expect(third.getState()).toMatchObject({ quiz: { q: { one: 1 } }, setAside: false });
  });

  it('a lesson that continues an earlier one starts in that lesson\'s world until it has its own', async () => {
    const { storage, records } = memoryStorage();
    const later = { ...info, lesson: 'later', continues: 'welcome' };
    // Nothing saved anywhere: the scenario's world.
    const none = new LessonSession(later, storage);
    expect(await none.start()).toBeUndefined();
    expect(none.carriedFrom).toBeUndefined();
    // The earlier lesson's world is there: carried, and said so.
    records.set('welcome', { schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 1, statuses: { a: 'done' }, history: [], snapshot: world(8) });
    const carried = new LessonSession(later, storage);
    expect(await carried.start()).toEqual(world(8));
    expect(carried.carriedFrom).toBe('welcome');
    expect(carried.getState().statuses).toEqual({});
    // Once the later lesson has a world of its own, that one wins.
    records.set('later', { schemaVersion: SAVE_SCHEMA_VERSION, savedAt: 2, statuses: {}, history: [], snapshot: world(9) });
    const own = new LessonSession(later, storage);
    expect(await own.start()).toEqual(world(9));
    expect(own.carriedFrom).toBeUndefined();
    // Reset lesson chooses the scenario's world: a reload before any command keeps that choice.
    own.attach({ reset: () => undefined, history: () => [] });
    await own.resetLesson();
    await vi.runAllTimersAsync();
    const afterReset = new LessonSession(later, storage);
    expect(await afterReset.start()).toBeUndefined();
    expect(afterReset.carriedFrom).toBeUndefined();
    afterReset.answerQuiz('q', 'one', 1);
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(records.get('later')).toMatchObject({ carryDeclined: true, quiz: { q: { one: 1 } } });
  });

  it('Reset lesson clears the quiz answers too', async () => {
    const { storage, records } = memoryStorage();
    const session = new LessonSession(info, storage);
    await session.start();
    session.attach({ reset: () => undefined, history: () => [] });
    session.answerQuiz('q', 'one', 1);
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(records.has('welcome')).toBe(true);
    await session.resetLesson();
    await vi.runAllTimersAsync();
    expect(session.getState().quiz).toEqual({});
    expect(records.has('welcome')).toBe(false);
  });

  it('works without storage: nothing is kept, nothing breaks', async () => {
    const failing: SaveStorage = {
      load: () => Promise.reject(new Error('no IndexedDB')),
      write: () => Promise.reject(new Error('no IndexedDB')),
      remove: () => Promise.reject(new Error('no IndexedDB')),
      setAside: () => Promise.reject(new Error('no IndexedDB')),
    };
    const session = new LessonSession(info, failing);
    expect(await session.start()).toBeUndefined();
    session.snapshot(world(1));
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(session.getState().save).toBe('failed');
    await session.resetLesson();
  });
});

describe('parseSave', () => {
  it('tells a usable record from nothing and from garbage', () => {
    expect(parseSave(undefined)).toEqual({ kind: 'none' });
    expect(parseSave('garbage')).toMatchObject({ kind: 'unreadable' });
    expect(parseSave([1, 2])).toMatchObject({ kind: 'unreadable' });
    expect(parseSave({ schemaVersion: 2, snapshot: {} })).toEqual({ kind: 'unreadable', reason: 'schema version 2 is not 1' });
    expect(parseSave({ schemaVersion: 1 })).toEqual({ kind: 'unreadable', reason: 'no world in the save' });
    expect(parseSave({ schemaVersion: 1, snapshot: 'x', quiz: {} })).toEqual({ kind: 'unreadable', reason: 'no world in the save' });
    expect(parseSave({ schemaVersion: 1, quiz: { q: { a: 1, b: -1, c: 'x', d: 1.5 }, r: 3, s: {} } })).toEqual({
      kind: 'ok',
      save: { schemaVersion: 1, savedAt: 0, statuses: {}, history: [], quiz: { q: { a: 1 } } },
    });
    expect(parseSave({ schemaVersion: 1, snapshot: { version: 2 }, history: ['ls', 3] })).toEqual({
      kind: 'ok',
      save: { schemaVersion: 1, savedAt: 0, snapshot: { version: 2 }, statuses: {}, history: ['ls'] },
    });
  });
});
