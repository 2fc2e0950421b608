/**
 * Field selectors (`kubectl get pods --field-selector spec.nodeName=node01,status.phase!=Running`):
 * the syntax of k8s.io/apimachinery/pkg/fields, and the fields each kind's API supports, with the
 * server's messages for anything else.
 */
import { SelectorError } from './errors';
import type { KubeObject } from './types';

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

const selectorError = (message: string) => new SelectorError(message);

/** Splits on commas not escaped with a backslash. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

function splitTerm(term: string): [string, '=' | '!=' | '==', string] | null {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return null;
}

function unescape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '\\') {
      out += value[i];
      continue;
    }
    const next = value[++i];
    if (next !== '\\' && next !== ',' && next !== '=') throw selectorError(`invalid field selector: invalid escape sequence: \\${next ?? ''}`);
    out += next;
  }
  return out;
}

/** Parses the syntax only; `fieldSelectorMatches` also checks the fields against the kind. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(text).sort()) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw selectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const [field, op, value] = split;
    requirements.push({ field: field.trim(), operator: op === '!=' ? '!=' : '=', value: unescape(value) });
  }
  return requirements;
}

type Getter = (object: Record<string, any>) => string; // eslint-disable-line @typescript-eslint/no-explicit-any

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

const META: Record<string, Getter> = {
  'metadata.name': (o) => text(o.metadata?.name),
  'metadata.namespace': (o) => text(o.metadata?.namespace),
};

/** The kinds with their own field-label conversion (k8s.io/kubernetes pkg/apis/core/v1/conversion.go, apps/v1). */
const FIELDS: Record<string, Record<string, Getter>> = {
  Pod: {
    ...META,
    'spec.nodeName': (o) => text(o.spec?.nodeName),
    'spec.host': (o) => text(o.spec?.nodeName),
    'spec.restartPolicy': (o) => text(o.spec?.restartPolicy ?? 'Always'),
    'spec.schedulerName': (o) => text(o.spec?.schedulerName ?? 'default-scheduler'),
    'spec.serviceAccountName': (o) => text(o.spec?.serviceAccountName ?? 'default'),
    'spec.hostNetwork': (o) => String(Boolean(o.spec?.hostNetwork)),
    'status.phase': (o) => text(o.status?.phase),
    'status.podIP': (o) => text(o.status?.podIP),
    'status.podIPs': (o) => text(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
    'status.nominatedNodeName': (o) => text(o.status?.nominatedNodeName),
  },
  Node: { 'metadata.name': META['metadata.name'], 'spec.unschedulable': (o) => String(Boolean(o.spec?.unschedulable)) },
  Namespace: { 'metadata.name': META['metadata.name'], 'status.phase': (o) => text(o.status?.phase) },
  Secret: { ...META, type: (o) => text(o.type) },
  ReplicaSet: { ...META, 'status.replicas': (o) => text(o.status?.replicas ?? 0) },
  ReplicationController: { ...META, 'status.replicas': (o) => text(o.status?.replicas ?? 0) },
  Event: {
    ...META,
    'involvedObject.kind': (o) => text(o.involvedObject?.kind),
    'involvedObject.namespace': (o) => text(o.involvedObject?.namespace),
    'involvedObject.name': (o) => text(o.involvedObject?.name),
    'involvedObject.uid': (o) => text(o.involvedObject?.uid),
    'involvedObject.apiVersion': (o) => text(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': (o) => text(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': (o) => text(o.involvedObject?.fieldPath),
    reason: (o) => text(o.reason),
    reportingComponent: (o) => text(o.reportingComponent),
    source: (o) => text(o.source?.component),
    type: (o) => text(o.type),
  },
};

/** Throws the server's message when `field` is not selectable for `kind`. */
function getter(kind: string, field: string): Getter {
  const table = FIELDS[kind];
  if (table) {
    const get = table[field];
    if (!get) throw selectorError(`field label not supported: ${field}`);
    return get;
  }
  const get = META[field];
  if (!get) throw selectorError(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  return get;
}

/** A checked, compiled field selector for one kind: throws SelectorError on bad syntax or fields. */
export function compileFieldSelector(kind: string, selector: string): (object: KubeObject) => boolean {
  const tests = parseFieldSelector(selector).map(({ field, operator, value }) => {
    const get = getter(kind, field);
    return (object: KubeObject) => (get(object as unknown as Record<string, unknown>) === value) === (operator === '=');
  });
  return (object) => tests.every((test) => test(object));
}

export function fieldSelectorMatches(selector: string, object: KubeObject): boolean {
  return compileFieldSelector(object.kind, selector)(object);
}
