/**
 * `kubectl create deployment|namespace|configmap|service clusterip|nodeport`, `run` and `expose`:
 * each builds the object kubectl would send (generators.ts), then sends it, or with
 * `--dry-run=client` only prints it, or with `--dry-run=server` has the server check and default
 * it without storing it. `-o yaml|json|name` prints the result instead of `… created`.
 */
import { alreadyExists, isApiError, notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import { prepareForCreate } from '../../api/strategy';
import type { Store } from '../../api/store-types';
import type { KubeObject, Pod } from '../../api/types';
import { rfc3339 } from '../../controllers/time';
import { lastValue, type KubectlArgs } from '../args';
import { printOutput, resourceName } from '../print/output';
import { configMap, deployment, exposedService, namespace as namespaceObject, runPod, serverDefaults, service, type Built } from './generators';
import type { KubectlResult } from './result';

export interface CreateEnv {
  store: Store;
  namespace: string;
  now: number;
  allocate: { clusterIP: () => string; nodePort: () => number };
  /** The words after `--` (a container's command or args). */
  afterDash: string[];
}

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

/** kubectl's `-o` for a typed object: YAML sorted as always, JSON in the Go struct's own key order. */
function printTyped(format: string, object: KubeObject, structOrder = true): KubectlResult {
  if (format === 'json' && structOrder) return { stdout: JSON.stringify(object, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n', stderr: '', exitCode: 0 };
  const printed = printOutput(format, [object], { singleItemImplied: true });
  return { stdout: printed.stdout, stderr: printed.error ?? '', exitCode: printed.error ? 1 : 0 };
}

/** Sends (or, with --dry-run, only shows) what a generator built; `verb` is `created` or `exposed`. */
export function submit(built: Built, args: KubectlArgs, env: CreateEnv, verb = 'created'): KubectlResult {
  if ('error' in built) return fail(built.error);
  const dryRun = lastValue(args, 'dry-run') ?? 'none';
  if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
  const output = lastValue(args, 'output');
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const info = resolveResource(built.object.kind)!;
  const named = `${info.group ? `${info.singular}.${info.group}` : info.singular}/${built.object.metadata.name}`;
  if (dryRun === 'client') return output && output !== 'name' ? printTyped(output, built.object) : { stdout: output === 'name' ? `${named}\n` : `${named} ${verb}${suffix}\n`, stderr: '', exitCode: 0 };
  try {
    const object = serverDefaults(built.object, env.namespace, env.allocate);
    let stored: KubeObject;
    if (dryRun === 'server') {
      // Admission and the name check run; nothing is stored.
      const ns = info.namespaced ? object.metadata.namespace : undefined;
      if (ns && !env.store.get('Namespace', undefined, ns)) throw notFound('namespaces', ns);
      if (env.store.get(info.kind, ns, object.metadata.name)) throw alreadyExists(info.kind, object.metadata.name);
      prepareForCreate(object);
      object.metadata.creationTimestamp = rfc3339(env.now);
      if (info.generation) object.metadata.generation = 1;
      stored = object;
    } else stored = env.store.create(object);
    if (output === 'name') return { stdout: `${resourceName(stored)}\n`, stderr: '', exitCode: 0 };
    if (output) return printTyped(output, stored, false);
    return { stdout: `${named} ${verb}${suffix}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (isApiError(error)) return fail(`${error.kubectlText()}\n`);
    throw error;
  }
}

export function create(args: KubectlArgs, env: CreateEnv): KubectlResult {
  const [what, name, third] = args.operands;
  switch (what) {
    case 'namespace':
    case 'ns':
      return submit(namespaceObject(name), args, env);
    case 'deployment':
    case 'deploy':
      return submit(deployment(name, args, env.afterDash), args, env);
    case 'configmap':
    case 'cm':
      return submit(configMap(name, args), args, env);
    case 'service':
    case 'svc':
      if (name === 'clusterip' || name === 'nodeport') return submit(service(name === 'clusterip' ? 'ClusterIP' : 'NodePort', third, args), args, env);
      if (name === 'loadbalancer' || name === 'externalname') return fail(`dockyard: kubectl create service ${name} is not modelled in this sandbox yet; try clusterip or nodeport\n`);
      return fail(`error: unknown command "${name ?? ''}" for "kubectl create service"\n\nDid you mean this?\n\tclusterip\n\tnodeport\n`);
    case undefined:
      return fail("error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples\n");
    default:
      return fail(`dockyard: kubectl create ${what} is not modelled in this sandbox yet; try deployment, service, namespace or configmap, or apply -f\n`);
  }
}

export function run(args: KubectlArgs, env: CreateEnv): KubectlResult {
  const [name] = args.operands;
  const extra = args.operands.slice(1);
  return submit(runPod(name, args, extra.length > 0 ? extra : env.afterDash), args, env);
}

type Exposable = KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> } | Record<string, string>; template?: { spec?: { containers?: { ports?: { containerPort: number }[] }[] } }; containers?: { ports?: { containerPort: number }[] }[]; ports?: { port: number }[] } };

/** `kubectl expose deployment web --port 80 [--type NodePort] [--target-port 8080] [--name x]`. */
export function expose(args: KubectlArgs, env: CreateEnv): KubectlResult {
  const [first, second] = args.operands;
  if (!first) return fail("error: You must provide one or more resources by argument or filename.\n");
  const [type, name] = first.includes('/') ? first.split('/', 2) : [first, second];
  if (!name) return fail('error: resource(s) were provided, but no name was specified\n');
  const info = resolveResource(type);
  if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
  if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(info.kind)) return fail(`error: cannot expose a ${info.kind}\n`);
  const source = env.store.get<Exposable>(info.kind, env.namespace, name);
  if (!source) return fail(`Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, name).message}\n`);
  const spec = source.spec ?? {};
  const selector = info.kind === 'Pod' ? source.metadata.labels : info.kind === 'Service' ? (spec.selector as Record<string, string>) : (spec.selector as { matchLabels?: Record<string, string> })?.matchLabels;
  if (!selector || Object.keys(selector).length === 0) return fail(`error: couldn't retrieve selectors via --selector flag or introspection: the ${info.kind.toLowerCase()} has no labels\nSee 'kubectl expose -h' for help and examples\n`);
  const containers = info.kind === 'Pod' ? (source as unknown as Pod).spec.containers : spec.template?.spec?.containers ?? [];
  const introspected = info.kind === 'Service' ? spec.ports?.[0]?.port : containers[0]?.ports?.[0]?.containerPort;
  const port = lastValue(args, 'port') ?? (introspected !== undefined ? String(introspected) : '');
  if (!port) return fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
  return submit(exposedService(lastValue(args, 'name') ?? name, source.metadata.labels, selector, port, args), args, env, 'exposed');
}
