/**
 * The kubectl verbs that scale and delete imperatively: `scale` and `delete`, with the real
 * confirmations (`deployment.apps/web scaled`) and errors (`create`, `run`, `expose`: create.ts).
 */
import { isApiError, notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { Deployment, Pod } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';
import type { KubectlResult } from './result';

const ok = (stdout: string): KubectlResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): KubectlResult => ({ stdout: '', stderr, exitCode });

/** Runs a write and turns the API's refusal into kubectl's text. */
function write(action: () => string): KubectlResult {
  try {
    return ok(action());
  } catch (error) {
    if (isApiError(error)) return fail(`${error.kubectlText()}\n`);
    throw error;
  }
}

export function scale(store: Store, args: KubectlArgs, namespace: string): KubectlResult {
  const replicas = lastValue(args, 'replicas');
  if (replicas === undefined) return fail('error: required flag(s) "replicas" not set\n');
  const targets = targetsOf(args.operands);
  if ('error' in targets) return fail(targets.error);
  for (const { type } of targets.list) {
    const info = resolveResource(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
    if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(info.kind)) return fail(`error: no objects passed to scale ${info.plural} "${type}" is not scalable\n`);
  }
  return write(() =>
    targets.list
      .map(({ type, name }) => {
        const info = resolveResource(type)!;
        const object = store.get<Deployment>(info.kind, namespace, name);
        if (!object) throw notFound(`${info.plural}.${info.group}`, name);
        object.spec.replicas = Number(replicas);
        store.update(object);
        return `${info.singular}.${info.group}/${name} scaled\n`;
      })
      .join(''),
  );
}

export function remove(store: Store, args: KubectlArgs, namespace: string): KubectlResult {
  const targets = targetsOf(args.operands);
  if ('error' in targets) return fail(targets.error);
  let stdout = '';
  let stderr = '';
  for (const { type, name } of targets.list) {
    const info = resolveResource(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
    try {
      // A pod is deleted gracefully: its kubelet stops its containers, then it is gone.
      const pod = info.kind === 'Pod' ? store.get<Pod>('Pod', namespace, name) : undefined;
      store.delete(info.kind, info.namespaced ? namespace : undefined, name, pod ? { gracePeriodSeconds: pod.spec.terminationGracePeriodSeconds ?? 30 } : {});
      stdout += `${info.group ? `${info.singular}.${info.group}` : info.singular} "${name}" deleted\n`;
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (!args.flags.has('ignore-not-found')) stderr += `${error.kubectlText()}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** `deploy web`, `deploy/web pod/x`, `deploy web api`: the (type, name) pairs a verb acts on. */
function targetsOf(operands: string[]): { list: { type: string; name: string }[] } | { error: string } {
  if (operands.length === 0) return { error: 'error: You must provide one or more resources by argument or filename.\n' };
  if (operands.every((o) => o.includes('/'))) return { list: operands.map((o) => ({ type: o.split('/')[0], name: o.split('/')[1] })) };
  const [type, ...names] = operands;
  if (names.length === 0) return { error: `error: resource(s) were provided, but no name was specified\n` };
  return { list: names.map((name) => ({ type, name })) };
}
