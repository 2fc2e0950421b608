/**
 * Fails the build on an MDX element the registry does not know (`<Foo />`), on a missing required
 * prop (a Figure without `alt`) and on a Callout of an unknown type. Lower-case elements are plain
 * HTML (`<kbd>`, `<svg>`) and pass.
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

function literalProp(node: JsxElement, name: string): string | null | undefined {
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name) {
      if (attribute.value === null || attribute.value === undefined) return null;
      return typeof attribute.value === 'string' ? attribute.value : undefined;
    }
  }
  return undefined;
}

function hasProp(node: JsxElement, name: string): boolean {
  return node.attributes.some((a) => a.type === 'mdxJsxExpressionAttribute' || a.name === name);
}

export function remarkCheckComponents(file: string, problems: ContentProblem[]) {
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
      if (name === 'Callout') {
        const kind = literalProp(element, 'type');
        if (typeof kind === 'string' && !(CALLOUT_KINDS as readonly string[]).includes(kind)) {
          problems.push({ ...at, message: `<Callout type="${kind}">: expected one of ${CALLOUT_KINDS.join(', ')}` });
        }
      }
    });
  };
}
