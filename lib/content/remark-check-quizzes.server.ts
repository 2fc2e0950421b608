/**
 * Checks the shape of quizzes: `<Quiz id>` holds `<Question id prompt>`s, each holding
 * `<Answer why>`s, exactly one of them `correct`. Fails the build on a question with no correct
 * answer or several, on fewer than two answers, on an id used twice (quizzes in the lesson,
 * questions in their quiz), on a Question outside a Quiz, an Answer outside a Question, and on
 * anything else inside them. Missing props are reported by remark-check-components.
 */
import type { Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { ContentProblem } from './content-error.server';
import { hasProp, literalProp } from './remark-check-components.server';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;
type Node = Root | RootContent;
type Where = Omit<ContentProblem, 'message'>;

const QUIZ_NAMES = ['Quiz', 'Question', 'Answer'] as const;
type QuizName = (typeof QUIZ_NAMES)[number];
const PARENT: Record<QuizName, QuizName | null> = { Quiz: null, Question: 'Quiz', Answer: 'Question' };

function isElement(node: Node): node is JsxElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

function quizName(node: Node): QuizName | null {
  return isElement(node) && (QUIZ_NAMES as readonly (string | null)[]).includes(node.name) ? (node.name as QuizName) : null;
}

function childrenOf(node: Node): Node[] {
  return 'children' in node ? (node.children as Node[]) : [];
}

/** The children of a quiz element that matter: paragraphs MDX wraps inline elements in are looked through. */
function contentsOf(node: Node): Node[] {
  const found: Node[] = [];
  for (const child of childrenOf(node)) {
    if (child.type === 'paragraph') found.push(...contentsOf(child));
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else found.push(child);
  }
  return found;
}

export function remarkCheckQuizzes(file: string, problems: ContentProblem[]) {
  return () => (tree: Root) => {
    const quizIds = new Map<string, number | undefined>();
    const at = (node: Node): Where => ({ file, line: node.position?.start.line, column: node.position?.start.column });
    const report = (node: Node, message: string) => problems.push({ ...at(node), message });

    const plainId = (element: JsxElement): string | null => {
      if (!hasProp(element, 'id')) return null; // reported as a missing required prop
      const id = literalProp(element, 'id');
      if (typeof id === 'string' && id.trim() !== '') return id;
      report(element, `<${element.name} id>: give the id as a plain string, e.g. <${element.name} id="${element.name === 'Quiz' ? 'layers-quiz' : 'what-is-a-layer'}">`);
      return null;
    };

    const checkAnswer = (answer: JsxElement) => {
      for (const attribute of answer.attributes) {
        if (attribute.type !== 'mdxJsxAttribute' || attribute.name !== 'correct') continue;
        if (attribute.value !== null && attribute.value !== undefined) report(answer, '<Answer correct>: write `correct` alone, with no value, on the one right answer');
      }
      if (hasProp(answer, 'why') && typeof literalProp(answer, 'why') !== 'string') report(answer, '<Answer why>: give the explanation as a plain string, why="…"');
      else if (literalProp(answer, 'why')?.trim() === '') report(answer, '<Answer why>: the explanation is empty');
      if (contentsOf(answer).length === 0) report(answer, '<Answer> needs its text: <Answer why="…">the answer</Answer>');
    };

    const checkQuestion = (question: JsxElement, questionIds: Map<string, number | undefined>) => {
      const id = plainId(question);
      const label = id === null ? '<Question>' : `<Question id="${id}">`;
      if (id !== null) {
        if (questionIds.has(id)) report(question, `${label} is used twice in its quiz (also at line ${questionIds.get(id) ?? '?'})`);
        else questionIds.set(id, question.position?.start.line);
      }
      if (hasProp(question, 'prompt') && typeof literalProp(question, 'prompt') !== 'string') report(question, `${label} prompt: give the question as a plain string, prompt="…"`);
      const answers: JsxElement[] = [];
      for (const child of contentsOf(question)) {
        if (quizName(child) === 'Answer') answers.push(child as JsxElement);
        else if (quizName(child) === null) report(child, `${label} holds only <Answer> elements; put other text in the prompt or an answer's why`);
      }
      if (answers.length < 2) report(question, `${label} needs at least two <Answer>s`);
      const correct = answers.filter((answer) => answer.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'correct'));
      if (answers.length > 0 && correct.length === 0) report(question, `${label} has no correct answer: mark exactly one <Answer correct>`);
      if (correct.length > 1) report(question, `${label} has ${correct.length} correct answers (lines ${correct.map((a) => a.position?.start.line ?? '?').join(', ')}): mark exactly one <Answer correct>`);
    };

    const checkQuiz = (quiz: JsxElement) => {
      const id = plainId(quiz);
      if (id !== null) {
        if (quizIds.has(id)) report(quiz, `<Quiz id="${id}"> is used twice (also at line ${quizIds.get(id) ?? '?'})`);
        else quizIds.set(id, quiz.position?.start.line);
      }
      let questions = 0;
      for (const child of contentsOf(quiz)) {
        if (quizName(child) === 'Question') questions++;
        else if (quizName(child) === null) report(child, `<Quiz> holds only <Question> elements; move other text out of the quiz`);
      }
      if (questions === 0) report(quiz, `<Quiz${id === null ? '' : ` id="${id}"`}> needs at least one <Question>`);
    };

    // Walks the tree with the nearest enclosing quiz element, so each is checked against its parent.
    const walk = (node: Node, enclosing: JsxElement | null, questionIds: Map<string, number | undefined>) => {
      const name = quizName(node);
      let inner = enclosing;
      let ids = questionIds;
      if (name !== null) {
        const element = node as JsxElement;
        const expected = PARENT[name];
        const actual = enclosing ? (enclosing.name as QuizName) : null;
        if (expected === null && actual !== null) report(element, `<Quiz> cannot be inside a <${actual}>`);
        if (expected !== null && actual !== expected) report(element, `<${name}> must be inside a <${expected}>${actual ? `, not directly in a <${actual}>` : ''}`);
        if (name === 'Quiz') {
          checkQuiz(element);
          ids = new Map();
        }
        if (name === 'Question') checkQuestion(element, ids);
        if (name === 'Answer') checkAnswer(element);
        inner = element;
      }
      for (const child of childrenOf(node)) walk(child, inner, ids);
    };
    walk(tree, null, new Map());
  };
}
