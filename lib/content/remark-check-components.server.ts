/**
 * Fails the build on an MDX element the registry does not know (`<Foo />`), on a missing required
 * prop (a Figure without `alt`), on a Callout of an unknown type, and on an `<Exercise id>` that is
 * not one of the lesson's exercises (or is placed twice). Lower-case elements are plain HTML
 * (`<kbd>`, `<svg>`) and pass.
 */
import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { CALLOUT_KINDS, MDX_COMPONENT_NAMES, REQUIRED_PROPS, type MdxComponentName } from '@/components/mdx/names';
import type { ContentProblem } from './content-error.server';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function isKnown(name: string): name is MdxComponentName {
  return (MDX_COMPONENT_NAMES as readonly string[]).includes(name);
}

function isIntrinsic(name: string): boolean {
  return /^[a-z][a-z0-9-]*$/.test(name);
}

/** A prop's value when written as a plain string; null when written bare (`<Answer correct>`), undefined otherwise. */
export function literalProp(node: JsxElement, name: string): string | null | undefined {
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name) {
      if (attribute.value === null || attribute.value === undefined) return null;
      return typeof attribute.value === 'string' ? attribute.value : undefined;
    }
  }
  return undefined;
}

export function hasProp(node: JsxElement, name: string): boolean {
  return node.attributes.some((a) => a.type === 'mdxJsxExpressionAttribute' || a.name === name);
}

/** The lesson's exercises, for checking `<Exercise id>`; the ids placed are collected in `used`. */
export interface LessonExerciseIds {
  /** The exercise ids of the lesson, or null when it has none registered. */
  ids: readonly string[] | null;
  /** Where they are defined, for messages: `content/00-welcome/exercises.ts`. */
  source: string;
  /** Filled in: every id placed, in order, with its line. */
  used: Array<{ id: string; line?: number }>;
}

export function remarkCheckComponents(file: string, problems: ContentProblem[], exercises?: LessonExerciseIds) {
  return () => (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as JsxElement;
      const name = element.name;
      if (name === null || isIntrinsic(name)) return;
      const at = { file, line: element.position?.start.line, column: element.position?.start.column };
      if (!isKnown(name)) {
        problems.push({ ...at, message: `unknown component <${name}>; known components: ${MDX_COMPONENT_NAMES.join(', ')}` });
        return;
      }
      for (const prop of REQUIRED_PROPS[name] ?? []) {
        if (!hasProp(element, prop)) problems.push({ ...at, message: `<${name}> needs a "${prop}" prop` });
      }
      if (name === 'Exercise' && exercises) checkExercise(element, at, problems, exercises);
      if (name === 'Callout') {
        const kind = literalProp(element, 'type');
        if (typeof kind === 'string' && !(CALLOUT_KINDS as readonly string[]).includes(kind)) {
          problems.push({ ...at, message: `<Callout type="${kind}">: expected one of ${CALLOUT_KINDS.join(', ')}` });
        }
      }
    });
  };
}

function checkExercise(element: JsxElement, at: Omit<ContentProblem, 'message'>, problems: ContentProblem[], exercises: LessonExerciseIds): void {
  if (!hasProp(element, 'id')) return; // reported as a missing required prop
  const id = literalProp(element, 'id');
  if (typeof id !== 'string') {
    problems.push({ ...at, message: '<Exercise id>: give the id as a plain string, e.g. <Exercise id="leave-a-note" />' });
    return;
  }
  if (exercises.ids === null) {
    problems.push({ ...at, message: `<Exercise id="${id}">: this lesson has no exercises; write ${exercises.source} and register it in content/exercises.ts` });
    return;
  }
  if (!exercises.ids.includes(id)) {
    const known = exercises.ids.length > 0 ? `; its exercises: ${exercises.ids.join(', ')}` : '';
    problems.push({ ...at, message: `<Exercise id="${id}">: no exercise "${id}" in ${exercises.source}${known}` });
    return;
  }
  const earlier = exercises.used.find((u) => u.id === id);
  if (earlier) problems.push({ ...at, message: `<Exercise id="${id}"> is placed twice (also at line ${earlier.line ?? '?'})` });
  exercises.used.push({ id, line: at.line });
}
