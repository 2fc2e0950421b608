'use client';
/**
 * An exercise in the lesson text: its goal, its live status (icon and word, announced when it
 * changes), what the check says is still missing, hints from gentle to specific, the solution,
 * and Solve, which types the solution into the terminal.
 *
 * Hooks for tests: the <section> has data-testid="exercise", data-exercise-id and
 * data-status="locked|not-started|in-progress|done".
 */
import { CircleCheck, CircleDashed, CircleDot, Eye, EyeOff, Lightbulb, Lock, WandSparkles } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Messages } from '@/i18n';
import { revealTerminal } from '@/components/mdx/run-button';
import { useLessonSession, useSessionState } from '@/components/progress/lesson-session-provider';
import { isLocked, statusOf, type ExerciseStatus } from '@/components/progress/lesson-progress';
import { requestRun } from '@/components/terminal/run-request';
import { format } from '@/components/ui/format';
import { withInlineCode } from './inline-code';

export interface ExerciseHint {
  text: string;
  /** Shown only when its hint check matches the world (a known mistake), not by the Hint button. */
  conditional: boolean;
}

export interface ExerciseCardProps {
  id: string;
  /** 1-based, in the lesson's order of exercises. */
  number: number;
  title: string;
  hints: ExerciseHint[];
  solution: string[];
  strings: Messages['site']['mdx']['exercise'];
}

type Display = ExerciseStatus | 'locked';

const ICONS = { locked: Lock, 'not-started': CircleDashed, 'in-progress': CircleDot, done: CircleCheck } as const;

export function ExerciseCard(props: ExerciseCardProps) {
  const { generation } = useSessionState();
  // A reset lesson forgets what each card had revealed.
  return <Card key={generation} {...props} />;
}

function Card({ id, number, title, hints, solution, strings }: ExerciseCardProps) {
  const session = useLessonSession();
  const state = useSessionState();
  const [revealed, setRevealed] = useState(0);
  const [showSolution, setShowSolution] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const baseline = useRef<Display | null>(null);

  const locked = session ? isLocked(session.info.exercises, state.statuses, id) : false;
  const status = statusOf(state.statuses, id);
  const display: Display = locked && status !== 'done' ? 'locked' : status;
  const report = state.reports[id];
  const Icon = ICONS[display];
  const word = strings.status[display];

  useEffect(() => {
    // Say changes out loud, but not the state a saved lesson opens with.
    if (!state.loaded) return;
    if (baseline.current === null || baseline.current === display) {
      baseline.current = display;
      return;
    }
    baseline.current = display;
    setAnnouncement(format(strings.announcement, { number, status: strings.status[display] }));
  }, [state.loaded, display, number, strings]);

  const steps = hints.map((hint, index) => ({ ...hint, index })).filter((hint) => !hint.conditional);
  const shown = steps.slice(0, revealed);
  const matched = display === 'in-progress' && report && !report.passed && report.matchedHint !== null ? hints[report.matchedHint] : undefined;
  const showMissing = display === 'in-progress' && report && !report.passed && report.missing;
  const titleId = `exercise-${id}-title`;

  return (
    <section className="exercise not-prose" data-testid="exercise" data-exercise-id={id} data-status={display} aria-labelledby={titleId}>
      <div className="exercise-head">
        <p className="exercise-kicker">{format(strings.kicker, { number })}</p>
        <p className="exercise-status" data-testid="exercise-status">
          <Icon aria-hidden="true" className="size-4" strokeWidth={2.25} />
          <span>{word}</span>
        </p>
      </div>
      <h3 id={titleId} className="exercise-title">
        {withInlineCode(title)}
      </h3>

      {display === 'locked' ? <p className="exercise-note">{strings.locked}</p> : null}
      {display === 'done' ? <p className="exercise-note exercise-done">{strings.doneMessage}</p> : null}
      {showMissing ? (
        <p className="exercise-missing" data-testid="exercise-missing">
          <strong>{strings.missing}</strong> {withInlineCode(report.missing ?? '')}
        </p>
      ) : null}

      {display !== 'locked' && (matched || shown.length > 0) ? (
        <ul className="exercise-hints" data-testid="exercise-hints">
          {matched ? (
            <li className="exercise-hint exercise-hint-matched" data-testid="exercise-matched-hint">
              <Lightbulb aria-hidden="true" className="size-4 shrink-0" />
              <span>
                <strong>{strings.matchedHint}:</strong> {withInlineCode(matched.text)}
              </span>
            </li>
          ) : null}
          {shown.map((hint, i) => (
            <li key={hint.index} className="exercise-hint">
              <Lightbulb aria-hidden="true" className="size-4 shrink-0" />
              <span>
                <strong>{format(strings.hintNumber, { number: i + 1 })}:</strong> {withInlineCode(hint.text)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}

      {display !== 'locked' && showSolution ? (
        <div className="exercise-solution" data-testid="exercise-solution">
          <p className="exercise-solution-label">{strings.solution}</p>
          <pre>
            <code>{solution.join('\n')}</code>
          </pre>
        </div>
      ) : null}

      {display !== 'locked' ? (
        <div className="exercise-actions">
          <button
            type="button"
            className="button-secondary button-small"
            data-testid="exercise-hint"
            disabled={revealed >= steps.length}
            onClick={() => setRevealed((n) => Math.min(n + 1, steps.length))}
          >
            <Lightbulb aria-hidden="true" className="size-3.5" />
            {revealed >= steps.length && steps.length > 0 ? strings.noMoreHints : revealed === 0 ? strings.hint : strings.nextHint}
          </button>
          <button type="button" className="button-secondary button-small" data-testid="exercise-show-solution" aria-expanded={showSolution} onClick={() => setShowSolution((v) => !v)}>
            {showSolution ? <EyeOff aria-hidden="true" className="size-3.5" /> : <Eye aria-hidden="true" className="size-3.5" />}
            {showSolution ? strings.hideSolution : strings.showSolution}
          </button>
          <button
            type="button"
            className="button-secondary button-small"
            data-testid="exercise-solve"
            aria-label={format(strings.solveLabel, { number })}
            onClick={() => {
              requestRun(solution.join('\n'));
              revealTerminal();
            }}
          >
            <WandSparkles aria-hidden="true" className="size-3.5" />
            {strings.solve}
          </button>
        </div>
      ) : null}
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
    </section>
  );
}
