/**
 * Piped mode: each input line is "typed" into the shell and the transcript shows what a terminal
 * would: the prompt and the line, then the output. Lines that continue an unfinished command
 * (a heredoc, an open quote) are shown after bash's secondary prompt, `> `.
 */
import type { Sandbox, UiRequest } from '../../sandbox/index';

export interface TranscriptSink {
  write(text: string): void;
}

export const CONTINUATION_PROMPT = '> ';

/** The headless CLI has no editor pane: it says so instead of silently doing nothing. */
export function requestNotes(requests: UiRequest[]): string {
  return requests.map((r) => `[dockyard: the editor pane opens ${r.path} in the browser; here, write files with a heredoc: cat > ${r.path} <<'EOF']\n`).join('');
}

export function droppedLinesNote(dropped: number): string {
  return `[dockyard: ${dropped.toLocaleString('en-US')} earlier lines of output are not shown]\n`;
}

/** Runs every line and returns the status of the last command that ran. */
export async function runTranscript(sandbox: Sandbox, lines: string[], out: TranscriptSink): Promise<number> {
  const shell = sandbox.console;
  let status = 0;
  let pending: string | null = null;
  for (const line of lines) {
    out.write(`${pending === null ? shell.prompt() : CONTINUATION_PROMPT}${line}\n`);
    const text: string = pending === null ? line : `${pending}\n${line}`;
    if (shell.isIncomplete(text)) {
      pending = text;
      continue;
    }
    pending = null;
    const result = await shell.run(text);
    if (result.droppedLines > 0) out.write(droppedLinesNote(result.droppedLines));
    out.write(result.stdout);
    out.write(result.stderr);
    out.write(requestNotes(result.requests));
    status = result.exitCode;
  }
  if (pending !== null) {
    // Input ended inside an unfinished command: bash reports the same for `bash -i < file`.
    out.write(`bash: syntax error: unexpected end of file\n`);
    status = 2;
  }
  return status;
}
