/**
 * Every fenced code block in a lesson (the content pipeline rewrites ``` fences to <CodeBlock>).
 * Highlighted on the server; bash/sh/shell blocks are commands with Run and Copy, `norun` in the
 * fence's meta drops Run, other languages get Copy only.
 */
import { SquareTerminal } from 'lucide-react';
import type { Messages } from '@/i18n';
import { format } from '@/components/ui/format';
import { COMMAND_LANGUAGES, parseCodeMeta, resolveCodeLanguage } from './code-languages';
import { commandLabel } from './command-label';
import { CopyButton } from './copy-button';
import { highlight } from './highlight';
import { RunButton } from './run-button';

export interface CodeBlockProps {
  lang?: string;
  code: string;
  meta?: string;
  strings: Messages['site']['mdx']['code'];
}

export async function CodeBlock({ lang, code, meta, strings }: CodeBlockProps) {
  const language = resolveCodeLanguage(lang) ?? 'text';
  const { norun, title } = parseCodeMeta(meta);
  const isCommand = COMMAND_LANGUAGES.includes(language);
  const source = code.replace(/\n+$/, '');
  const html = await highlight(source, language);
  const name = commandLabel(source);
  return (
    <div className="code-block not-prose" data-testid="code-block" data-lang={language} data-command={isCommand ? '' : undefined}>
      <div className="code-block-bar">
        <span className="code-block-label">
          {isCommand ? <SquareTerminal aria-hidden="true" className="size-3.5" strokeWidth={2} /> : null}
          {title ?? (isCommand ? strings.command : language)}
        </span>
        <span className="code-block-actions">
          {isCommand && !norun ? (
            <RunButton command={source} label={format(strings.runLabel, { command: name })} text={strings.run} />
          ) : null}
          <CopyButton
            code={source}
            label={format(strings.copyLabel, { command: name })}
            strings={{ copy: strings.copy, copied: strings.copied, copiedAnnouncement: strings.copiedAnnouncement, copyFailed: strings.copyFailed }}
          />
        </span>
      </div>
      <div className="code-block-body" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
