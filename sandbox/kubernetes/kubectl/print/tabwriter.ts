/**
 * Go's text/tabwriter, as kubectl uses it: cells are tab-terminated, the text after a line's last
 * tab belongs to no column and is never padded, and a column is as wide as its widest cell plus
 * `padding` (never narrower than `minwidth`) over each *block* of consecutive lines that have a
 * cell in it. That block rule is why `kubectl describe` aligns `QoS Class:` with the volume lines
 * above it and `Controlled By:` with the `IP:` under `IPs:`.
 *
 * `kubectl get` uses `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)` (printers.GetNewTabWriter);
 * `kubectl describe` uses `Init(buf, 0, 8, 2, ' ', 0)` (describe.tabbedString).
 */

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Width as Go counts it: runes, not UTF-16 units. */
function width(text: string): number {
  return [...text].length;
}

/** Aligns `text` (lines ending in `\n`, cells separated by `\t`) as tabwriter.Flush would. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines = rawLines.map((line) => line.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      cells.forEach((cell, j) => {
        line += cell;
        if (j < widths.length && j < cells.length - 1) line += ' '.repeat(Math.max(0, widths[j] - width(cell)));
      });
      out.push(line);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      writeLines(start, current);
      start = current;
      let w = options.minwidth;
      for (; current < line1; current++) {
        const cells = lines[current];
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]) + options.padding);
      }
      widths.push(w);
      format(start, current);
      widths.pop();
      start = current;
      current--; // the loop's increment re-examines the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
