/**
 * The terminal's line editor, readline-style, with no DOM and no xterm: it turns the data a
 * terminal sends (keys, pastes) into edits of one line, and writes the escape sequences that show
 * them. It owns every write to the terminal, so it always knows where the cursor is, including
 * when the line wraps past the terminal's width.
 *
 * Life cycle: the editor starts busy (no prompt). `prompt(text)` shows a prompt and makes it idle;
 * Enter hands the line to `submit` and makes it busy again until the host shows the next prompt.
 * Input that arrives while busy is kept (typeahead) and replayed once the next prompt is shown,
 * so a paste of several lines runs them one after another; Ctrl-C while busy interrupts the
 * running command and drops what was typed ahead.
 */
import { stripEscapes } from './char-width';
import { readToken, PASTE_END, PASTE_START, type KeyName } from './input-keys';
import { advanceColumn, cellText, cellWidth, formatColumns, place, settle, toCells, type GridPosition } from './line-layout';

export interface TerminalOutput {
  write(data: string): void;
  /** The terminal's current width in cells. */
  readonly cols: number;
}

export interface CompletionResult {
  /** Where the completed word starts in the line (UTF-16 offset). */
  start: number;
  /** Replaces line[start, cursor). */
  replacement: string;
  /** Every candidate, listed on a second Tab when there are several. */
  candidates: string[];
}

export interface LineEditorHandlers {
  /** Enter: the line is handed over and the editor is busy until the next `prompt()`. */
  submit(line: string): void;
  /** Ctrl-C while a command runs. */
  interrupt(): void;
  /** Ctrl-C at a prompt: the line is dropped; the host discards any unfinished command and shows a prompt. */
  cancelInput(): void;
  /** Ctrl-D on an empty line. */
  eof(): void;
  complete(line: string, cursor: number): Promise<CompletionResult>;
  /** Called whenever the editor turns busy or idle. */
  busyChange?(busy: boolean): void;
}

export interface LineEditorOptions {
  /** readline's question before a long list; `{count}` is replaced. */
  completionQuery?: string;
  /** From this many candidates on, ask before listing them (readline's completion-query-items). */
  completionQueryItems?: number;
}

type Mode = 'busy' | 'idle' | 'completing' | 'query';

const CSI = '\x1b[';
const ERASE_BELOW = '\x1b[J';
const ERASE_CHAR = '\x1b[X';

export class LineEditor {
  private mode: Mode = 'busy';
  private promptText = '';
  private promptCells: number[] = [];
  private cells: string[] = [];
  private cursor = 0;
  /** Column the prompt starts in (output that ends without a newline leaves it there, as in bash). */
  private origin = 0;
  /** Where the terminal's cursor is, relative to the prompt's first row. Valid while a prompt shows. */
  private at: GridPosition = { row: 0, col: 0 };
  /** The output column while busy. */
  private column = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private historyEdits = new Map<number, string[]>();
  private killed: string[] = [];
  private pending = '';
  private inPaste = false;
  private lastWasTab = false;
  private queryCandidates: string[] = [];
  private completionRound = 0;
  private out = '';
  private processing = false;
  private knownCols = 0;

  constructor(
    private readonly terminal: TerminalOutput,
    private readonly handlers: LineEditorHandlers,
    private readonly options: LineEditorOptions = {},
  ) {}

  get busy(): boolean {
    return this.mode === 'busy';
  }

  /** The line being edited. */
  get line(): string {
    return this.cells.join('');
  }

  /** The cursor as a UTF-16 offset into `line`. */
  get cursorOffset(): number {
    return this.cells.slice(0, this.cursor).join('').length;
  }

  setHistory(lines: readonly string[]): void {
    this.history = lines.filter((line) => line !== '');
    this.historyIndex = this.history.length;
    this.historyEdits.clear();
  }

  getHistory(): readonly string[] {
    return this.history;
  }

  /** Data from the terminal (keys, pastes). */
  input(data: string): void {
    this.syncWidth();
    if (this.mode === 'busy') {
      const interrupt = data.lastIndexOf('\x03');
      if (interrupt !== -1) {
        this.pending = '';
        this.inPaste = false;
        data = data.slice(interrupt + 1);
        this.emit('^C\r\n');
        this.column = 0;
        this.flush();
        this.handlers.interrupt();
      }
    }
    this.pending += data;
    this.process();
    this.flush();
  }

  /**
   * Types text as if the student had: whatever is on the line is replaced, then each line is
   * entered in turn (through the same path as a paste, so tabs stay literal).
   */
  typeIn(text: string): void {
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    this.input('\x05\x15' + PASTE_START + lines.replace(/\n/g, '\r') + '\r' + PASTE_END);
  }

  /**
   * Clears the screen and the scrollback and forgets the line and any typeahead (the world behind
   * the terminal was replaced). The editor is busy until the next `prompt()`.
   */
  clearAll(): void {
    this.pending = '';
    this.inPaste = false;
    this.queryCandidates = [];
    this.cells = [];
    this.cursor = 0;
    this.completionRound++;
    this.emit(`${CSI}H${CSI}2J${CSI}3J`);
    this.column = 0;
    this.origin = 0;
    this.at = { row: 0, col: 0 };
    this.setMode('busy');
    this.flush();
  }

  /** Shows a prompt (primary or `> `) and replays any typeahead. */
  prompt(text: string): void {
    this.syncWidth();
    const cols = this.cols();
    if (this.column >= cols) {
      this.emit('\r\n');
      this.column = 0;
    }
    this.origin = this.column;
    this.promptText = text;
    this.promptCells = toCells(stripEscapes(text), true).map(cellWidth);
    this.cells = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.historyEdits.clear();
    this.lastWasTab = false;
    this.completionRound++;
    this.setMode('idle');
    this.at = { row: 0, col: this.origin };
    this.drawFrom(-this.promptCells.length, text);
    this.process();
    this.flush();
  }

  /**
   * Prints output. While a command runs this is its output; at a prompt it is a notice printed
   * below the line being edited, after which the prompt and line are drawn again.
   */
  print(text: string): void {
    if (text === '') return;
    this.syncWidth();
    if (this.mode === 'busy') {
      this.emit(text);
      this.column = advanceColumn(this.column, text, this.cols());
    } else {
      if (this.mode === 'query') {
        // A notice interrupts readline's question: the question is dropped, as if answered no.
        this.emit('\r\n');
        this.queryCandidates = [];
        this.mode = 'idle';
      } else {
        this.leaveLine();
      }
      this.emit(text);
      if (advanceColumn(0, text, this.cols()) !== 0) this.emit('\r\n');
      this.redrawPromptAndLine();
    }
    this.flush();
  }

  /** A note in the terminal's own voice, on lines of its own: below the output, or below the line being edited. */
  notice(text: string): void {
    const body = text.endsWith('\n') ? text : text + '\r\n';
    if (this.mode === 'busy') {
      if (this.column !== 0) this.emit('\r\n');
      this.column = 0;
    }
    this.print(body);
  }

  /** Call after the terminal changed size: the line being edited is drawn again for the new width. */
  resize(): void {
    this.syncWidth();
    this.flush();
  }

  /**
   * xterm leaves the rows holding the cursor alone on resize (reflowCursorLine off): they keep
   * their place, cut or padded to the new width. So the prompt still starts `at.row` rows above
   * the cursor, and the line is drawn again from there, as readline does on SIGWINCH.
   */
  private syncWidth(): void {
    const cols = this.cols();
    if (cols === this.knownCols) return;
    this.knownCols = cols;
    if (this.mode === 'busy') {
      this.column = Math.min(this.column, cols);
      return;
    }
    if (this.mode === 'query') return;
    this.origin = Math.min(this.origin, cols - 1);
    this.emit('\r' + (this.at.row > 0 ? `${CSI}${this.at.row}A` : '') + (this.origin > 0 ? `${CSI}${this.origin}C` : ''));
    this.at = { row: 0, col: this.origin };
    this.drawFrom(-this.promptCells.length, this.promptText);
  }

  private process(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      while ((this.mode === 'idle' || this.mode === 'query') && this.pending.length > 0) {
        const read = readToken(this.pending, 0, this.inPaste);
        if (!read) break;
        this.pending = this.pending.slice(read.length);
        const { token } = read;
        if (token.kind === 'paste-start') this.inPaste = true;
        else if (token.kind === 'paste-end') this.inPaste = false;
        else if (this.mode === 'query') this.answerQuery(token.kind === 'text' ? token.text[0] : token.kind === 'key' ? token.key : '');
        else if (token.kind === 'text') this.onText(token.text);
        else if (token.kind === 'key') this.onKey(token.key);
      }
    } finally {
      this.processing = false;
    }
  }

  private onText(text: string): void {
    this.lastWasTab = false;
    this.insert(toCells(text, this.inPaste));
  }

  private onKey(key: KeyName): void {
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    switch (key) {
      case 'enter': return this.accept();
      case 'tab': return this.inPaste ? this.insert(['\t']) : this.startCompletion(wasTab);
      case 'backspace':
        if (this.cursor > 0) this.remove(this.cursor - 1, this.cursor, false);
        return;
      case 'delete':
        if (this.cursor < this.cells.length) this.remove(this.cursor, this.cursor + 1, false);
        return;
      case 'eof':
        if (this.cells.length === 0) return this.handlers.eof();
        if (this.cursor < this.cells.length) this.remove(this.cursor, this.cursor + 1, false);
        return;
      case 'left': return this.moveCursor(this.cursor - 1);
      case 'right': return this.moveCursor(this.cursor + 1);
      case 'home': return this.moveCursor(0);
      case 'end': return this.moveCursor(this.cells.length);
      case 'word-left': return this.moveCursor(this.wordStartBefore(this.cursor, isWordCell));
      case 'word-right': return this.moveCursor(this.wordEndAfter(this.cursor));
      case 'kill-start': return this.remove(0, this.cursor, true);
      case 'kill-end': return this.remove(this.cursor, this.cells.length, true);
      case 'kill-word-back': return this.remove(this.wordStartBefore(this.cursor, (cell) => !/\s/.test(cell)), this.cursor, true);
      case 'kill-word-forward': return this.remove(this.cursor, this.wordEndAfter(this.cursor), true);
      case 'yank': return this.insert(this.killed);
      case 'up': return this.recall(this.historyIndex - 1);
      case 'down': return this.recall(this.historyIndex + 1);
      case 'interrupt': return this.cancelLine();
      case 'clear':
        this.emit(`${CSI}H${CSI}2J`);
        this.origin = 0;
        this.at = { row: 0, col: 0 };
        return this.drawFrom(-this.promptCells.length, this.promptText);
      case 'abort':
        return;
    }
  }

  private accept(): void {
    this.leaveLine();
    const line = this.line;
    if (line !== '' && line !== this.history[this.history.length - 1]) this.history.push(line);
    this.cells = [];
    this.cursor = 0;
    this.setMode('busy');
    this.flush();
    this.handlers.submit(line);
  }

  private cancelLine(): void {
    this.moveTo(this.position(this.cells.length));
    this.emit('^C\r\n');
    this.column = 0;
    this.cells = [];
    this.cursor = 0;
    this.setMode('busy');
    this.flush();
    this.handlers.cancelInput();
  }

  private insert(cells: readonly string[]): void {
    if (cells.length === 0) return;
    const added = [...cells];
    let from = this.cursor;
    // A combining mark typed on its own joins the character before the cursor.
    if (from > 0 && cellWidth(added[0]) === 0) {
      this.cells[from - 1] += added.shift();
      from--;
    }
    this.cells.splice(this.cursor, 0, ...added);
    this.cursor += added.length;
    this.drawFrom(from);
  }

  private remove(start: number, end: number, kill: boolean): void {
    if (end <= start) return;
    const removed = this.cells.splice(start, end - start);
    if (kill) this.killed = removed;
    this.cursor = start;
    this.drawFrom(start);
  }

  private moveCursor(index: number): void {
    this.cursor = Math.max(0, Math.min(this.cells.length, index));
    this.moveTo(this.position(this.cursor));
  }

  private recall(index: number): void {
    if (index < 0 || index > this.history.length || index === this.historyIndex) return;
    this.historyEdits.set(this.historyIndex, this.cells);
    this.historyIndex = index;
    this.cells = [...(this.historyEdits.get(index) ?? (index < this.history.length ? toCells(this.history[index], true) : []))];
    this.cursor = this.cells.length;
    this.drawFrom(0);
  }

  private wordStartBefore(index: number, isWord: (cell: string) => boolean): number {
    let i = index;
    while (i > 0 && !isWord(this.cells[i - 1])) i--;
    while (i > 0 && isWord(this.cells[i - 1])) i--;
    return i;
  }

  private wordEndAfter(index: number): number {
    let i = index;
    while (i < this.cells.length && !isWordCell(this.cells[i])) i++;
    while (i < this.cells.length && isWordCell(this.cells[i])) i++;
    return i;
  }

  private startCompletion(secondTab: boolean): void {
    const line = this.line;
    const cursor = this.cursorOffset;
    const round = ++this.completionRound;
    this.mode = 'completing';
    this.flush();
    Promise.resolve()
      .then(() => this.handlers.complete(line, cursor))
      .then(
        (result) => this.finishCompletion(round, line, cursor, result, secondTab),
        () => this.finishCompletion(round, line, cursor, null, secondTab),
      );
  }

  private finishCompletion(round: number, line: string, cursor: number, result: CompletionResult | null, secondTab: boolean): void {
    if (round !== this.completionRound || this.mode !== 'completing') return;
    this.mode = 'idle';
    this.lastWasTab = true;
    if (result) {
      const before = line.slice(0, result.start) + result.replacement;
      const text = before + line.slice(cursor);
      if (text !== line) {
        const oldCells = this.cells;
        this.cells = toCells(text, true);
        this.cursor = toCells(before, true).length;
        let same = 0;
        while (same < oldCells.length && same < this.cells.length && oldCells[same] === this.cells[same]) same++;
        this.drawFrom(same);
      } else if (secondTab && result.candidates.length > 1) {
        this.listCandidates(result.candidates);
      }
    }
    this.process();
    this.flush();
  }

  private listCandidates(candidates: string[]): void {
    const threshold = this.options.completionQueryItems ?? 100;
    this.leaveLine();
    if (candidates.length >= threshold) {
      const question = (this.options.completionQuery ?? 'Display all {count} possibilities? (y or n)').replace('{count}', String(candidates.length));
      this.emit(question);
      this.queryCandidates = candidates;
      this.mode = 'query';
      return;
    }
    this.emit(formatColumns(candidates, this.cols()));
    this.redrawPromptAndLine();
  }

  private answerQuery(answer: string): void {
    if (answer === 'y' || answer === 'Y' || answer === ' ') {
      this.emit('\r\n' + formatColumns(this.queryCandidates, this.cols()));
    } else if (answer === 'n' || answer === 'N' || answer === 'backspace' || answer === 'interrupt' || answer === 'abort') {
      this.emit('\r\n');
    } else {
      return;
    }
    this.queryCandidates = [];
    this.mode = 'idle';
    this.lastWasTab = false;
    this.redrawPromptAndLine();
  }

  /** Moves below the line being edited, to the start of a fresh row. */
  private leaveLine(): void {
    const end = place(this.widths(), this.widths().length, this.origin, this.cols());
    this.moveTo(settle(end, this.cols()));
    if (end.col < this.cols()) this.emit('\r\n');
    this.column = 0;
  }

  /** Draws the prompt and the line again from the current row's start (after a list or a notice). */
  private redrawPromptAndLine(): void {
    this.origin = 0;
    this.at = { row: 0, col: 0 };
    this.drawFrom(-this.promptCells.length, this.promptText);
  }

  /**
   * Redraws from cell `from` of the line (negative: from inside the prompt, which is then written
   * whole as `promptText`) to the end, then puts the cursor back where it belongs.
   */
  private drawFrom(from: number, promptText?: string): void {
    const cols = this.cols();
    const widths = this.widths();
    const p = this.promptCells.length;
    let start = settle(place(widths, p + from, this.origin, cols), cols);
    // Erasing from the first column of a continuation row would make xterm forget that the row
    // continues the one above (it could no longer reflow it, and copying would break the line).
    // Start one cell earlier instead, at the end of the row above, and let the text wrap again.
    while (start.row > 0 && start.col === 0 && p + from > 0) {
      from--;
      start = settle(place(widths, p + from, this.origin, cols), cols);
    }
    if (from < 0 && promptText === undefined) return this.drawFrom(-p, this.promptText);
    this.moveTo(start);
    let text = ERASE_BELOW;
    if (promptText !== undefined) text += promptText;
    for (let i = Math.max(0, from); i < this.cells.length; i++) text += cellText(this.cells[i]);
    this.emit(text);
    const end = place(widths, widths.length, this.origin, cols);
    if (end.col >= cols) {
      // The line fills the row exactly: the terminal waits to wrap. Make it wrap now (print a
      // space, step back, erase that one cell: ECH keeps the row marked as a continuation, where
      // EL at column 0 would not) so the cursor can sit at the start of the next row.
      this.emit(' \b' + ERASE_CHAR);
    }
    this.at = settle(end, cols);
    this.moveTo(this.position(this.cursor));
  }

  private position(index: number): GridPosition {
    const cols = this.cols();
    return settle(place(this.widths(), this.promptCells.length + index, this.origin, cols), cols);
  }

  private moveTo(target: GridPosition): void {
    const rows = target.row - this.at.row;
    let move = rows < 0 ? `${CSI}${-rows}A` : rows > 0 ? `${CSI}${rows}B` : '';
    if (rows !== 0 || target.col !== this.at.col) move += target.col === 0 ? '\r' : `\r${CSI}${target.col}C`;
    this.emit(move);
    this.at = target;
  }

  private widths(): number[] {
    return [...this.promptCells, ...this.cells.map(cellWidth)];
  }

  private cols(): number {
    return Math.max(2, this.terminal.cols || 80);
  }

  private setMode(mode: Mode): void {
    const wasBusy = this.mode === 'busy';
    this.mode = mode;
    if (wasBusy !== (mode === 'busy')) this.handlers.busyChange?.(mode === 'busy');
  }

  private emit(text: string): void {
    this.out += text;
  }

  private flush(): void {
    if (this.out === '') return;
    const text = this.out;
    this.out = '';
    this.terminal.write(text);
  }
}

function isWordCell(cell: string): boolean {
  return /[\p{L}\p{N}_]/u.test(cell);
}
