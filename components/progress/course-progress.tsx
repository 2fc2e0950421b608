'use client';
/**
 * The course home's view of the progress saved in this browser: "2 of 3 done" and a small bar
 * beside each lesson with exercises, and Reset all progress (asked first).
 *
 * Hooks for tests: data-testid="course-progress" (data-lesson, data-done, data-total) and
 * "reset-all" (its dialog: "reset-all-dialog", confirmed by "reset-all-dialog-confirm").
 */
import { RotateCcw } from 'lucide-react';
import { useState, useSyncExternalStore } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { format } from '@/components/ui/format';
import { countDone, type Statuses } from './lesson-progress';
import { deleteAllSaves, loadAllStatuses } from './lesson-save';

type All = Record<string, Statuses>;

/** Read each time the course home is shown (a lesson may have changed it since), and after Reset all. */
let all: All | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function load(): void {
  loading ??= loadAllStatuses()
    .catch((): All => ({}))
    .then((statuses) => {
      all = statuses;
      loading = null;
      notify();
    });
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) load(); // the first meter of a newly shown home page
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const useAll = () =>
  useSyncExternalStore(
    subscribe,
    () => all,
    () => null,
  );

export interface LessonProgressMeterProps {
  lesson: string;
  ids: string[];
  strings: { progress: string; progressLong: string };
}

export function LessonProgressMeter({ lesson, ids, strings }: LessonProgressMeterProps) {
  const statuses = useAll();
  const done = statuses ? countDone(statuses[lesson] ?? {}, ids) : 0;
  return (
    <p className="lesson-progress" data-testid="course-progress" data-lesson={lesson} data-done={done} data-total={ids.length} data-loaded={statuses ? '' : undefined}>
      <span className="progress-bar" aria-hidden="true">
        <span style={{ width: `${(done / ids.length) * 100}%` }} />
      </span>
      <span aria-hidden="true">{format(strings.progress, { done, total: ids.length })}</span>
      <span className="sr-only">{format(strings.progressLong, { done, total: ids.length })}</span>
    </p>
  );
}

export interface ResetAllProgressProps {
  strings: { resetAll: string; resetAllTitle: string; resetAllMessage: string; resetAllConfirm: string; resetAllDone: string; cancel: string };
}

export function ResetAllProgress({ strings }: ResetAllProgressProps) {
  const [asking, setAsking] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <button type="button" className="button-quiet" data-testid="reset-all" onClick={() => setAsking(true)}>
        <RotateCcw aria-hidden="true" className="size-3.5" />
        {strings.resetAll}
      </button>
      <ConfirmDialog
        open={asking}
        title={strings.resetAllTitle}
        message={strings.resetAllMessage}
        confirm={strings.resetAllConfirm}
        cancel={strings.cancel}
        testId="reset-all-dialog"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void deleteAllSaves()
            .catch(() => undefined)
            .then(() => {
              all = {};
              notify();
              setAnnouncement(strings.resetAllDone);
            });
        }}
      />
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
    </>
  );
}
