/**
 * The verbs that wait on the cluster, fast-forwarded by the simulated clock to each moment
 * something happens: `kubectl get -w` (the table, then a row for each change, until Ctrl-C) and
 * `kubectl wait --for=condition=C|delete TYPE/NAME… | TYPE --all | -l SEL [--timeout=30s]`.
 */
import { resolveResource, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Cluster } from '../../cluster';
import { lastValue, type KubectlArgs } from '../args';
import { printGet } from '../print/get';
import { get } from './get';
import type { KubectlResult } from './result';

export interface Waiting {
  /** Sleeps `ms` on the clock; false once Ctrl-C ended the wait. */
  sleep(ms: number): Promise<boolean>;
  /** Shows text on the terminal now; false when nobody listens (a pipe). */
  write(text: string): boolean;
}

/** Go's duration syntax, as --timeout takes it (`30s`, `2m`, `1m30s`). */
function durationMs(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0) return Number(text) * 1000 || fallback;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[unit], 0);
}

export async function watch(cluster: Cluster, args: KubectlArgs, namespace: string, waiting: Waiting): Promise<KubectlResult> {
  const first = get(cluster.store, args, namespace, cluster.now());
  if (first.exitCode !== 0) return first;
  if (!waiting.write(first.stdout)) {
    return { stdout: first.stdout, stderr: 'dockyard: kubectl get -w follows changes until Ctrl-C, which needs the terminal\n', exitCode: 1 };
  }
  const info = resolveResource(args.operands[0]?.split(',')[0] ?? '')!;
  const all = args.flags.has('all-namespaces');
  const seen = new Map(cluster.store.list(info.kind, { namespace: info.namespaced && !all ? namespace : undefined }).map((o) => [o.metadata.uid, o.metadata.resourceVersion]));
  for (;;) {
    const next = cluster.nextChange();
    if (!(await waiting.sleep(next === undefined ? 60_000 : Math.max(1, next - cluster.now())))) return { stdout: '', stderr: '', exitCode: 0 };
    cluster.settle();
    const now = cluster.store.list(info.kind, { namespace: info.namespaced && !all ? namespace : undefined, labelSelector: lastValue(args, 'selector') });
    const changed: KubeObject[] = now.filter((o) => seen.get(o.metadata.uid) !== o.metadata.resourceVersion);
    for (const o of now) seen.set(o.metadata.uid, o.metadata.resourceVersion);
    if (changed.length === 0) continue;
    const rows = printGet([{ kind: info.kind, objects: changed }], { now: cluster.now(), wide: lastValue(args, 'output') === 'wide', allNamespaces: all, noHeaders: true });
    waiting.write(rows.stdout);
  }
}

/** What `kubectl wait` waits on: `TYPE NAME…`, `TYPE/NAME…`, `TYPE --all` or `TYPE -l SELECTOR`. */
function waitTargets(cluster: Cluster, args: KubectlArgs, namespace: string): { info: ResourceInfo; name: string }[] | { error: string } {
  const operands = args.operands;
  const noResources = { error: 'error: you must specify one or more resources by argument or filename\n' };
  if (operands.length === 0) return noResources;
  if (operands.every((o) => o.includes('/'))) {
    const targets = [];
    for (const operand of operands) {
      const [type, name] = operand.split('/');
      const info = resolveResource(type);
      if (!info) return { error: `error: the server doesn't have a resource type "${type}"\n` };
      targets.push({ info, name });
    }
    return targets;
  }
  const [type, ...names] = operands;
  const info = resolveResource(type);
  if (!info) return { error: `error: the server doesn't have a resource type "${type}"\n` };
  const selector = lastValue(args, 'selector');
  if (names.length > 0) return names.map((name) => ({ info, name }));
  if (!args.flags.has('all') && !selector) return noResources;
  cluster.settle();
  const found = cluster.store.list(info.kind, { namespace: info.namespaced && !args.flags.has('all-namespaces') ? namespace : undefined, labelSelector: selector });
  if (found.length === 0) return { error: 'error: no matching resources found\n' };
  return found.map((o) => ({ info, name: o.metadata.name }));
}

export async function wait(cluster: Cluster, args: KubectlArgs, namespace: string, waiting: Waiting): Promise<KubectlResult> {
  const condition = lastValue(args, 'for');
  if (!condition) return { stdout: '', stderr: 'error: --for must be specified\n', exitCode: 1 };
  const targets = waitTargets(cluster, args, namespace);
  if ('error' in targets) return { stdout: '', stderr: targets.error, exitCode: 1 };
  const met = (object: KubeObject | undefined): boolean => {
    if (condition === 'delete') return object === undefined;
    if (!object) return false;
    const wanted = /^condition=([^=]+)(?:=(.+))?$/i.exec(condition);
    if (wanted) {
      const conditions = (object as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
      return conditions.some((c) => c.type.toLowerCase() === wanted[1].toLowerCase() && c.status.toLowerCase() === (wanted[2] ?? 'true').toLowerCase());
    }
    return false;
  };
  // Each object in turn, each with its own --timeout, printed as it is met (as kubectl does).
  let stdout = '';
  const print = (line: string) => {
    if (!waiting.write(line)) stdout += line;
  };
  for (const { info, name } of targets) {
    const prefix = info.group ? `${info.singular}.${info.group}` : info.singular;
    const deadline = cluster.now() + durationMs(lastValue(args, 'timeout'), 30_000);
    for (;;) {
      cluster.settle();
      const object = cluster.store.get(info.kind, info.namespaced ? namespace : undefined, name);
      if (!object && condition !== 'delete') return { stdout, stderr: `Error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found\n`, exitCode: 1 };
      if (met(object)) {
        print(`${prefix}/${name} condition met\n`);
        break;
      }
      const next = Math.min(cluster.nextChange() ?? deadline, deadline);
      if (cluster.now() >= deadline) return { stdout, stderr: `error: timed out waiting for the condition on ${info.plural}/${name}\n`, exitCode: 1 };
      if (!(await waiting.sleep(Math.max(1, next - cluster.now())))) return { stdout, stderr: '', exitCode: 130 };
    }
  }
  return { stdout, stderr: '', exitCode: 0 };
}
