/**
 * The one registry of components a lesson may use. Keys must match names.ts exactly (the build
 * rejects any other capitalised element); the locale's strings are bound in here, so lesson
 * authors never pass UI text.
 */
import type { MDXComponents } from 'mdx/types';
import type { Messages } from '@/i18n';
import { Callout, type CalloutProps } from './callout';
import { CodeBlock, type CodeBlockProps } from './code-block';
import { Command, type CommandProps } from './command';
import { Details } from './details';
import { Exercise, type ExerciseProps } from './exercise';
import { Figure } from './figure';
import { Answer, Question, Quiz, type QuizProps } from './quiz';
import type { InternalComponentName, MdxComponentName } from './names';

/** The lesson being rendered: exercises are looked up in it, in its language. */
export interface MdxLesson {
  slug: string;
  locale: string;
}

export function createMdxComponents(strings: Messages['site']['mdx'], lesson: MdxLesson) {
  const components = {
    Callout: function MdxCallout(props: Omit<CalloutProps, 'strings'>) {
      return <Callout {...props} strings={strings.callout} />;
    },
    Command: function MdxCommand(props: Omit<CommandProps, 'strings'>) {
      return <Command {...props} strings={strings.code} />;
    },
    Details,
    Exercise: function MdxExercise(props: Pick<ExerciseProps, 'id'>) {
      return <Exercise id={props.id} lesson={lesson.slug} locale={lesson.locale} strings={strings.exercise} />;
    },
    Figure,
    Quiz: function MdxQuiz(props: Omit<QuizProps, 'strings'>) {
      return <Quiz {...props} strings={strings.quiz} />;
    },
    // Read by Quiz by identity: passed as they are, never wrapped.
    Question,
    Answer,
    CodeBlock: function MdxCodeBlock(props: Omit<CodeBlockProps, 'strings'>) {
      return <CodeBlock {...props} strings={strings.code} />;
    },
  } satisfies Record<MdxComponentName | InternalComponentName, unknown>;
  return components as unknown as MDXComponents;
}
