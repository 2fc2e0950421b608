/**
 * Decides whether a typed command is complete or whether the shell should print the secondary
 * prompt (`> `) and read another line, as bash does for an open quote, an unterminated heredoc, a
 * trailing `|`/`&&`/`||` or backslash, or an `if`/`for`/`while` without its closing keyword.
 */
import { Bash } from 'just-bash';
import { walk } from './ast';

/** A plain parser: the session's own Bash would run its transform plugins (and their side effects). */
let parser: Bash | undefined;

export function needsMoreInput(text: string): boolean {
  parser ??= new Bash();
  if (endsWithLineContinuation(text)) return true;
  const trimmed = text.trimEnd();
  if (/(\|\||&&|\|)$/.test(trimmed)) return true;
  try {
    const { ast } = parser.transform(text);
    let openHeredoc = false;
    walk(ast, (node) => {
      if (node.type === 'HereDoc' && node.terminated === false) openHeredoc = true;
    });
    return openHeredoc;
  } catch (error) {
    return errorIsAtEnd(String((error as Error)?.message ?? error), text);
  }
}

function endsWithLineContinuation(text: string): boolean {
  const match = /\\+$/.exec(text);
  return !!match && match[0].length % 2 === 1;
}

/** A syntax error reported at the very end of the input means "more is coming", not "wrong". */
function errorIsAtEnd(message: string, text: string): boolean {
  if (/unexpected EOF|got EOF|end of file|unterminated here-document/i.test(message)) return true;
  const at = /at (\d+):(\d+)/.exec(message);
  if (!at) return false;
  const lines = text.replace(/\n+$/, '').split('\n');
  const line = Number(at[1]);
  const column = Number(at[2]);
  return line > lines.length || (line === lines.length && column > lines[lines.length - 1].length);
}
