'use client';
/**
 * A quiz in the lesson text. Each question is a native radio group (a fieldset whose legend is the
 * prompt), so the keyboard and screen readers work as they do in any form: Tab reaches the group,
 * the arrow keys choose. Choosing shows right or wrong (icon and word) and that answer's
 * explanation in a polite live region; the student may change their answer at any time. Answers
 * are kept with the lesson's progress (LessonSession) and cleared by Reset lesson.
 *
 * Hooks for tests: the <section> has data-testid="quiz" and data-quiz-id; each fieldset
 * data-testid="quiz-question", data-question-id and data-result="unanswered|right|wrong";
 * the feedback data-testid="quiz-feedback"; the score line data-testid="quiz-score".
 */
import { CircleCheck, CircleX } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type { Messages } from '@/i18n';
import { withInlineCode } from '@/components/exercises/inline-code';
import { useLessonSession, useSessionState } from '@/components/progress/lesson-session-provider';
import { format } from '@/components/ui/format';

export interface QuizAnswerData {
  /** The answer's text, as the lesson wrote it (inline code allowed). */
  content: ReactNode;
  correct: boolean;
  why: string;
}

export interface QuizQuestionData {
  id: string;
  prompt: string;
  answers: QuizAnswerData[];
}

export interface QuizViewProps {
  id: string;
  questions: QuizQuestionData[];
  strings: Messages['site']['mdx']['quiz'];
}

type Chosen = Readonly<Record<string, number>>;

export function QuizView({ id, questions, strings }: QuizViewProps) {
  const session = useLessonSession();
  const state = useSessionState();
  // Outside a lesson (no session) the answers live only as long as the page.
  const [local, setLocal] = useState<Chosen>({});
  const chosen: Chosen = session ? (state.quiz[id] ?? {}) : local;
  const choose = (question: string, answer: number) => {
    if (session) session.answerQuiz(id, question, answer);
    else setLocal((before) => ({ ...before, [question]: answer }));
  };

  const answerAt = (question: QuizQuestionData): QuizAnswerData | undefined => {
    const index = chosen[question.id];
    return index === undefined ? undefined : question.answers[index];
  };
  const right = questions.filter((question) => answerAt(question)?.correct === true).length;
  const answered = questions.filter((question) => answerAt(question) !== undefined).length;
  const titleId = `quiz-${id}-title`;

  return (
    <section className="quiz not-prose" data-testid="quiz" data-quiz-id={id} aria-labelledby={titleId}>
      <div className="quiz-head">
        <p id={titleId} className="quiz-kicker">
          {strings.title}
        </p>
        <p className="quiz-score" data-testid="quiz-score" data-right={right} data-answered={answered} data-total={questions.length}>
          {answered === 0 ? format(strings.unanswered, { total: questions.length }) : format(strings.score, { right, total: questions.length })}
        </p>
      </div>
      <ol className="quiz-questions">
        {questions.map((question, number) => (
          <li key={question.id}>
            <QuizQuestion quiz={id} number={number + 1} question={question} chosen={chosen[question.id]} onChoose={(answer) => choose(question.id, answer)} strings={strings} />
          </li>
        ))}
      </ol>
    </section>
  );
}

interface QuizQuestionProps {
  quiz: string;
  number: number;
  question: QuizQuestionData;
  chosen: number | undefined;
  onChoose: (answer: number) => void;
  strings: Messages['site']['mdx']['quiz'];
}

function QuizQuestion({ quiz, number, question, chosen, onChoose, strings }: QuizQuestionProps) {
  const answer = chosen === undefined ? undefined : question.answers[chosen];
  const result = answer === undefined ? 'unanswered' : answer.correct ? 'right' : 'wrong';
  const name = `quiz-${quiz}-${question.id}`;
  const Verdict = answer?.correct ? CircleCheck : CircleX;

  return (
    <fieldset className="quiz-question" data-testid="quiz-question" data-question-id={question.id} data-result={result}>
      <legend className="quiz-prompt">
        <span className="quiz-number">{format(strings.questionNumber, { number })}</span> {withInlineCode(question.prompt)}
      </legend>
      <div className="quiz-answers">
        {question.answers.map((option, index) => {
          const picked = index === chosen;
          return (
            <label key={index} className="quiz-answer" data-chosen={picked ? (option.correct ? 'right' : 'wrong') : undefined}>
              <input type="radio" name={name} value={index} checked={picked} onChange={() => onChoose(index)} />
              <span className="quiz-answer-text">{option.content}</span>
              {picked ? <Verdict aria-hidden="true" className="quiz-answer-mark size-4 shrink-0" strokeWidth={2.25} /> : null}
            </label>
          );
        })}
      </div>
      <div className="quiz-feedback-region" aria-live="polite" aria-atomic="true">
        {answer ? (
          <p className="quiz-feedback" data-testid="quiz-feedback" data-result={result}>
            <Verdict aria-hidden="true" className="size-4 shrink-0" strokeWidth={2.25} />
            <span>
              <strong>{answer.correct ? strings.right : strings.wrong}.</strong> {withInlineCode(answer.why)}
            </span>
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
