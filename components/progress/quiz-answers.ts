/**
 * The answers a student chose in a lesson's quizzes, as plain data: quiz id → question id → the
 * index of the chosen answer (0-based, in the order the lesson lists them). Saved with the
 * lesson's progress; pure functions here so Vitest can check them.
 */
export type QuizAnswers = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** The answers with one more choice made (the old object when nothing changed). */
export function chooseAnswer(answers: QuizAnswers, quiz: string, question: string, answer: number): QuizAnswers {
  if (answers[quiz]?.[question] === answer) return answers;
  return { ...answers, [quiz]: { ...answers[quiz], [question]: answer } };
}

/** Answers read back from a save: anything that is not quiz → question → whole number ≥ 0 is dropped. */
export function cleanQuizAnswers(value: unknown): QuizAnswers {
  const result: Record<string, Record<string, number>> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
  for (const [quiz, questions] of Object.entries(value)) {
    if (!questions || typeof questions !== 'object' || Array.isArray(questions)) continue;
    const kept: Record<string, number> = {};
    for (const [question, answer] of Object.entries(questions as Record<string, unknown>)) {
      if (typeof answer === 'number' && Number.isInteger(answer) && answer >= 0) kept[question] = answer;
    }
    if (Object.keys(kept).length > 0) result[quiz] = kept;
  }
  return result;
}

export function hasAnswers(answers: QuizAnswers): boolean {
  return Object.keys(answers).length > 0;
}
