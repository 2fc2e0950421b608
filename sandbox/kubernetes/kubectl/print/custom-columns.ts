/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (k8s.io/cli-runtime
 * printers.CustomColumnsPrinter): headers as given, one row per object (a List's items each),
 * several matches joined by commas, `<none>` for none, other values as Go's `%v` prints them
 * (`map[app:web]`, `[80 443]`), aligned like `kubectl get`.
 */
import type { KubeObject } from '../../api/types';
import { evalPath, parseJsonPath } from './jsonpath';
import { GET_TABWRITER, tabwrite } from './tabwriter';

export interface Column {
  header: string;
  /** The JSONPath in kubectl's `{.a.b}` form. */
  path: string;
}

/** printers.RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

/** Parses the spec after `custom-columns=`; throws with kubectl's message (without `error: `). */
export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** fmt's `%v` of a decoded JSON value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

function cell(object: unknown, path: string): string {
  const nodes = parseJsonPath(path);
  const values = nodes.flatMap((n) => (n.t === 'action' ? n.paths.flatMap((p) => evalPath(p, [object])) : []));
  return values.length === 0 ? '<none>' : values.map(goValue).join(',');
}

/** The rows for these objects (a List's items are the objects), header first unless `noHeaders`. */
export function printCustomColumns(columns: Column[], objects: KubeObject[], noHeaders = false): string {
  let text = noHeaders ? '' : columns.map((c) => c.header).join('\t') + '\n';
  for (const o of objects) text += columns.map((c) => cell(o, c.path)).join('\t') + '\n';
  return tabwrite(text, GET_TABWRITER);
}
