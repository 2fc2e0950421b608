'use client';
/**
 * In the lesson's header: how many of its exercises are done (a word and a small bar), and
 * Reset lesson, which asks first and then puts the machine and the exercises back to the start.
 */
import { RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { format } from '@/components/ui/format';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { countDone } from './lesson-progress';
import { useLessonSession, useSessionState } from './lesson-session-provider';

export interface LessonControlsProps {
  strings: { resetLesson: string; resetTitle: string; resetMessage: string; resetConfirm: string; resetDone: string; cancel: string; progress: string };
}

export function LessonControls({ strings }: LessonControlsProps) {
  const session = useLessonSession();
  const state = useSessionState();
  const [asking, setAsking] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  if (!session) return null;
  const ids = session.info.exercises.ids;
  const done = countDone(state.statuses, ids);

  return (
    <div className="lesson-controls">
      {ids.length > 0 ? (
        <p className="lesson-progress" data-testid="lesson-progress" data-done={done} data-total={ids.length}>
          <span className="progress-bar" aria-hidden="true">
            <span style={{ width: `${(done / ids.length) * 100}%` }} />
          </span>
          <span>{format(strings.progress, { done, total: ids.length })}</span>
        </p>
      ) : null}
      <button type="button" className="button-quiet" data-testid="reset-lesson" onClick={() => setAsking(true)}>
        <RotateCcw aria-hidden="true" className="size-3.5" />
        {strings.resetLesson}
      </button>
      <ConfirmDialog
        open={asking}
        title={strings.resetTitle}
        message={strings.resetMessage}
        confirm={strings.resetConfirm}
        cancel={strings.cancel}
        testId="reset-lesson-dialog"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          setAnnouncement(strings.resetDone);
          void session.resetLesson();
        }}
      />
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
    </div>
  );
}
