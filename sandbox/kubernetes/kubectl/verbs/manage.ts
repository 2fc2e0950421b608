/**
 * kubectl's smaller verbs: `label`, `annotate`, `cordon`, `uncordon`, `drain` and `taint`, each
 * a small write through the store, with kubectl's words (`logs`: logs.ts; `config`: config.ts).
 */
import { isApiError, notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { KubeObject, Node, Pod, Taint } from '../../api/types';
import type { KubectlArgs } from '../args';
import type { KubectlResult } from './result';

const ok = (stdout: string): KubectlResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

function target(store: Store, operands: string[], namespace: string): { info: NonNullable<ReturnType<typeof resolveResource>>; object: KubeObject; rest: string[] } | KubectlResult {
  const [first, ...more] = operands;
  if (!first) return fail('error: You must provide one or more resources by argument or filename.\n');
  const [type, name, rest] = first.includes('/') ? [first.split('/')[0], first.split('/')[1], more] : [first, more[0], more.slice(1)];
  const info = resolveResource(type);
  if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
  const object = store.get(info.kind, info.namespaced ? namespace : undefined, name ?? '');
  if (!object) return fail(`Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, name ?? '').message}\n`);
  return { info, object, rest };
}

const prefixOf = (info: NonNullable<ReturnType<typeof resolveResource>>) => (info.group ? `${info.singular}.${info.group}` : info.singular);

/** `kubectl label|annotate TYPE NAME k=v k2-` (with --overwrite to change an existing key). */
export function labelOrAnnotate(store: Store, args: KubectlArgs, namespace: string, field: 'labels' | 'annotations'): KubectlResult {
  const found = target(store, args.operands, namespace);
  if ('exitCode' in found) return found;
  const { info, object, rest } = found;
  const map = { ...(object.metadata[field] ?? {}) };
  for (const change of rest) {
    if (change.endsWith('-')) delete map[change.slice(0, -1)];
    else {
      const [key, value = ''] = change.split(/=(.*)/s, 2);
      if (map[key] !== undefined && map[key] !== value && !args.flags.has('overwrite')) return fail(`error: '${key}' already has a value (${map[key]}), and --overwrite is false\n`);
      map[key] = value;
    }
  }
  object.metadata[field] = map;
  try {
    store.update(object);
  } catch (error) {
    if (isApiError(error)) return fail(`${error.kubectlText()}\n`);
    throw error;
  }
  return ok(`${prefixOf(info)}/${object.metadata.name} ${field === 'labels' ? 'labeled' : 'annotated'}\n`);
}

function setUnschedulable(store: Store, name: string, value: boolean): string | KubectlResult {
  const node = store.get<Node>('Node', undefined, name);
  if (!node) return fail(`Error from server (NotFound): ${notFound('nodes', name).message}\n`);
  if ((node.spec.unschedulable ?? false) === value) return `node/${name} already ${value ? 'cordoned' : 'uncordoned'}\n`;
  node.spec.unschedulable = value || undefined;
  store.update(node);
  return `node/${name} ${value ? 'cordoned' : 'uncordoned'}\n`;
}

export function cordon(store: Store, args: KubectlArgs, value: boolean): KubectlResult {
  const [name] = args.operands;
  if (!name) return fail(`error: USAGE: ${value ? 'cordon' : 'uncordon'} NODE [flags]\nSee 'kubectl ${value ? 'cordon' : 'uncordon'} -h' for help and examples\n`);
  const result = setUnschedulable(store, name, value);
  return typeof result === 'string' ? ok(result) : result;
}

/** Cordons the node and evicts its pods; DaemonSet pods need --ignore-daemonsets, as in kubectl. */
export function drain(store: Store, args: KubectlArgs): KubectlResult {
  const [name] = args.operands;
  if (!name) return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  const cordoned = setUnschedulable(store, name, true);
  if (typeof cordoned !== 'string') return cordoned;
  const pods = store.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${name}` });
  const owner = (p: Pod) => p.metadata.ownerReferences?.find((o) => o.controller)?.kind;
  const daemons = pods.filter((p) => owner(p) === 'DaemonSet');
  const mirrors = pods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
  const bare = pods.filter((p) => !owner(p) && !mirrors.includes(p));
  if (daemons.length > 0 && !args.flags.has('ignore-daemonsets')) {
    return { stdout: cordoned, stderr: `error: unable to drain node "${name}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}\n`, exitCode: 1 };
  }
  if (bare.length > 0 && !args.flags.has('force')) {
    return { stdout: cordoned, stderr: `error: unable to drain node "${name}" due to error: cannot delete Pods declare no controller (use --force to override): ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n`, exitCode: 1 };
  }
  const evicted = pods.filter((p) => !daemons.includes(p) && !mirrors.includes(p));
  let out = cordoned;
  if (daemons.length > 0) out += `Warning: ignoring DaemonSet-managed Pods: ${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}\n`;
  for (const pod of evicted) {
    out += `evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`;
    store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 1 });
  }
  for (const pod of evicted) out += `pod/${pod.metadata.name} evicted\n`;
  return ok(`${out}node/${name} drained\n`);
}

/** `kubectl taint nodes NAME key[=value]:Effect` (and `key:Effect-` to remove). */
export function taint(store: Store, args: KubectlArgs): KubectlResult {
  const [type, name, ...specs] = args.operands;
  if (!['node', 'nodes', 'no'].includes(type ?? '') || !name || specs.length === 0) return fail("error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n");
  const node = store.get<Node>('Node', undefined, name);
  if (!node) return fail(`Error from server (NotFound): ${notFound('nodes', name).message}\n`);
  let taints: Taint[] = [...(node.spec.taints ?? [])];
  let verb = 'tainted';
  for (const spec of specs) {
    const remove = spec.endsWith('-');
    const [keyValue, effect] = (remove ? spec.slice(0, -1) : spec).split(':');
    const [key, value] = keyValue.split('=');
    if (remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
      if (taints.length === before) return fail(`error: taint "${spec.slice(0, -1)}" not found\n`);
      verb = 'untainted';
    } else {
      if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect ?? '')) return fail(`error: invalid taint effect: ${effect ?? ''}, unsupported taint effect\n`);
      taints = taints.filter((t) => !(t.key === key && t.effect === effect));
      taints.push({ key, ...(value ? { value } : {}), effect: effect as Taint['effect'] });
    }
  }
  node.spec.taints = taints.length > 0 ? taints : undefined;
  store.update(node);
  return ok(`node/${name} ${verb}\n`);
}
