/**
 * Gives every heading a stable id (github-slugger, the same ids GitHub shows) and collects the
 * h2/h3 table of contents. The lesson title is the page's only h1, so `#` in a lesson is an error.
 */
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ContentProblem } from './content-error.server';
import { textOf } from './mdast-text.server';

export interface TocEntry {
  depth: 2 | 3;
  id: string;
  text: string;
}

/** Ids the page itself uses; a heading with the same text gets a suffix instead. */
export const RESERVED_IDS = ['main-content', 'terminal-pane', 'lesson-title', 'objectives', 'toc'];

export function remarkHeadings(file: string, problems: ContentProblem[], toc: TocEntry[]) {
  return () => (tree: Root) => {
    const slugger = new GithubSlugger();
    for (const id of RESERVED_IDS) slugger.slug(id);
    visit(tree, 'heading', (node) => {
      if (node.depth === 1) {
        problems.push({
          file,
          line: node.position?.start.line,
          column: node.position?.start.column,
          message: 'a lesson starts at "##": its title (the h1) comes from frontmatter.title',
        });
      }
      const text = textOf(node).trim();
      const id = slugger.slug(text);
      // mdast-util-to-hast copies data.hProperties onto the <h2>/<h3> it makes.
      const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...data.hProperties, id };
      if (node.depth === 2 || node.depth === 3) toc.push({ depth: node.depth, id, text });
    });
  };
}
