/**
 * For tests: a small terminal model that interprets what the line editor writes (printable text
 * with xterm's wrapping and pending-wrap rule, CR, LF as CR LF like `convertEol`, cursor movement,
 * erase in line and display) into a grid, so tests can assert on the screen and the cursor rather
 * than on escape sequences.
 */
import { charWidth } from './char-width';

const WIDE_FILLER = '\u0000';

export class FakeTerminal {
  readonly writes: string[] = [];
  /** Every line ever written; the last `rows` are the screen. */
  private lines: string[][] = [[]];
  /** Per line: does it continue the line above (xterm's `isWrapped`)? */
  private wrapped: boolean[] = [false];
  private x = 0;
  private y = 0;

  constructor(public cols: number = 80, readonly rows: number = 24) {}

  write(data: string): void {
    this.writes.push(data);
    const chars = [...data];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === '\x1b' && chars[i + 1] === '[') {
        let j = i + 2;
        let params = '';
        while (j < chars.length && /[0-?]/.test(chars[j])) params += chars[j++];
        this.csi(params, chars[j]);
        i = j;
      } else if (ch === '\r') {
        this.x = 0;
      } else if (ch === '\n') {
        this.x = 0;
        this.lineFeed();
        this.wrapped[this.y] = false; // an explicit line feed starts a new logical line
      } else if (ch === '\b') {
        if (this.x === 0 && this.wrapped[this.y]) {
          // reverse wraparound, as xterm does
          this.wrapped[this.y] = false;
          this.y--;
          this.x = this.cols - 1;
        } else {
          this.x = Math.max(0, Math.min(this.x, this.cols - 1) - 1);
        }
      } else if (ch === '\x07') {
        // bell
      } else {
        this.print(ch);
      }
    }
  }

  /**
   * Changes the width the way xterm does for the rows holding the cursor when `reflowCursorLine`
   * is off: rows stay where they are, cut to the new width.
   */
  resize(cols: number): void {
    this.cols = cols;
    this.x = Math.min(this.x, cols - 1);
    for (const line of this.lines) if (line.length > cols) line.length = cols;
  }

  /** All lines, trailing blanks trimmed. */
  text(): string {
    return this.lines.map((line) => this.render(line)).join('\n').replace(/\n+$/, '');
  }

  /** The visible rows. */
  screen(): string[] {
    return this.lines.slice(this.top(), this.top() + this.rows).map((line) => this.render(line));
  }

  /** Row within the screen and column of the cursor (a pending wrap shows as `cols`). */
  get cursor(): { row: number; col: number } {
    return { row: this.y - this.top(), col: this.x };
  }

  /** Absolute line index of the cursor, counting scrollback. */
  get cursorLine(): number {
    return this.y;
  }

  isWrapped(index: number): boolean {
    return this.wrapped[index] ?? false;
  }

  line(index: number): string {
    return this.render(this.lines[index] ?? []);
  }

  private render(line: string[]): string {
    return line.map((c) => c ?? ' ').filter((c) => c !== WIDE_FILLER).join('').replace(/\s+$/, '');
  }

  private top(): number {
    return Math.max(0, this.lines.length - this.rows);
  }

  private print(ch: string): void {
    const width = charWidth(ch.codePointAt(0)!);
    const line = this.lines[this.y];
    if (width === 0) {
      const prev = Math.max(0, this.x - 1);
      line[prev] = (line[prev] ?? ' ') + ch;
      return;
    }
    if (this.x + width > this.cols) {
      this.x = 0;
      this.lineFeed();
      this.wrapped[this.y] = true;
    }
    const target = this.lines[this.y];
    target[this.x] = ch;
    if (width === 2) target[this.x + 1] = WIDE_FILLER;
    for (let k = 0; k < this.x; k++) target[k] ??= ' ';
    this.x += width;
  }

  private lineFeed(): void {
    this.y++;
    this.grow();
  }

  private grow(): void {
    while (this.lines.length <= this.y) {
      this.lines.push([]);
      this.wrapped.push(false);
    }
  }

  private csi(params: string, final: string): void {
    const [a, b] = params.split(';').map((p) => Number.parseInt(p, 10));
    const n = Number.isFinite(a) && a > 0 ? a : 1;
    const x = Math.min(this.x, this.cols - 1);
    switch (final) {
      case 'A':
        this.y = Math.max(this.top(), this.y - n);
        this.x = x;
        break;
      case 'B':
        this.y = Math.min(this.top() + this.rows - 1, this.y + n);
        this.grow();
        this.x = x;
        break;
      case 'C':
        this.x = Math.min(this.cols - 1, x + n);
        break;
      case 'D':
        this.x = Math.max(0, x - n);
        break;
      case 'H':
        this.y = Math.min(this.lines.length - 1, this.top() + (Number.isFinite(a) && a > 0 ? a : 1) - 1);
        this.x = (Number.isFinite(b) && b > 0 ? b : 1) - 1;
        break;
      case 'K':
        this.lines[this.y].length = Math.min(this.lines[this.y].length, this.x);
        if (this.x === 0) this.wrapped[this.y] = false;
        break;
      case 'X':
        for (let k = x; k < Math.min(x + n, this.lines[this.y].length); k++) this.lines[this.y][k] = ' ';
        break;
      case 'J':
        if (params === '3') {
          // Like xterm: the scrollback is dropped; the screen stays.
          const top = this.top();
          this.lines.splice(0, top);
          this.wrapped.splice(0, top);
          this.y -= top;
        } else if (params === '2') {
          // Like xterm.js: the screen's content scrolls into the scrollback, a blank screen follows.
          const row = this.y - this.top();
          for (let k = 0; k < this.rows; k++) {
            this.lines.push([]);
            this.wrapped.push(false);
          }
          this.y = this.top() + row;
        } else {
          // Like xterm: erasing from column 0 also ends the row's continuation of the row above.
          this.lines[this.y].length = Math.min(this.lines[this.y].length, this.x);
          if (this.x === 0) this.wrapped[this.y] = false;
          for (let k = this.y + 1; k < this.lines.length; k++) {
            this.lines[k] = [];
            this.wrapped[k] = false;
          }
        }
        break;
    }
  }
}
