/**
 * `<Quiz id>` holding `<Question id prompt>`s, each holding `<Answer correct? why>text</Answer>`s.
 * Question and Answer render nothing themselves: Quiz reads them, on the server, into plain data
 * for the client view (components/quiz/quiz-view.tsx). The content pipeline has already checked
 * the shape (remark-check-quizzes.server.ts): one correct answer each, a `why` on every answer,
 * ids unique, nothing outside its parent.
 */
import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { Messages } from '@/i18n';
import { QuizView, type QuizQuestionData } from '@/components/quiz/quiz-view';

export interface QuestionProps {
  id: string;
  prompt: string;
  children?: ReactNode;
}

export interface AnswerProps {
  correct?: boolean;
  why: string;
  children?: ReactNode;
}

/** Data only: read by its Quiz. */
export function Question(props: QuestionProps): null {
  void props;
  return null;
}

/** Data only: read by its Question's Quiz. */
export function Answer(props: AnswerProps): null {
  void props;
  return null;
}

/** The elements of one kind among `children`, looking through the paragraphs MDX wraps inline elements in. */
function elementsOf<P>(children: ReactNode, type: (props: P) => null): ReactElement<P>[] {
  const found: ReactElement<P>[] = [];
  Children.forEach(children, (child) => {
    if (!isValidElement<{ children?: ReactNode }>(child)) return;
    if (child.type === type) found.push(child as unknown as ReactElement<P>);
    else found.push(...elementsOf(child.props.children, type));
  });
  return found;
}

export interface QuizProps {
  id: string;
  children?: ReactNode;
  strings: Messages['site']['mdx']['quiz'];
}

export function Quiz({ id, children, strings }: QuizProps) {
  const questions: QuizQuestionData[] = elementsOf(children, Question).map((question) => ({
    id: question.props.id,
    prompt: question.props.prompt,
    answers: elementsOf(question.props.children, Answer).map((answer) => ({
      content: answer.props.children,
      correct: answer.props.correct === true,
      why: answer.props.why,
    })),
  }));
  return <QuizView id={id} questions={questions} strings={strings} />;
}
