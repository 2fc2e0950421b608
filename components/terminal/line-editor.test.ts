import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth } from './char-width';
import { FakeTerminal } from './fake-terminal';
import { LineEditor, type CompletionResult } from './line-editor';

const PROMPT = 'root@lab:~# ';
const KEYS = {
  left: '\x1b[D', right: '\x1b[C', up: '\x1b[A', down: '\x1b[B', home: '\x1b[H', end: '\x1b[F',
  delete: '\x1b[3~', backspace: '\x7f', enter: '\r', tab: '\t',
};

function setup(cols = 80, rows = 24) {
  const term = new FakeTerminal(cols, rows);
  const log = { submitted: [] as string[], interrupts: 0, cancels: 0, eofs: 0, busy: [] as boolean[], completions: [] as [string, number][] };
  let completer: (line: string, cursor: number) => CompletionResult | Promise<CompletionResult> = (_line, cursor) => ({ start: cursor, replacement: '', candidates: [] });
  const editor = new LineEditor(
    term,
    {
      submit: (line) => log.submitted.push(line),
      interrupt: () => log.interrupts++,
      cancelInput: () => {
        log.cancels++;
        editor.prompt(PROMPT);
      },
      eof: () => log.eofs++,
      complete: async (line, cursor) => {
        log.completions.push([line, cursor]);
        return completer(line, cursor);
      },
      busyChange: (busy) => log.busy.push(busy),
    },
    { completionQuery: 'Display all {count} possibilities? (y or n)', completionQueryItems: 10 },
  );
  return {
    term,
    editor,
    log,
    complete(fn: typeof completer) {
      completer = fn;
    },
    /** The text of the line the cursor is on. */
    current: () => term.line(term.cursorLine),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LineEditor: editing', () => {
  it('shows the prompt, echoes typing and submits on Enter', () => {
    const { term, editor, log } = setup();
    expect(editor.busy).toBe(true);
    editor.prompt(PROMPT);
    expect(editor.busy).toBe(false);
    editor.input('echo hi');
    expect(term.text()).toBe('root@lab:~# echo hi');
    expect(term.cursor).toEqual({ row: 0, col: 19 });
    editor.input(KEYS.enter);
    expect(log.submitted).toEqual(['echo hi']);
    expect(editor.busy).toBe(true);
    expect(log.busy).toEqual([false, true]);
    expect(term.cursor).toEqual({ row: 1, col: 0 });
  });

  it('moves with Left/Right and inserts in the middle', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('ech hi' + KEYS.left.repeat(3) + 'o');
    expect(term.text()).toBe('root@lab:~# echo hi');
    expect(editor.cursorOffset).toBe(4);
    expect(term.cursor.col).toBe(12 + 4);
    editor.input('\x1bOC\x1bOD\x1bOD'); // application cursor mode arrows
    expect(editor.cursorOffset).toBe(3);
  });

  it.each([
    ['\x1b[H', '\x1b[F'],
    ['\x1bOH', '\x1bOF'],
    ['\x1b[1~', '\x1b[4~'],
    ['\x01', '\x05'],
  ])('goes Home with %j and End with %j', (home, end) => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('hello' + home);
    expect(editor.cursorOffset).toBe(0);
    expect(term.cursor.col).toBe(12);
    editor.input('>' + end + '<');
    expect(editor.line).toBe('>hello<');
    expect(term.text()).toBe('root@lab:~# >hello<');
  });

  it('deletes with Delete, Backspace (DEL and ^H) and Ctrl-D', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('abcdef' + KEYS.home + KEYS.delete);
    expect(editor.line).toBe('bcdef');
    editor.input(KEYS.end + KEYS.backspace + '\b');
    expect(editor.line).toBe('bcd');
    editor.input(KEYS.home + '\x04');
    expect(editor.line).toBe('cd');
    expect(log.eofs).toBe(0);
    expect(term.text()).toBe('root@lab:~# cd');
    editor.input(KEYS.backspace.repeat(3)); // at the start of the line: nothing to delete
    expect(editor.line).toBe('cd');
    editor.input(KEYS.end + KEYS.backspace.repeat(5)); // more than there is: no harm
    expect(editor.line).toBe('');
    expect(term.text()).toBe('root@lab:~#');
  });

  it('kills with Ctrl-U, Ctrl-K and Ctrl-W, and yanks with Ctrl-Y', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('docker run  --rm alpine');
    editor.input('\x17');
    expect(editor.line).toBe('docker run  --rm ');
    editor.input('\x17');
    expect(editor.line).toBe('docker run  ');
    editor.input('\x19');
    expect(editor.line).toBe('docker run  --rm ');
    editor.input(KEYS.home + '\x1b[C'.repeat(6) + '\x0b');
    expect(editor.line).toBe('docker');
    editor.input('\x02\x02\x15');
    expect(editor.line).toBe('er');
    expect(editor.cursorOffset).toBe(0);
    expect(term.text()).toBe('root@lab:~# er');
  });

  it('moves by words with Alt-b/Alt-f and Ctrl-Left/Right', () => {
    const { editor } = setup();
    editor.prompt(PROMPT);
    editor.input('cat /etc/hosts');
    editor.input('\x1bb');
    expect(editor.cursorOffset).toBe(9);
    editor.input('\x1b[1;5D\x1b[1;5D');
    expect(editor.cursorOffset).toBe(0);
    editor.input('\x1bf');
    expect(editor.cursorOffset).toBe(3);
  });

  it('ignores unknown control characters and escape sequences', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('a\x1b[15~\x1bOP\x1b\x1d\x00b');
    expect(editor.line).toBe('ab');
    expect(term.text()).toBe('root@lab:~# ab');
  });

  it('joins a combining mark to the character before it and handles wide characters', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('e\u0301x' + KEYS.left + KEYS.left);
    expect(editor.cursorOffset).toBe(0);
    editor.input(KEYS.end + '字a' + KEYS.left + KEYS.left);
    expect(term.cursor.col).toBe(12 + 2);
    editor.input(KEYS.backspace);
    expect(editor.line).toBe('e\u0301字a');
    expect(term.text()).toBe('root@lab:~# e\u0301字a');
    editor.input(KEYS.right);
    expect(term.cursor.col).toBe(12 + 3);
  });
});

describe('LineEditor: history', () => {
  it('recalls with Up/Down and keeps the line being edited as the newest entry', () => {
    const { term, editor } = setup();
    editor.setHistory(['ls /', 'cat /etc/os-release']);
    editor.prompt(PROMPT);
    editor.input('echo draft');
    editor.input(KEYS.up);
    expect(editor.line).toBe('cat /etc/os-release');
    expect(term.text()).toBe('root@lab:~# cat /etc/os-release');
    editor.input('\x1bOA'); // Up in application cursor mode
    expect(editor.line).toBe('ls /');
    editor.input(KEYS.up);
    expect(editor.line).toBe('ls /');
    editor.input(KEYS.down + KEYS.down);
    expect(editor.line).toBe('echo draft');
    expect(term.text()).toBe('root@lab:~# echo draft');
    editor.input(KEYS.down);
    expect(editor.line).toBe('echo draft');
  });

  it('adds submitted lines, skips empty lines and immediate repeats, and keeps edits until Enter', () => {
    const { editor } = setup();
    editor.prompt(PROMPT);
    for (const line of ['one', '', 'two', 'two']) {
      editor.input(line + KEYS.enter);
      editor.prompt(PROMPT);
    }
    expect(editor.getHistory()).toEqual(['one', 'two']);
    editor.input(KEYS.up + 'X' + KEYS.up + KEYS.down);
    expect(editor.line).toBe('twoX');
    editor.input('\x10'); // Ctrl-P
    expect(editor.line).toBe('one');
    editor.input('\x0e'); // Ctrl-N
    expect(editor.line).toBe('twoX');
  });
});

describe('LineEditor: control keys', () => {
  it('Ctrl-C at the prompt prints ^C, drops the line and asks for a fresh prompt', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('half typed' + KEYS.home + '\x03');
    expect(log.cancels).toBe(1);
    expect(log.interrupts).toBe(0);
    expect(term.text()).toBe('root@lab:~# half typed^C\nroot@lab:~#');
    expect(editor.line).toBe('');
    expect(editor.busy).toBe(false);
  });

  it('Ctrl-L clears the screen and redraws the prompt and the line with the cursor in place', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('ls' + KEYS.enter);
    editor.print('a  b  c\n');
    editor.prompt(PROMPT);
    editor.input('echo x' + KEYS.left + '\x0c');
    expect(term.screen()[0]).toBe('root@lab:~# echo x');
    expect(term.screen().slice(1).every((row) => row === '')).toBe(true);
    expect(term.cursor).toEqual({ row: 0, col: 17 });
  });

  it('Ctrl-D on an empty line reports end of input and changes nothing', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('\x04');
    expect(log.eofs).toBe(1);
    expect(editor.busy).toBe(false);
    expect(term.text()).toBe('root@lab:~#');
  });
});

describe('LineEditor: running commands, typeahead and paste', () => {
  it('queues input typed while a command runs and replays it at the next prompt', () => {
    const { term, editor, log } = setup();
    editor.input('ec'); // before the shell is ready: kept, not lost
    expect(term.text()).toBe('');
    editor.prompt(PROMPT);
    expect(term.text()).toBe('root@lab:~# ec');
    editor.input('ho 1\rsleep 5\r');
    expect(log.submitted).toEqual(['echo 1']);
    editor.print('1\n');
    editor.prompt(PROMPT);
    expect(log.submitted).toEqual(['echo 1', 'sleep 5']);
    editor.input('pwd');
    expect(term.text()).toBe('root@lab:~# echo 1\n1\nroot@lab:~# sleep 5');
    editor.prompt(PROMPT);
    expect(term.text()).toBe('root@lab:~# echo 1\n1\nroot@lab:~# sleep 5\nroot@lab:~# pwd');
  });

  it('runs a multi-line paste line by line, strips the bracketed paste markers and keeps tabs and empty lines', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('\x1b[200~cat <<EOF\r\tindented\r\rEOF\recho done\x1b[201~');
    expect(log.submitted).toEqual(['cat <<EOF']);
    for (let i = 0; i < 3; i++) editor.prompt('> ');
    expect(log.submitted).toEqual(['cat <<EOF', '\tindented', '', 'EOF']);
    editor.print('\tindented\n\n');
    editor.prompt(PROMPT);
    expect(editor.line).toBe('echo done');
    editor.input(KEYS.enter);
    expect(log.submitted.at(-1)).toBe('echo done');
    expect(term.text()).toContain('> EOF');
  });

  it('treats \\r\\n and \\n as one line break each', () => {
    const { editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('a\r\nb\nc\r');
    editor.prompt(PROMPT);
    editor.prompt(PROMPT);
    expect(log.submitted).toEqual(['a', 'b', 'c']);
  });

  it('Ctrl-C while busy prints ^C, interrupts, and drops the typeahead but keeps what follows', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('while true; do :; done\r');
    editor.input('ls\rpwd\r');
    editor.input('\x03');
    expect(log.interrupts).toBe(1);
    expect(term.text()).toBe('root@lab:~# while true; do :; done\n^C');
    editor.input('echo after');
    editor.prompt(PROMPT);
    expect(log.submitted).toEqual(['while true; do :; done']);
    expect(editor.line).toBe('echo after');
    expect(term.text()).toBe('root@lab:~# while true; do :; done\n^C\nroot@lab:~# echo after');
  });

  it('starts the prompt after output that does not end in a newline, as bash does', () => {
    const { term, editor } = setup(24);
    editor.prompt(PROMPT);
    editor.input('printf hi\r');
    editor.print('hi');
    editor.prompt(PROMPT);
    editor.input('abcdefghijkl');
    expect(term.text()).toBe('root@lab:~# printf hi\nhiroot@lab:~# abcdefghij\nkl');
    editor.input(KEYS.home);
    expect(term.cursor).toEqual({ row: 1, col: 14 });
    editor.input(KEYS.delete + KEYS.end);
    expect(term.text()).toBe('root@lab:~# printf hi\nhiroot@lab:~# bcdefghijk\nl');
    expect(term.cursor).toEqual({ row: 2, col: 1 });
  });

  it('typeIn replaces the line being edited and enters every line', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('half' + KEYS.left);
    editor.typeIn('echo one\n\techo two\n');
    expect(log.submitted).toEqual(['echo one']);
    editor.prompt(PROMPT);
    expect(log.submitted).toEqual(['echo one', '\techo two']);
    expect(term.text()).toBe('root@lab:~# echo one\nroot@lab:~#  echo two');
  });

  it('prints a notice below the line at a prompt and redraws the line', () => {
    const { term, editor } = setup();
    editor.prompt(PROMPT);
    editor.input('ls -l' + KEYS.left);
    editor.print('(note)\n');
    expect(term.text()).toBe('root@lab:~# ls -l\n(note)\nroot@lab:~# ls -l');
    expect(term.cursor.col).toBe(16);
  });
});

describe('LineEditor: completion', () => {
  it('applies a completion and a list on the second Tab, laid out in columns like bash', async () => {
    const h = setup(40);
    h.editor.prompt(PROMPT);
    h.complete((line, cursor) =>
      line.slice(0, cursor) === 'cat /etc/ho'
        ? { start: 4, replacement: '/etc/host', candidates: ['host.conf', 'hostname', 'hosts'] }
        : line.slice(0, cursor) === 'cat /etc/host'
          ? { start: 4, replacement: '/etc/host', candidates: ['host.conf', 'hostname', 'hosts'] }
          : { start: cursor, replacement: '', candidates: [] },
    );
    h.editor.input('cat /etc/ho\t');
    await settle();
    expect(h.editor.line).toBe('cat /etc/host');
    h.editor.input('\t');
    await settle();
    expect(h.term.text()).toBe('root@lab:~# cat /etc/host\nhost.conf  hostname   hosts\nroot@lab:~# cat /etc/host');
    expect(h.term.cursor.col).toBe(25);
    expect(h.log.completions).toEqual([['cat /etc/ho', 11], ['cat /etc/host', 13]]);
  });

  it('completes in the middle of a line and keeps the rest', async () => {
    const h = setup();
    h.editor.prompt(PROMPT);
    h.complete(() => ({ start: 4, replacement: '/etc/os-release ', candidates: [] }));
    h.editor.input('cat /etc/os-r | head' + KEYS.left.repeat(7) + '\t');
    await settle();
    expect(h.editor.line).toBe('cat /etc/os-release  | head');
    expect(h.editor.cursorOffset).toBe(20);
    expect(h.term.text()).toBe('root@lab:~# cat /etc/os-release  | head');
  });

  it('does not list on a single Tab, and queues keys typed while completing', async () => {
    const h = setup();
    h.editor.prompt(PROMPT);
    h.complete(() => ({ start: 0, replacement: 'd', candidates: ['docker', 'df'] }));
    h.editor.input('d\tf\r');
    expect(h.log.submitted).toEqual([]);
    await settle();
    expect(h.log.submitted).toEqual(['df']);
    expect(h.term.text()).toBe('root@lab:~# df');
  });

  it('asks before listing many candidates', async () => {
    const h = setup(40);
    h.editor.prompt(PROMPT);
    const names = Array.from({ length: 12 }, (_, i) => `cmd${i}`);
    h.complete(() => ({ start: 0, replacement: 'c', candidates: names }));
    h.editor.input('c\t\t');
    await settle();
    await settle();
    expect(h.term.text()).toBe('root@lab:~# c\nDisplay all 12 possibilities? (y or n)');
    h.editor.input('n');
    expect(h.term.text()).toBe('root@lab:~# c\nDisplay all 12 possibilities? (y or n)\nroot@lab:~# c');
    h.editor.input('\t\t');
    await settle();
    await settle();
    h.editor.input('y');
    expect(h.term.text()).toContain('cmd0   cmd3   cmd6   cmd9');
    expect(h.term.text().endsWith('\nroot@lab:~# c')).toBe(true);
    h.editor.input('md1\r');
    expect(h.log.submitted).toEqual(['cmd1']);
  });

  it('survives a completer that fails', async () => {
    const h = setup();
    h.editor.prompt(PROMPT);
    h.complete(() => Promise.reject(new Error('gone')));
    h.editor.input('ls\tx');
    await settle();
    expect(h.editor.line).toBe('lsx');
  });
});

describe('LineEditor: wrapping', () => {
  it('wraps at the terminal width and handles a line that fills a row exactly', () => {
    const { term, editor } = setup(20);
    editor.prompt(PROMPT); // 12 cells
    editor.input('abcdefgh'); // 20 cells: exactly one row
    expect(term.text()).toBe('root@lab:~# abcdefgh');
    expect(term.cursor).toEqual({ row: 1, col: 0 });
    editor.input('i');
    expect(term.text()).toBe('root@lab:~# abcdefgh\ni');
    expect(term.cursor).toEqual({ row: 1, col: 1 });
    editor.input(KEYS.backspace + KEYS.backspace);
    expect(term.text()).toBe('root@lab:~# abcdefg');
    expect(term.cursor).toEqual({ row: 0, col: 19 });
  });

  it('moves across rows, inserts and deletes in a wrapped line', () => {
    const { term, editor } = setup(20);
    editor.prompt(PROMPT);
    editor.input('0123456789abcdefghijklmnop'); // 12 + 26 = 38 cells
    expect(term.text()).toBe('root@lab:~# 01234567\n89abcdefghijklmnop');
    editor.input(KEYS.home);
    expect(term.cursor).toEqual({ row: 0, col: 12 });
    editor.input('XY');
    expect(term.text()).toBe('root@lab:~# XY012345\n6789abcdefghijklmnop');
    expect(term.cursor).toEqual({ row: 0, col: 14 });
    editor.input('Z');
    expect(term.text()).toBe('root@lab:~# XYZ01234\n56789abcdefghijklmno\np');
    editor.input(KEYS.end);
    expect(term.cursor).toEqual({ row: 2, col: 1 });
    editor.input(KEYS.home + KEYS.delete);
    expect(term.text()).toBe('root@lab:~# YZ012345\n6789abcdefghijklmnop');
    expect(term.cursor).toEqual({ row: 0, col: 12 });
    editor.input(KEYS.end);
    expect(term.cursor).toEqual({ row: 2, col: 0 });
    editor.input('\x15');
    expect(term.text()).toBe('root@lab:~#');
    expect(term.cursor).toEqual({ row: 0, col: 12 });
  });

  it('recalls a long history entry over a short line and a short one over a long line', () => {
    const { term, editor } = setup(20);
    editor.setHistory(['x'.repeat(45), 'ls']);
    editor.prompt(PROMPT);
    editor.input(KEYS.up + KEYS.up);
    expect(term.text()).toBe('root@lab:~# xxxxxxxx\n' + 'x'.repeat(20) + '\n' + 'x'.repeat(17));
    editor.input(KEYS.down);
    expect(term.text()).toBe('root@lab:~# ls');
    expect(term.cursor).toEqual({ row: 0, col: 14 });
  });

  it('submits a wrapped line so that output starts on the next row, with no blank row', () => {
    const { term, editor, log } = setup(20);
    editor.prompt(PROMPT);
    editor.input('echo 123' + KEYS.home + KEYS.enter);
    expect(log.submitted).toEqual(['echo 123']);
    editor.print('123\n');
    expect(term.text()).toBe('root@lab:~# echo 123\n123');
    editor.prompt(PROMPT);
    editor.input('echo 12345' + KEYS.left.repeat(5) + KEYS.enter);
    editor.print('12345\n');
    expect(term.text()).toBe('root@lab:~# echo 123\n123\nroot@lab:~# echo 123\n45\n12345');
  });

  it('moves a wide character that does not fit to the next row', () => {
    const { term, editor } = setup(20);
    editor.prompt(PROMPT);
    editor.input('1234567字');
    expect(term.text()).toBe('root@lab:~# 1234567\n字');
    expect(term.cursor).toEqual({ row: 1, col: 2 });
    editor.input(KEYS.home + KEYS.delete);
    expect(term.text()).toBe('root@lab:~# 234567字');
    expect(term.cursor).toEqual({ row: 0, col: 12 });
  });

  it('keeps the wrapped prompt and line correct when the prompt itself wraps', () => {
    const { term, editor } = setup(10);
    editor.prompt(PROMPT);
    editor.input('abcdefghi');
    expect(term.text()).toBe('root@lab:~\n# abcdefgh\ni');
    editor.input(KEYS.home);
    expect(term.cursor).toEqual({ row: 1, col: 2 });
    editor.input('\x0c');
    expect(term.screen().slice(0, 3)).toEqual(['root@lab:~', '# abcdefgh', 'i']);
    expect(term.cursor).toEqual({ row: 1, col: 2 });
  });

  it('draws the line again for the new width when the terminal is resized', () => {
    const { term, editor } = setup(24);
    editor.prompt(PROMPT);
    editor.input('echo before\r');
    editor.print('before\n');
    editor.prompt(PROMPT);
    editor.input('echo ' + 'abcdefghij'.repeat(3) + KEYS.left.repeat(10));
    expect(term.text()).toBe('root@lab:~# echo before\nbefore\nroot@lab:~# echo abcdefg\nhijabcdefghijabcdefghij');
    expect(term.cursor).toEqual({ row: 3, col: 13 });
    term.resize(12);
    editor.resize();
    expect(term.text()).toBe('root@lab:~#\nbefore\nroot@lab:~#\necho abcdefg\nhijabcdefghi\njabcdefghij');
    expect(term.cursor).toEqual({ row: 5, col: 1 });
    editor.input('X');
    expect(editor.line).toBe('echo ' + 'abcdefghij'.repeat(2) + 'X' + 'abcdefghij');
    term.resize(40);
    editor.resize();
    expect(term.text()).toBe('root@lab:~#\nbefore\nroot@lab:~# echo abcdefghijabcdefghijXab\ncdefghij');
    expect(term.cursor).toEqual({ row: 2, col: 38 });
    const writes = term.writes.length;
    editor.resize(); // same width: nothing to draw
    expect(term.writes.length).toBe(writes);
  });

  it('keeps the screen equal to prompt + line after any sequence of edits (property)', () => {
    const key = fc.constantFrom('left', 'right', 'home', 'end', 'backspace', 'delete', 'kill-end', 'kill-start', 'kill-word', 'text');
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '字', '-'), { minLength: 1, maxLength: 9 }).map((chars) => chars.join(''));
    const step = fc.tuple(key, text);
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 30 }), fc.array(step, { maxLength: 40 }), (cols, steps) => {
        const { term, editor } = setup(cols, 200);
        editor.prompt(PROMPT);
        let line: string[] = [];
        let cursor = 0;
        for (const [name, typed] of steps) {
          switch (name) {
            case 'text':
              editor.input(typed);
              line.splice(cursor, 0, ...typed);
              cursor += typed.length;
              break;
            case 'left':
              editor.input(KEYS.left);
              cursor = Math.max(0, cursor - 1);
              break;
            case 'right':
              editor.input(KEYS.right);
              cursor = Math.min(line.length, cursor + 1);
              break;
            case 'home':
              editor.input(KEYS.home);
              cursor = 0;
              break;
            case 'end':
              editor.input(KEYS.end);
              cursor = line.length;
              break;
            case 'backspace':
              editor.input(KEYS.backspace);
              if (cursor > 0) line.splice(--cursor, 1);
              break;
            case 'delete':
              editor.input(KEYS.delete);
              line.splice(cursor, 1);
              break;
            case 'kill-end':
              editor.input('\x0b');
              line = line.slice(0, cursor);
              break;
            case 'kill-start':
              editor.input('\x15');
              line = line.slice(cursor);
              cursor = 0;
              break;
            case 'kill-word': {
              editor.input('\x17');
              let start = cursor;
              while (start > 0 && line[start - 1] === ' ') start--;
              while (start > 0 && line[start - 1] !== ' ') start--;
              line.splice(start, cursor - start);
              cursor = start;
              break;
            }
          }
          const expected = layout([...PROMPT, ...line], cols, PROMPT.length + cursor);
          expect(editor.line).toBe(line.join(''));
          expect(term.text()).toBe(expected.text);
          expect(term.cursor).toEqual(expected.cursor);
          // Every row after the first continues the line (so xterm can reflow and copy it whole).
          const rowCount = expected.rowCount;
          for (let row = 0; row < rowCount; row++) expect(term.isWrapped(row), `row ${row}`).toBe(row > 0);
          expect(term.isWrapped(rowCount)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** An independent statement of how a terminal lays out text: what the screen should show. */
function layout(chars: string[], cols: number, cursorIndex: number) {
  const rows: string[] = [''];
  let col = 0;
  let cursor = { row: 0, col: 0 };
  chars.forEach((ch, i) => {
    if (i === cursorIndex) cursor = { row: rows.length - 1, col };
    const width = charWidth(ch.codePointAt(0)!);
    if (col + width > cols) {
      rows.push('');
      col = 0;
    }
    rows[rows.length - 1] += ch;
    col += width;
  });
  if (cursorIndex >= chars.length) cursor = col >= cols ? { row: rows.length, col: 0 } : { row: rows.length - 1, col };
  else if (cursor.col >= cols) cursor = { row: cursor.row + 1, col: 0 };
  // A line that ends exactly at the right edge owns one more (empty) row, where the cursor waits.
  const rowCount = rows.length + (col >= cols ? 1 : 0);
  return { text: rows.map((r) => r.replace(/\s+$/, '')).join('\n').replace(/\n+$/, ''), cursor, rowCount };
}

describe('LineEditor: clearAll', () => {
  it('clears the screen, drops the line and the typeahead, and waits for the next prompt', () => {
    const { term, editor, log } = setup();
    editor.prompt(PROMPT);
    editor.input('echo one\r');
    editor.input('echo typed ahead\r');
    expect(log.submitted).toEqual(['echo one']);
    editor.clearAll();
    expect(editor.busy).toBe(true);
    expect(term.text()).toBe('');
    editor.prompt(PROMPT);
    expect(term.text()).toBe(PROMPT.trimEnd());
    expect(log.submitted).toEqual(['echo one']);
  });
});
