/**
 * Turns every fenced code block into `<CodeBlock lang meta code />`, rendered on the server by
 * components/mdx/code-block.tsx (highlighted with shiki; bash/sh/shell blocks get Run and Copy).
 * An unsupported language fails the build, and so does an `exit=` that is not a status (0–255)
 * or sits on a block that is not a command block.
 */
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { CODE_LANGUAGES, COMMAND_LANGUAGES, exitStatus, parseCodeMeta, resolveCodeLanguage } from '@/components/mdx/code-languages';
import type { ContentProblem } from './content-error.server';

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}

export function remarkCodeBlocks(file: string, problems: ContentProblem[]) {
  return () => (tree: Root) => {
    visit(tree, 'code', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const lang = resolveCodeLanguage(node.lang);
      if (!lang) {
        problems.push({
          file,
          line: node.position?.start.line,
          column: node.position?.start.column,
          message: `unsupported code language "${node.lang}"; supported: ${CODE_LANGUAGES.join(', ')}`,
        });
        return;
      }
      const { exit } = parseCodeMeta(node.meta);
      if (exit !== undefined) {
        const where = { file, line: node.position?.start.line, column: node.position?.start.column };
        if (!COMMAND_LANGUAGES.includes(lang)) {
          problems.push({ ...where, message: `exit=${exit}: only a command block (${COMMAND_LANGUAGES.join(', ')}) has an exit status` });
        } else if (exitStatus(exit) === null) {
          problems.push({ ...where, message: `exit=${exit}: expected the last command's exit status, a whole number from 0 to 255 (e.g. exit=1)` });
        }
      }
      const attributes = [attribute('lang', lang), attribute('code', node.value)];
      if (node.meta) attributes.push(attribute('meta', node.meta));
      const element: MdxJsxFlowElement = {
        type: 'mdxJsxFlowElement',
        name: 'CodeBlock',
        attributes,
        children: [],
        position: node.position,
      };
      parent.children.splice(index, 1, element);
    });
  };
}
