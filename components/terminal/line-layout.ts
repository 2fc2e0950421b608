/**
 * Where text lands on a terminal grid `cols` cells wide. The line editor redraws by moving the
 * cursor relative to where it knows it is, so it has to predict wrapping exactly as xterm does:
 * a character that does not fit on the row (a wide one in the last column, or anything after the
 * last column is filled) starts the next row, and a row filled to the last column leaves the cursor
 * in the "pending wrap" state (col === cols) until the next character arrives.
 */
import { charWidth, textWidth } from './char-width';

export interface GridPosition {
  /** Rows below the row the measurement started on. */
  row: number;
  /** 0..cols; `cols` means the row is full and the next character wraps. */
  col: number;
}

/** The position after drawing cells of the given widths, starting at `origin` on row 0. */
export function place(widths: readonly number[], count: number, origin: number, cols: number): GridPosition {
  let row = 0;
  let col = Math.min(origin, cols);
  for (let i = 0; i < count; i++) {
    const width = widths[i];
    if (width === 0) continue;
    if (col + width > cols) {
      row++;
      col = 0;
    }
    col += width;
  }
  return { row, col };
}

/** Where the cursor really sits: a pending wrap shows as the start of the next row once resolved. */
export function settle(position: GridPosition, cols: number): GridPosition {
  return position.col >= cols ? { row: position.row + 1, col: 0 } : position;
}

/** The cursor's column after the terminal prints `text` starting at column `col`. */
export function advanceColumn(col: number, text: string, cols: number): number {
  let start = 0;
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (lastBreak !== -1) {
    col = 0;
    start = lastBreak + 1;
  }
  for (let i = start; i < text.length; ) {
    const code = text.codePointAt(i)!;
    if (code === 0x1b) {
      const match = /^\x1b\[([0-?]*)[ -/]*([@-~])/.exec(text.slice(i, i + 32));
      if (match) {
        col = applyCsi(col, match[1], match[2], cols);
        i += match[0].length;
      } else {
        i += 2;
      }
      continue;
    }
    i += code > 0xffff ? 2 : 1;
    if (code === 0x08) col = Math.max(0, Math.min(col, cols - 1) - 1);
    else if (code === 0x09) col = Math.min(cols - 1, (Math.floor(col / 8) + 1) * 8);
    else {
      const width = charWidth(code);
      if (width === 0) continue;
      if (col + width > cols) col = 0;
      col += width;
    }
  }
  return col;
}

function applyCsi(col: number, params: string, final: string, cols: number): number {
  const numbers = params.split(';').map((p) => Number.parseInt(p, 10));
  const n = Number.isFinite(numbers[0]) && numbers[0] > 0 ? numbers[0] : 1;
  switch (final) {
    case 'G':
      return Math.min(cols - 1, n - 1);
    case 'H':
    case 'f':
      return Math.min(cols - 1, (Number.isFinite(numbers[1]) && numbers[1] > 0 ? numbers[1] : 1) - 1);
    case 'C':
      return Math.min(cols - 1, col + n);
    case 'D':
      return Math.max(0, Math.min(col, cols - 1) - n);
    default:
      return col;
  }
}

/** Splits text into terminal cells: a zero-width mark joins the character before it. */
export function toCells(text: string, keepTabs: boolean): string[] {
  const cells: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x09 ? !keepTabs : code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if (code !== 0x09 && charWidth(code) === 0 && cells.length > 0) cells[cells.length - 1] += ch;
    else cells.push(ch);
  }
  return cells;
}

/** A cell's width; a tab kept in the line shows as one space. */
export function cellWidth(cell: string): number {
  if (cell === '\t') return 1;
  let width = 0;
  for (const ch of cell) width += charWidth(ch.codePointAt(0)!);
  return width;
}

export function cellText(cell: string): string {
  return cell === '\t' ? ' ' : cell;
}

/**
 * Completion candidates in columns, as readline prints them: sorted down each column, every column
 * as wide as the longest candidate plus two spaces, as many columns as fit the screen.
 */
export function formatColumns(items: readonly string[], cols: number): string {
  if (items.length === 0) return '';
  const widths = items.map((item) => textWidth(item));
  const columnWidth = Math.max(...widths) + 2;
  let perRow = Math.max(1, Math.floor(cols / columnWidth));
  if (perRow !== 1 && perRow * columnWidth === cols) perRow--;
  const rows = Math.ceil(items.length / perRow);
  let out = '';
  for (let row = 0; row < rows; row++) {
    let line = '';
    for (let column = 0; column < perRow; column++) {
      const index = column * rows + row;
      if (index >= items.length) break;
      line += items[index];
      if (column + 1 < perRow && index + rows < items.length) line += ' '.repeat(columnWidth - widths[index]);
    }
    out += line + '\r\n';
  }
  return out;
}
