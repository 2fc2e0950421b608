/**
 * Turns the bytes a terminal sends for keys (xterm.js `onData`) into named editing keys and runs of
 * text. Covers the sequences xterm emits in both normal and application cursor modes.
 */
export type KeyName =
  | 'enter' | 'tab' | 'backspace' | 'delete' | 'left' | 'right' | 'home' | 'end' | 'up' | 'down'
  | 'word-left' | 'word-right' | 'kill-start' | 'kill-end' | 'kill-word-back' | 'kill-word-forward'
  | 'yank' | 'interrupt' | 'eof' | 'clear' | 'abort';

export type InputToken =
  | { kind: 'text'; text: string }
  | { kind: 'key'; key: KeyName }
  | { kind: 'paste-start' }
  | { kind: 'paste-end' }
  | { kind: 'ignored' };

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

const CONTROL_KEYS: Record<string, KeyName> = {
  '\x01': 'home', // Ctrl-A
  '\x02': 'left', // Ctrl-B
  '\x03': 'interrupt', // Ctrl-C
  '\x04': 'eof', // Ctrl-D
  '\x05': 'end', // Ctrl-E
  '\x06': 'right', // Ctrl-F
  '\x07': 'abort', // Ctrl-G
  '\x08': 'backspace', // Ctrl-H
  '\t': 'tab',
  '\n': 'enter', // Ctrl-J
  '\x0b': 'kill-end', // Ctrl-K
  '\x0c': 'clear', // Ctrl-L
  '\r': 'enter',
  '\x0e': 'down', // Ctrl-N
  '\x10': 'up', // Ctrl-P
  '\x15': 'kill-start', // Ctrl-U
  '\x17': 'kill-word-back', // Ctrl-W
  '\x19': 'yank', // Ctrl-Y
  '\x7f': 'backspace',
};

/** CSI sequences by their parameters and final byte. */
const CSI_KEYS: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
  '1~': 'home', '7~': 'home', '4~': 'end', '8~': 'end', '3~': 'delete',
  '1;5C': 'word-right', '1;5D': 'word-left', '1;3C': 'word-right', '1;3D': 'word-left',
  '1;5H': 'home', '1;5F': 'end',
};

const SS3_KEYS: Record<string, KeyName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };

/** Alt+key, sent by xterm as ESC followed by the key. */
const META_KEYS: Record<string, KeyName> = { b: 'word-left', f: 'word-right', d: 'kill-word-forward', '\x7f': 'kill-word-back', '\x08': 'kill-word-back' };

/**
 * Reads one token at `index`. Returns null when the input ends inside an escape sequence that may
 * still be completed by the next chunk.
 */
export function readToken(input: string, index: number, inPaste: boolean): { token: InputToken; length: number } | null {
  const ch = input[index];
  if (ch === '\x1b') return readEscape(input, index);
  if (ch === '\r' && input[index + 1] === '\n') return { token: { kind: 'key', key: 'enter' }, length: 2 };
  if (ch === '\t' && inPaste) return readText(input, index, inPaste);
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) {
    const key = CONTROL_KEYS[ch];
    return { token: key ? { kind: 'key', key } : { kind: 'ignored' }, length: 1 };
  }
  return readText(input, index, inPaste);
}

function readText(input: string, index: number, inPaste: boolean) {
  let end = index;
  while (end < input.length) {
    const code = input.charCodeAt(end);
    if (code === 0x1b || code === 0x7f || (code < 0x20 && !(inPaste && code === 0x09))) break;
    end++;
  }
  return { token: { kind: 'text', text: input.slice(index, end) } as InputToken, length: end - index };
}

function readEscape(input: string, index: number): { token: InputToken; length: number } | null {
  const rest = input.slice(index, index + 32);
  if (rest.startsWith(PASTE_START)) return { token: { kind: 'paste-start' }, length: PASTE_START.length };
  if (rest.startsWith(PASTE_END)) return { token: { kind: 'paste-end' }, length: PASTE_END.length };
  if (rest.length === 1) return { token: { kind: 'ignored' }, length: 1 }; // a lone Escape key
  const next = rest[1];
  if (next === '[') {
    const csi = /^\x1b\[([0-?]*)([ -/]*)([@-~])/.exec(rest);
    if (!csi) return /^\x1b\[[0-?]*[ -/]*$/.test(rest) && index + rest.length === input.length ? null : { token: { kind: 'ignored' }, length: 2 };
    const key = CSI_KEYS[csi[1] + csi[3]];
    return { token: key ? { kind: 'key', key } : { kind: 'ignored' }, length: csi[0].length };
  }
  if (next === 'O') {
    if (rest.length < 3) return index + rest.length === input.length ? null : { token: { kind: 'ignored' }, length: 2 };
    const key = SS3_KEYS[rest[2]];
    return { token: key ? { kind: 'key', key } : { kind: 'ignored' }, length: 3 };
  }
  const key = META_KEYS[next];
  return { token: key ? { kind: 'key', key } : { kind: 'ignored' }, length: 2 };
}
