/**
 * `kubectl get`: one or more resource types (`pods`, `po,svc`, `all`, `deploy/web`), optional
 * names, `-n`/`-A`, `-l`, `--field-selector`, `--show-labels`, `-o wide` and the other output
 * formats. Reads the store; prints with the table printers.
 */
import { isApiError, notFound } from '../../api/errors';
import { resolveResource, resourcesInCategory, type ResourceInfo } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { KubeObject } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';
import { printGet, type GetGroup } from '../print/get';
import { printOutput } from '../print/output';
import type { KubectlResult } from './result';

export function get(store: Store, args: KubectlArgs, namespace: string, now: number): KubectlResult {
  const [what, ...names] = args.operands;
  if (!what) {
    return { stdout: '', stderr: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n', exitCode: 1 };
  }
  // `deploy/web pod/x` or `pods web api`.
  const requests: { info: ResourceInfo; names: string[] }[] = [];
  const typed = [what, ...names].every((o) => o.includes('/'));
  if (typed) {
    for (const item of [what, ...names]) {
      const [type, name] = item.split('/');
      const info = resolveResource(type);
      if (!info) return unknownType(type);
      requests.push({ info, names: [name] });
    }
  } else {
    for (const type of what.split(',')) {
      const infos = type === 'all' ? resourcesInCategory('all') : [resolveResource(type)];
      for (const info of infos) {
        if (!info) return unknownType(type);
        requests.push({ info, names });
      }
    }
  }
  const all = args.flags.has('all-namespaces');
  const groups: GetGroup[] = [];
  let stderr = '';
  for (const { info, names: wanted } of requests) {
    const ns = info.namespaced && !all ? namespace : undefined;
    let objects: KubeObject[];
    try {
      objects = wanted.length > 0
        ? wanted.flatMap((name) => {
            const found = store.get(info.kind, info.namespaced ? namespace : undefined, name);
            if (!found) stderr += `Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, name).message}\n`;
            return found ? [found] : [];
          })
        : store.list(info.kind, { namespace: ns, labelSelector: lastValue(args, 'selector'), fieldSelector: lastValue(args, 'field-selector') });
    } catch (error) {
      if (isApiError(error)) return { stdout: '', stderr: `${error.kubectlText()}\n`, exitCode: 1 };
      throw error;
    }
    groups.push({ kind: info.kind, objects });
  }
  const output = lastValue(args, 'output');
  if (output && output !== 'wide') {
    const objects = groups.flatMap((g) => g.objects);
    const singleItemImplied = requests.length === 1 && (typed || names.length === 1) && objects.length === 1;
    const printed = printOutput(output, objects, { singleItemImplied, noHeaders: args.flags.has('no-headers') });
    return { stdout: printed.stdout, stderr: stderr + (printed.error ?? ''), exitCode: printed.error || stderr ? 1 : 0 };
  }
  const printed = printGet(groups, { now, wide: output === 'wide', allNamespaces: all, showLabels: args.flags.has('show-labels'), noHeaders: args.flags.has('no-headers'), withKind: requests.length > 1 || what === 'all', namespace });
  // kubectl prints what it found and then, on stderr, what it did not.
  const missingOnly = stderr && groups.every((g) => g.objects.length === 0);
  return { stdout: missingOnly ? '' : printed.stdout, stderr: stderr || printed.stderr, exitCode: stderr ? 1 : 0 };
}

function unknownType(type: string): KubectlResult {
  return { stdout: '', stderr: `error: the server doesn't have a resource type "${type}"\n`, exitCode: 1 };
}
