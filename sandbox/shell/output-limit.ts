/**
 * A command may print far more than a terminal keeps (`seq 1 1000000` prints 6.9 MB). Sending all
 * of it to the page would freeze the tab for seconds, and the terminal would drop all but its
 * scrollback anyway, so only the tail that the scrollback can hold is kept, with a note saying so.
 */
export const SCROLLBACK_LINES = 5000;
/** Below this size output passes untouched, whatever its line count. */
const SMALL_OUTPUT_CHARS = 256 * 1024;

export interface LimitedOutput {
  text: string;
  /** Lines dropped from the front, 0 when nothing was cut. */
  droppedLines: number;
}

export function limitOutput(text: string, maxLines: number = SCROLLBACK_LINES): LimitedOutput {
  if (text.length <= SMALL_OUTPUT_CHARS) return { text, droppedLines: 0 };
  let cut = text.length;
  // Walk back over the last `maxLines` line breaks (the final newline closes the last line).
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  cut = end;
  for (let kept = 0; kept < maxLines && cut > 0; kept++) cut = text.lastIndexOf('\n', cut - 1);
  if (cut <= 0) {
    // Few, very long lines: keep the last characters instead.
    const start = text.length - SMALL_OUTPUT_CHARS;
    return { text: text.slice(start), droppedLines: countLines(text.slice(0, start)) };
  }
  return { text: text.slice(cut + 1), droppedLines: countLines(text.slice(0, cut + 1)) };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
