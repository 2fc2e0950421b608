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
import { Figure } from './figure';
import type { InternalComponentName, MdxComponentName } from './names';

export function createMdxComponents(strings: Messages['site']['mdx']) {
  const components = {
    Callout: function MdxCallout(props: Omit<CalloutProps, 'strings'>) {
      return <Callout {...props} strings={strings.callout} />;
    },
    Command: function MdxCommand(props: Omit<CommandProps, 'strings'>) {
      return <Command {...props} strings={strings.code} />;
    },
    Details,
    Figure,
    CodeBlock: function MdxCodeBlock(props: Omit<CodeBlockProps, 'strings'>) {
      return <CodeBlock {...props} strings={strings.code} />;
    },
  } satisfies Record<MdxComponentName | InternalComponentName, unknown>;
  return components as unknown as MDXComponents;
}
