/**
 * The Dockerfile parser: parser directives, comments, line continuations (with the escape
 * directive), heredocs, exec and shell forms, stages with `AS`, and every instruction in the
 * reference. It returns instructions as data with their line numbers; errors carry the line too,
 * in BuildKit's words, so the CLI can show the offending line as docker does.
 */

export type CommandForm = { form: 'exec'; argv: string[] } | { form: 'shell'; script: string };

export type Instruction =
  | { keyword: 'FROM'; image: string; alias?: string; platform?: string }
  | { keyword: 'RUN'; command: CommandForm; mounts: string[]; network?: string }
  | { keyword: 'CMD' | 'ENTRYPOINT'; command: CommandForm }
  | { keyword: 'COPY' | 'ADD'; sources: string[]; destination: string; from?: string; chown?: string; chmod?: string; heredocs: Heredoc[] }
  | { keyword: 'ENV' | 'LABEL'; pairs: [string, string][] }
  | { keyword: 'ARG'; name: string; defaultValue?: string }
  | { keyword: 'EXPOSE'; ports: string[] }
  | { keyword: 'WORKDIR' | 'USER' | 'STOPSIGNAL' | 'MAINTAINER'; value: string }
  | { keyword: 'VOLUME'; paths: string[] }
  | { keyword: 'SHELL'; argv: string[] }
  | { keyword: 'HEALTHCHECK'; command: CommandForm | null; options: string[] }
  | { keyword: 'ONBUILD'; trigger: string };

export interface Heredoc {
  name: string;
  content: string;
  /** `<<-` strips leading tabs; a quoted name turns expansion off. */
  expand: boolean;
}

export type ParsedInstruction = Instruction & { line: number; endLine: number; original: string; heredocs?: Heredoc[] };

export interface Stage {
  base: string;
  alias?: string;
  instructions: ParsedInstruction[];
}

export interface Dockerfile {
  escape: string;
  syntax?: string;
  /** ARGs before the first FROM: usable in FROM lines. */
  globalArgs: ParsedInstruction[];
  stages: Stage[];
}

export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DockerfileError';
  }
}

const KEYWORDS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'];

interface LogicalLine {
  text: string;
  line: number;
  endLine: number;
  heredocs: Heredoc[];
}

/** Directives: `# escape=`` ` and `# syntax=` at the very top, before anything else. */
function readDirectives(lines: string[]): { escape: string; syntax?: string; start: number } {
  let escape = '\\';
  let syntax: string | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const match = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[i]);
    if (!match) break;
    const name = match[1].toLowerCase();
    if (name === 'escape') {
      if (match[2] !== '\\' && match[2] !== '`') throw new DockerfileError(`invalid escape token '${match[2]}' does not match ${'`'} or \\`, i + 1);
      escape = match[2];
    } else if (name === 'syntax') syntax = match[2];
    else if (name !== 'check') break;
  }
  return { escape, syntax, start: i };
}

function logicalLines(source: string, escape: string, start: number): LogicalLine[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const result: LogicalLine[] = [];
  let i = start;
  while (i < lines.length) {
    const raw = lines[i];
    if (/^\s*#/.test(raw) || raw.trim() === '') {
      i++;
      continue;
    }
    const first = i;
    let text = '';
    let current = raw;
    for (;;) {
      const trimmed = current.replace(/\s+$/, '');
      if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape)) {
        text += trimmed.slice(0, -1);
        i++;
        // Comment and empty lines inside a continuation are dropped, as the reference says.
        while (i < lines.length && (/^\s*#/.test(lines[i]) || lines[i].trim() === '')) i++;
        if (i >= lines.length) break;
        current = lines[i];
        continue;
      }
      text += current;
      break;
    }
    const heredocs: Heredoc[] = [];
    const markers = [...text.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)];
    const keyword = text.trim().split(/\s+/)[0]?.toUpperCase();
    let end = i;
    if (markers.length > 0 && (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD')) {
      for (const marker of markers) {
        const body: string[] = [];
        end++;
        while (end < lines.length && (marker[1] ? lines[end].replace(/^\t+/, '') : lines[end]) !== marker[3]) {
          body.push(marker[1] ? lines[end].replace(/^\t+/, '') : lines[end]);
          end++;
        }
        if (end >= lines.length) throw new DockerfileError(`unterminated heredoc ${marker[3]}`, first + 1);
        heredocs.push({ name: marker[3], content: body.join('\n') + '\n', expand: marker[2] === '' });
      }
    }
    result.push({ text: text.trim(), line: first + 1, endLine: end + 1, heredocs });
    i = end + 1;
  }
  return result;
}

function parseCommand(rest: string): CommandForm {
  const trimmed = rest.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return { form: 'exec', argv: parsed };
    } catch {
      // not valid JSON: docker treats it as shell form
    }
  }
  return { form: 'shell', script: trimmed };
}

/** Splits `--flag=value` options off the front of an instruction's arguments. */
function takeFlags(rest: string): { flags: Map<string, string>; rest: string; order: string[] } {
  const flags = new Map<string, string>();
  const order: string[] = [];
  let remaining = rest.trim();
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(remaining);
    if (!match) break;
    flags.set(match[1], match[2] ?? '');
    order.push(match[0].trim());
    remaining = remaining.slice(match[0].length);
  }
  return { flags, rest: remaining, order };
}

/** Words with double and single quotes honoured (ENV, LABEL, COPY arguments). */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started || current) out.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) throw new Error('unterminated quote');
  if (started || current) out.push(current);
  return out;
}

function pairs(keyword: 'ENV' | 'LABEL', rest: string, line: number): [string, string][] {
  let tokens: string[];
  try {
    tokens = words(rest);
  } catch {
    throw new DockerfileError(`${keyword.toLowerCase()}: unterminated quote`, line);
  }
  if (tokens.length === 0) throw new DockerfileError(`${keyword} requires at least one argument`, line);
  if (!tokens[0].includes('=')) {
    // Legacy form: ENV NAME value with spaces
    if (keyword === 'LABEL') throw new DockerfileError('LABEL must have two arguments', line);
    if (tokens.length < 2) throw new DockerfileError('ENV must have two arguments', line);
    const name = tokens[0];
    return [[name, rest.trim().slice(rest.trim().indexOf(name) + name.length).trim().replace(/^["']|["']$/g, '')]];
  }
  return tokens.map((token) => {
    const at = token.indexOf('=');
    if (at <= 0) throw new DockerfileError(at === 0 ? `${keyword} names can not be blank` : `Syntax error - can't find = in "${token}". Must be of the form: name=value`, line);
    return [token.slice(0, at), token.slice(at + 1)];
  });
}

function suggestion(word: string): string {
  const upper = word.toUpperCase();
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  const best = KEYWORDS.map((k) => [k, distance(upper, k)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 2 ? ` (did you mean ${best[0].toLowerCase()}?)` : '';
}

function parseInstruction(logical: LogicalLine): ParsedInstruction {
  const { text, line } = logical;
  const space = text.search(/\s/);
  const word = space === -1 ? text : text.slice(0, space);
  const rest = space === -1 ? '' : text.slice(space + 1);
  const keyword = word.toUpperCase();
  const base = { line, endLine: logical.endLine, original: text };
  if (!KEYWORDS.includes(keyword)) throw new DockerfileError(`unknown instruction: ${word}${suggestion(word)}`, line);
  const needs = () => {
    if (!rest.trim()) throw new DockerfileError(`${keyword} requires at least one argument`, line);
  };
  switch (keyword) {
    case 'FROM': {
      const { flags, rest: args } = takeFlags(rest);
      const parts = args.trim().split(/\s+/).filter(Boolean);
      if (parts.length !== 1 && !(parts.length === 3 && parts[1].toUpperCase() === 'AS')) throw new DockerfileError('FROM requires either one or three arguments', line);
      return { ...base, keyword, image: parts[0], alias: parts[2]?.toLowerCase(), platform: flags.get('platform') };
    }
    case 'RUN': {
      needs();
      const { flags, rest: args } = takeFlags(rest);
      return { ...base, keyword, command: parseCommand(args), mounts: flags.has('mount') ? [flags.get('mount')!] : [], network: flags.get('network'), heredocs: logical.heredocs };
    }
    case 'CMD':
    case 'ENTRYPOINT':
      needs();
      return { ...base, keyword, command: parseCommand(rest) };
    case 'COPY':
    case 'ADD': {
      needs();
      const { flags, rest: args } = takeFlags(rest);
      let list: string[];
      const exec = parseCommand(args);
      list = exec.form === 'exec' ? exec.argv : words(args);
      if (list.length < 2 && logical.heredocs.length === 0) throw new DockerfileError(`${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, line);
      if (list.length < 1) throw new DockerfileError(`${keyword} requires at least one argument`, line);
      list = list.length === 1 ? ['', ...list] : list;
      return { ...base, keyword, sources: list.slice(0, -1).filter(Boolean), destination: list.at(-1)!, from: flags.get('from'), chown: flags.get('chown'), chmod: flags.get('chmod'), heredocs: logical.heredocs };
    }
    case 'ENV':
    case 'LABEL':
      return { ...base, keyword, pairs: pairs(keyword, rest, line) };
    case 'ARG': {
      needs();
      const [name, ...value] = rest.trim().split('=');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new DockerfileError(`ARG names can not be blank`, line);
      return { ...base, keyword, name, defaultValue: value.length > 0 ? value.join('=').replace(/^["']|["']$/g, '') : undefined };
    }
    case 'EXPOSE':
      needs();
      return { ...base, keyword, ports: rest.trim().split(/\s+/) };
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      needs();
      return { ...base, keyword, value: rest.trim() };
    case 'VOLUME': {
      needs();
      const exec = parseCommand(rest);
      return { ...base, keyword, paths: exec.form === 'exec' ? exec.argv : rest.trim().split(/\s+/) };
    }
    case 'SHELL': {
      const exec = parseCommand(rest);
      if (exec.form !== 'exec') throw new DockerfileError('SHELL requires the arguments to be in JSON form', line);
      return { ...base, keyword, argv: exec.argv };
    }
    case 'HEALTHCHECK': {
      const { order, rest: args } = takeFlags(rest);
      const [kind, ...command] = args.trim().split(/\s+/);
      if (kind?.toUpperCase() === 'NONE') return { ...base, keyword, command: null, options: order };
      if (kind?.toUpperCase() !== 'CMD') throw new DockerfileError('Unknown type "' + (kind ?? '') + '" in HEALTHCHECK (try CMD)', line);
      return { ...base, keyword, command: parseCommand(command.join(' ')), options: order };
    }
    case 'ONBUILD': {
      const trigger = rest.trim().split(/\s+/)[0]?.toUpperCase();
      if (trigger === 'ONBUILD') throw new DockerfileError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", line);
      if (trigger === 'FROM' || trigger === 'MAINTAINER') throw new DockerfileError(`${trigger} isn't allowed as an ONBUILD trigger`, line);
      return { ...base, keyword, trigger: rest.trim() };
    }
  }
  throw new DockerfileError(`unknown instruction: ${word}`, line);
}

export function parseDockerfile(source: string): Dockerfile {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const { escape, syntax, start } = readDirectives(lines);
  const globalArgs: ParsedInstruction[] = [];
  const stages: Stage[] = [];
  for (const logical of logicalLines(source, escape, start)) {
    const instruction = parseInstruction(logical);
    if (instruction.keyword === 'FROM') {
      stages.push({ base: instruction.image, alias: instruction.alias, instructions: [instruction] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new DockerfileError('no build stage in current context', instruction.line);
      globalArgs.push(instruction);
    } else stages.at(-1)!.instructions.push(instruction);
  }
  if (stages.length === 0) throw new DockerfileError('the Dockerfile (Dockerfile) cannot be empty', 0);
  return { escape, syntax, globalArgs, stages };
}
