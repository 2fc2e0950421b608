/**
 * Reading manifests as `kubectl apply -f` / `create -f` do (k8s.io/cli-runtime resource
 * StreamVisitor): YAML streams split on `---`, JSON streams of objects, empty and null documents
 * skipped, `kind: List` flattened into its items, and kubectl's error words: YAML problems as
 * go-yaml v2 words them, `error converting YAML to JSON: yaml: line N: …`; JSON problems as
 * `json: offset N: invalid character …`; a missing apiVersion or kind as a validation error that
 * points at `--validate=false`. Objects before the first bad document are kept, as kubectl
 * applies what it read before stopping.
 */
import { parseAllDocuments, type YAMLError } from 'yaml';
import type { KubeObject } from '../../api/types';

export interface ManifestResult {
  objects: KubeObject[];
  /** `error: …\n`, ready for stderr (exit code 1). */
  error?: string;
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** The go-yaml v2 message for a `yaml` package error, and the line go-yaml would name. */
function goYamlProblem(text: string, e: YAMLError): { line: number; message: string } {
  const line = e.linePos?.[0].line ?? 1;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // go-yaml stops at the `:` that starts the unexpected mapping value.
      const colon = /:(\s|$)/.exec(text.slice(e.pos[0]));
      return { line: colon ? lineAt(e.pos[0] + colon.index) : line, message: 'mapping values are not allowed in this context' };
    }
    case 'TAB_AS_INDENT':
      return { line, message: 'found character that cannot start any token' };
    case 'MISSING_CHAR':
      return { line, message: 'found unexpected end of stream' };
    case 'BAD_INDENT':
      if (e.message.startsWith('Flow sequence')) return { line, message: "did not find expected ',' or ']'" };
      if (e.message.startsWith('Flow mapping')) return { line, message: "did not find expected ',' or '}'" };
      if (e.message.includes('sequence items')) return { line, message: "did not find expected '-' indicator" };
      return { line, message: 'did not find expected key' };
    default:
      // The exact go-yaml words for rarer problems are not modelled; this is its most common one.
      return { line, message: 'did not find expected key' };
  }
}

/** Finds the first JSON syntax error as Go's encoding/json scanner words it. */
function goJsonProblem(text: string): string {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const fail = (context: string): never => {
    if (i >= text.length) throw new Error('unexpected EOF');
    const c = text[i];
    const shown = c === "'" ? "'\\''" : `'${c}'`;
    throw new Error(`json: offset ${i + 1}: invalid character ${shown} ${context}`);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        string(); ws();
        if (text[i] !== ':') fail('after object key');
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!literal) fail('looking for beginning of value');
    i += literal![0].length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] < ' ') fail('in string literal');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) throw new Error('unexpected EOF');
    i++;
  };
  try {
    while ((ws(), i < text.length)) value();
  } catch (e) {
    return (e as Error).message;
  }
  return 'unexpected EOF';
}

/** getObjectKind's complaints, aggregated as utilerrors does (`[a, b]` for more than one). */
function kindProblems(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return 'invalid object to validate';
  const o = object as Record<string, unknown>;
  const errors: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errors.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errors.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errors.push('kind not set');
  else if (typeof o.kind !== 'string') errors.push("kind isn't string type");
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

function jsonDocuments(text: string): unknown[] | string {
  const docs: unknown[] = [];
  let rest = text;
  // A stream of JSON values, one after another, as json.Decoder reads them.
  while (rest.trim() !== '') {
    const start = rest.length - rest.trimStart().length;
    let parsed: unknown;
    let end = -1;
    for (let j = start + 1; j <= rest.length; j++) {
      if (rest[j - 1] !== '}' && rest[j - 1] !== ']') continue;
      try { parsed = JSON.parse(rest.slice(start, j)); end = j; break; } catch { /* keep reading */ }
    }
    if (end < 0) return goJsonProblem(text);
    docs.push(parsed);
    rest = rest.slice(end);
  }
  return docs;
}

/**
 * Parses the text of `source` (a file name as typed, `STDIN` for `-f -`) into objects.
 * `validate: false` is `--validate=false`: objects without apiVersion or kind are then dropped
 * with the decoder's error instead.
 */
export function parseManifest(text: string, source: string, options: { validate?: boolean } = {}): ManifestResult {
  const objects: KubeObject[] = [];
  let documents: unknown[];
  if (text.trimStart().startsWith('{')) {
    const parsed = jsonDocuments(text);
    if (typeof parsed === 'string') return { objects, error: `error: error parsing ${source}: ${parsed}\n` };
    documents = parsed;
  } else {
    documents = [];
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        // Line numbers count from the start of the document, as kubectl converts each on its own.
        // kubectl's YAMLReader hands each document over without its `---` line.
        const startLine = text.slice(0, doc.range[0]).split('\n').length - 1 + (text.startsWith('---', doc.range[0]) ? 1 : 0);
        const e = doc.errors[0];
        const { line, message } = goYamlProblem(text, e);
        return finish(objects, documents, source, options, `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line - startLine}: ${message}\n`);
      }
      try {
        documents.push(doc.toJS({ maxAliasCount: 100 }));
      } catch (e) {
        const alias = /alias.*: (.+)$/.exec((e as Error).message)?.[1] ?? '';
        const at = text.indexOf(`*${alias}`, doc.range[0]);
        const line = text.slice(doc.range[0], at < 0 ? doc.range[0] : at).split('\n').length - (text.startsWith('---', doc.range[0]) ? 1 : 0);
        return finish(objects, documents, source, options, `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: unknown anchor '${alias}' referenced\n`);
      }
    }
  }
  return finish(objects, documents, source, options);
}

function finish(objects: KubeObject[], documents: unknown[], source: string, options: { validate?: boolean }, parseError?: string): ManifestResult {
  for (const doc of documents) {
    if (doc === null || doc === undefined) continue;
    const problem = kindProblems(doc);
    if (problem) {
      if (options.validate === false) {
        return { objects, error: `error: unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${JSON.stringify(doc)}'\n` };
      }
      return { objects, error: `error: error validating ${JSON.stringify(source)}: error validating data: ${problem}; ${STOP_VALIDATE}\n` };
    }
    const o = doc as KubeObject & { items?: unknown[] };
    if (o.kind === 'List' || (o.kind.endsWith('List') && Array.isArray(o.items))) {
      for (const item of o.items ?? []) {
        const itemProblem = kindProblems(item);
        if (itemProblem) return { objects, error: `error: error validating ${JSON.stringify(source)}: error validating data: ${itemProblem}; ${STOP_VALIDATE}\n` };
        objects.push(item as KubeObject);
      }
    } else {
      objects.push(o);
    }
  }
  return parseError ? { objects, error: parseError } : { objects };
}
