import { describe, expect, it } from 'vitest';
import type { ExerciseStatusReport } from '@/components/terminal/protocol';
import { applyReports, cleanStatuses, countDone, isLocked, markAttempted, type ExerciseOrder } from './lesson-progress';

const report = (id: string, passed: boolean): ExerciseStatusReport => ({ id, passed, missing: passed ? null : 'not yet', matchedHint: null });
const free: ExerciseOrder = { ids: ['a', 'b', 'c'], ordered: false };
const ordered: ExerciseOrder = { ids: ['a', 'b', 'c'], ordered: true };

describe('exercise statuses', () => {
  it('start not started, turn in progress on a command, and done when the check passes', () => {
    let statuses = {};
    statuses = markAttempted(free, statuses);
    expect(statuses).toEqual({ a: 'in-progress', b: 'in-progress', c: 'in-progress' });
    statuses = applyReports(free, statuses, [report('a', false), report('b', true), report('c', false)]);
    expect(statuses).toEqual({ a: 'in-progress', b: 'done', c: 'in-progress' });
  });

  it('keep done once reached, even when the world later changes', () => {
    const statuses = applyReports(free, { a: 'done' }, [report('a', false)]);
    expect(statuses.a).toBe('done');
    expect(markAttempted(free, statuses).a).toBe('done');
  });

  it('in an ordered lesson, lock a card until the ones before it are done', () => {
    expect(isLocked(ordered, {}, 'a')).toBe(false);
    expect(isLocked(ordered, {}, 'b')).toBe(true);
    expect(markAttempted(ordered, {})).toEqual({ a: 'in-progress' });
    // A later check that passes early does not count while its card is locked...
    expect(applyReports(ordered, { a: 'in-progress' }, [report('a', false), report('b', true)])).toEqual({ a: 'in-progress' });
    // ...but once the cards before it are done, the same report finishes it too.
    expect(applyReports(ordered, { a: 'in-progress' }, [report('a', true), report('b', true), report('c', false)])).toEqual({ a: 'done', b: 'done' });
    expect(isLocked(ordered, { a: 'done', b: 'done' }, 'c')).toBe(false);
  });

  it('return the same object when nothing changed, so a store can skip a render', () => {
    const statuses = { a: 'done' as const, b: 'in-progress' as const, c: 'in-progress' as const };
    expect(markAttempted(free, statuses)).toBe(statuses);
    expect(applyReports(free, statuses, [report('b', false)])).toBe(statuses);
  });

  it('read back only known ids and statuses from a save, and count what is done', () => {
    expect(cleanStatuses(free, { a: 'done', b: 'weird', x: 'done' })).toEqual({ a: 'done' });
    expect(cleanStatuses(free, 'garbage')).toEqual({});
    expect(countDone({ a: 'done', b: 'in-progress', x: 'done' }, free.ids)).toBe(1);
  });
});
