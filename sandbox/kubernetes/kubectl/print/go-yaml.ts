/**
 * YAML as kubectl prints it: sigs.k8s.io/yaml turns the object into JSON and hands the decoded
 * value to go-yaml v2, so this follows go-yaml v2's emitter for JSON data rather than the `yaml`
 * package's own style: map keys in go-yaml's natural order, sequences inside mappings not
 * indented (`items:\n- a`), strings that would read as another type double-quoted (`"80"`, `""`,
 * `"true"`, `"2024-01-01T00:00:00Z"`), strings plain YAML cannot hold single-quoted (`'*'`,
 * `'a: b'`), multi-line strings as literal blocks (`|`, `|-`), and long plain or quoted strings
 * folded at the first space past column 80, as in real `kubectl get -o yaml` output.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BEST_WIDTH = 80;
const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2's keyList.Less: letters by code point, non-letters first, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') { an = 1; bn = 1; break; }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const sortKeys = (obj: Record<string, Json>) => Object.keys(obj).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));

const NON_STRINGS = new Set(['', '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<']);

/** Whether go-yaml's resolve() would read this plain scalar as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (NON_STRINGS.has(s)) return true;
  const first = s[0];
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!(isDigit(first) || first === '+' || first === '-')) return false;
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s); // base-60 floats
}

interface Analysis { plain: boolean; single: boolean; block: boolean }

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  let indicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false, trailingSpace = false, leadingBreak = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false;
  let precededByWhitespace = true;
  const chars = [...s];
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) indicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) indicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) indicators = true;
    const code = c.codePointAt(0)!;
    const printable = code === 0x0a || (code >= 0x20 && code <= 0x7e) || code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || code >= 0x10000;
    if (!printable) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (c === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else {
      prevSpace = false; prevBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || c === '\n' || c === '\r';
  });
  let plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || indicators);
  let single = true;
  let block = !trailingSpace;
  if (breakSpace) { plain = false; single = false; }
  if (spaceBreak || special) { plain = false; single = false; block = false; }
  return { plain, single, block };
}

/** Writes `text` from `column`, turning a space into a line break at `indent` once past column 80. */
function fold(text: string, column: number, indent: number, quoted: 'plain' | 'single' | 'double'): string {
  const chars = [...text];
  let out = '';
  let col = column;
  let spaces = false;
  chars.forEach((c, i) => {
    const inner = quoted === 'plain' || (i > 0 && i < chars.length - 1);
    // go-yaml breaks before a run of spaces in plain and single-quoted text, anywhere in double-quoted.
    const nextOk = quoted === 'double' || chars[i + 1] !== ' ';
    if (c === ' ' && !spaces && col > BEST_WIDTH && inner && nextOk) {
      out += '\n' + ' '.repeat(indent);
      col = indent;
      if (quoted === 'double' && chars[i + 1] === ' ') {
        out += '\\';
        col++;
      }
    } else {
      out += c;
      col++;
    }
    spaces = c === ' ';
  });
  return out;
}

const DOUBLE_ESCAPES: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };

function doubleQuote(s: string): string {
  return [...s].map((c) => {
    if (DOUBLE_ESCAPES[c]) return DOUBLE_ESCAPES[c];
    const code = c.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0xfeff) return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return c;
  }).join('');
}

/** A string scalar, written from `column` (what precedes it on its line); `indent` is for continuation lines. */
function scalarString(s: string, column: number, indent: number): string {
  const a = analyze(s);
  if (s.includes('\n') && a.block) {
    const last = s.length - 1;
    const chomp = !s.endsWith('\n') ? '-' : last === 0 || s[last - 1] === '\n' ? '+' : '';
    const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n');
    return `|${hint}${chomp}\n${body}`;
  }
  let style: 'plain' | 'single' | 'double' = s.includes('\n') || resolvesToNonString(s) ? 'double' : 'plain';
  if (style === 'plain' && !a.plain) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'plain') return fold(s, column, indent, 'plain');
  if (style === 'single') return `'${fold(s.replace(/'/g, "''"), column + 1, indent, 'single')}'`;
  return `"${fold(doubleQuote(s), column + 1, indent, 'double')}"`;
}

function scalar(value: Json, column: number, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return scalarString(value as string, column, indent);
}

/** strconv.FormatFloat(f, 'g', -1, 64), as go-yaml writes floats. */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? '.nan' : f > 0 ? '.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) return f.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(f);
}

const isCollection = (v: Json): v is Json[] | { [key: string]: Json } => typeof v === 'object' && v !== null;
const isEmpty = (v: Json[] | { [key: string]: Json }) => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

function keyText(key: string): string {
  // Keys are simple keys: never folded, never block scalars.
  const a = analyze(key);
  if (resolvesToNonString(key) || key.includes('\n')) return `"${doubleQuote(key)}"`;
  if (!a.plain) return a.single ? `'${key.replace(/'/g, "''")}'` : `"${doubleQuote(key)}"`;
  return key;
}

/** Lines of a block node at `indent`; the first line continues whatever `prefix` started. */
function node(value: Json, indent: number, prefix: string): string {
  if (!isCollection(value)) return prefix + scalar(value, prefix.length, indent) + '\n';
  if (isEmpty(value)) return prefix + (Array.isArray(value) ? '[]' : '{}') + '\n';
  let out = '';
  let first = true;
  const lead = () => {
    const p = first ? prefix : ' '.repeat(indent);
    first = false;
    return p;
  };
  if (Array.isArray(value)) {
    for (const item of value) out += node(item, indent + 2, lead() + '- ');
    return out;
  }
  for (const key of sortKeys(value)) {
    const v = value[key];
    const head = lead() + keyText(key) + ':';
    if (isCollection(v) && !isEmpty(v)) {
      // A sequence under a key is not indented further; a mapping is, by two.
      out += head + '\n' + node(v, Array.isArray(v) ? indent : indent + 2, ' '.repeat(Array.isArray(v) ? indent : indent + 2));
    } else {
      out += node(v, indent + 2, head + ' ');
    }
  }
  return out;
}

/** sigs.k8s.io/yaml.Marshal of a JSON value: the text of one YAML document, ending in a newline. */
export function toGoYaml(value: unknown): string {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  return node(json, 0, '');
}
