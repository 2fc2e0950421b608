/**
 * The part of kubectl's JSONPath (k8s.io/client-go/util/jsonpath) that students use:
 * `{.metadata.name}`, `{.items[*].metadata.name}`, `{.items[0].status.podIP}`, `[-1]`, `[0:2]`,
 * `..image`, `['key']`, `\.` in keys (`{.metadata.labels.app\.kubernetes\.io/name}`), filters
 * (`[?(@.type=="Ready")]`, `!=`, `<`, `>`, `<=`, `>=`, `[?(@.x)]`), `{range …}…{end}`, quoted
 * literals (`{"\t"}`), and text outside braces printed as is (a bare `\n` stays two characters).
 * As `kubectl get -o jsonpath` does (--allow-missing-template-keys=true), missing keys print
 * nothing. Results of one action are joined by a space; maps and lists print as compact JSON.
 */

type Value = unknown;

type Segment =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string | '*' }
  | { t: 'wildcard' }
  | { t: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { t: 'filter'; left: Segment[]; op?: string; right?: Segment[] | { literal: Value } };

type TemplateNode =
  | { t: 'text'; text: string }
  | { t: 'action'; paths: Segment[][] }
  | { t: 'literal'; text: string }
  | { t: 'range'; path: Segment[]; body: TemplateNode[] };

export class JsonPathParseError extends Error {}

/** `error parsing jsonpath TEMPLATE, REASON`, as kubectl's printer flags word it (no `error: `). */
export const parseErrorMessage = (template: string, reason: string) => `error parsing jsonpath ${template}, ${reason}\n`;

const TERMINATORS = new Set([' ', '\t', '\n', '.', ',', '[', ']', '$', '@', '{', '}', '(', ')', '=', '!', '<', '>']);

class PathParser {
  pos = 0;
  constructor(readonly src: string) {}
  peek(n = 0) { return this.src[this.pos + n]; }
  eof() { return this.pos >= this.src.length; }

  field(): string {
    let name = '';
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\' && this.pos + 1 < this.src.length) { name += this.src[this.pos + 1]; this.pos += 2; continue; }
      if (TERMINATORS.has(c)) break;
      name += c;
      this.pos++;
    }
    return name;
  }

  /** A path: optional `$` or `@`, then `.name`, `..name`, `.*`, `[…]` steps. */
  path(): Segment[] {
    const segs: Segment[] = [];
    if (this.peek() === '$' || this.peek() === '@') this.pos++;
    else if (!this.eof() && this.peek() !== '.' && this.peek() !== '[') {
      // kubectl accepts `{metadata.name}` too: a leading field without a dot.
      segs.push({ t: 'field', name: this.field() });
    }
    while (!this.eof()) {
      const c = this.peek();
      if (c === '.' && this.peek(1) === '.') {
        this.pos += 2;
        if (this.peek() === '*') { this.pos++; segs.push({ t: 'recursive', name: '*' }); }
        else segs.push({ t: 'recursive', name: this.field() });
      } else if (c === '.') {
        this.pos++;
        if (this.peek() === '*') { this.pos++; segs.push({ t: 'wildcard' }); }
        else { const name = this.field(); if (name) segs.push({ t: 'field', name }); }
      } else if (c === '[') {
        segs.push(this.bracket());
      } else break;
    }
    return segs;
  }

  bracket(): Segment {
    this.pos++; // [
    const close = () => {
      while (this.peek() === ' ') this.pos++;
      if (this.peek() !== ']') throw new JsonPathParseError('unclosed array expect ]');
      this.pos++;
    };
    if (this.peek() === '*') { this.pos++; close(); return { t: 'wildcard' }; }
    if (this.peek() === "'" || this.peek() === '"') { const name = this.quoted(); close(); return { t: 'field', name }; }
    if (this.peek() === '?') {
      this.pos++;
      if (this.peek() !== '(') throw new JsonPathParseError('unrecognized filter: expected (');
      this.pos++;
      const left = this.operand();
      while (this.peek() === ' ') this.pos++;
      const op = /^(==|!=|<=|>=|<|>)/.exec(this.src.slice(this.pos))?.[0];
      let seg: Segment = { t: 'filter', left: left as Segment[] };
      if (op) {
        this.pos += op.length;
        while (this.peek() === ' ') this.pos++;
        seg = { t: 'filter', left: left as Segment[], op, right: this.operand() };
      }
      while (this.peek() === ' ') this.pos++;
      if (this.peek() !== ')') throw new JsonPathParseError('unterminated filter');
      this.pos++;
      close();
      return seg;
    }
    const end = this.src.indexOf(']', this.pos);
    if (end < 0) throw new JsonPathParseError('unclosed array expect ]');
    const text = this.src.slice(this.pos, end).trim();
    this.pos = end + 1;
    const parts = text.split(':');
    if (parts.length > 3 || parts.some((p) => p.trim() !== '' && !/^-?\d+$/.test(p.trim()))) throw new JsonPathParseError(`invalid array index ${text}`);
    const num = (p: string | undefined) => (p === undefined || p.trim() === '' ? undefined : Number(p));
    if (parts.length === 1) return { t: 'index', start: num(parts[0]), single: true };
    return { t: 'index', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]), single: false };
  }

  operand(): Segment[] | { literal: Value } {
    const c = this.peek();
    if (c === '@' || c === '$' || c === '.') return this.path();
    if (c === '"' || c === "'") return { literal: this.quoted() };
    const m = /^(-?\d+(\.\d+)?|true|false)/.exec(this.src.slice(this.pos));
    if (!m) throw new JsonPathParseError(`unrecognized character in action: ${describeRune(c)}`);
    this.pos += m[0].length;
    return { literal: m[0] === 'true' ? true : m[0] === 'false' ? false : Number(m[0]) };
  }

  /** A quoted string with Go's escapes (strconv.Unquote). */
  quoted(): string {
    const q = this.peek();
    this.pos++;
    let out = '';
    while (!this.eof() && this.peek() !== q) {
      if (this.peek() === '\\') {
        const e = this.src[this.pos + 1];
        out += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' } as Record<string, string>)[e] ?? e;
        this.pos += 2;
      } else out += this.src[this.pos++];
    }
    if (this.eof()) throw new JsonPathParseError('unterminated quoted string');
    this.pos++;
    return out;
  }
}

const describeRune = (c: string | undefined) => (c === undefined ? 'EOF' : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);

/** Parses a kubectl JSONPath template; throws JsonPathParseError with the parser's words. */
export function parseJsonPath(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) { stack[stack.length - 1].push({ t: 'text', text: template.slice(i) }); break; }
    if (open > i) stack[stack.length - 1].push({ t: 'text', text: template.slice(i, open) });
    // Find the matching `}`, skipping quoted strings.
    let j = open + 1;
    let quote = '';
    for (; j < template.length; j++) {
      const c = template[j];
      if (quote) { if (c === '\\') j++; else if (c === quote) quote = ''; }
      else if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (j >= template.length) throw new JsonPathParseError('unclosed action');
    const inner = template.slice(open + 1, j).trim();
    i = j + 1;
    const current = stack[stack.length - 1];
    if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathParseError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('range ')) {
      const p = new PathParser(inner.slice(6).trim());
      const node: TemplateNode = { t: 'range', path: p.path(), body: [] };
      current.push(node);
      stack.push(node.body);
    } else if (inner.startsWith('"') || inner.startsWith("'")) {
      current.push({ t: 'literal', text: new PathParser(inner).quoted() });
    } else if (inner !== '') {
      const p = new PathParser(inner);
      const paths = [p.path()];
      while (p.peek() === ',') { p.pos++; while (p.peek() === ' ') p.pos++; paths.push(p.path()); }
      if (!p.eof()) throw new JsonPathParseError(`unrecognized character in action: ${describeRune(p.peek())}`);
      current.push({ t: 'action', paths });
    }
  }
  if (stack.length > 1) throw new JsonPathParseError('unclosed range');
  return root;
}

const isObject = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compare(left: Value, op: string, right: Value): boolean {
  if (op === '==') return left === right;
  if (op === '!=') return left !== right;
  if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
  const [a, b] = [left as number | string, right as number | string];
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}

function descendants(v: Value, out: Value[] = []): Value[] {
  out.push(v);
  if (Array.isArray(v)) v.forEach((x) => descendants(x, out));
  else if (isObject(v)) Object.keys(v).sort().forEach((k) => descendants(v[k], out));
  return out;
}

/** Evaluates a path from `input` values; missing keys and out-of-range indexes give nothing. */
export function evalPath(path: Segment[], input: Value[]): Value[] {
  let values = input;
  for (const seg of path) {
    const next: Value[] = [];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (seg.t === 'field') { if (isObject(v) && seg.name in v) next.push(v[seg.name]); }
      else if (seg.t === 'wildcard') {
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) Object.keys(v).sort().forEach((k) => next.push(v[k]));
      } else if (seg.t === 'recursive') {
        for (const d of descendants(v)) {
          if (seg.name === '*') { if (Array.isArray(d)) next.push(...d); else if (isObject(d)) Object.keys(d).sort().forEach((k) => next.push(d[k])); }
          else if (isObject(d) && seg.name in d) next.push(d[seg.name]);
        }
      } else if (seg.t === 'index') {
        if (!Array.isArray(v)) continue;
        const len = v.length;
        const norm = (n: number) => (n < 0 ? n + len : n);
        if (seg.single) {
          const k = norm(seg.start ?? 0);
          if (k >= 0 && k < len) next.push(v[k]);
        } else {
          const start = Math.max(0, norm(seg.start ?? 0));
          const end = Math.min(len, norm(seg.end ?? len));
          for (let k = start; k < end; k += seg.step ?? 1) next.push(v[k]);
        }
      } else if (seg.t === 'filter') {
        if (!Array.isArray(v)) continue;
        for (const item of v) {
          const lefts = evalPath(seg.left, [item]);
          if (!seg.op) { if (lefts.length > 0) next.push(item); continue; }
          const rights = seg.right && 'literal' in seg.right ? [seg.right.literal] : evalPath(seg.right as Segment[], [item]);
          if (lefts.length === 1 && rights.length === 1 && compare(lefts[0], seg.op, rights[0])) next.push(item);
        }
      }
    }
    values = next;
  }
  return values;
}

/** Go's json.Marshal: compact, keys sorted, `<`, `>`, `&` escaped. */
export function goJson(value: Value, indent?: string): string {
  const sort = (v: Value): Value => (Array.isArray(v) ? v.map(sort) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v);
  return JSON.stringify(sort(value), null, indent)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** evalToText: strings raw, numbers and booleans as Go prints them; maps and lists as JSON. */
export function valueText(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

function execute(nodes: TemplateNode[], root: Value, asJson: boolean): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'literal') out += n.text;
    else if (n.t === 'range') for (const item of evalPath(n.path, [root])) out += execute(n.body, item, asJson);
    else {
      const results = n.paths.flatMap((p) => evalPath(p, [root]));
      out += asJson ? goJson(results, '    ') + '\n' : results.map(valueText).join(' ');
    }
  }
  return out;
}

/** `-o jsonpath=TEMPLATE` (or `jsonpath-as-json`) on one object or List. Throws JsonPathParseError. */
export function runJsonPath(template: string, data: Value, asJson = false): string {
  return execute(parseJsonPath(template), data, asJson);
}
