/**
 * The kubectl verbs that change the cluster imperatively: `create deployment|namespace`, `run`,
 * `scale`, `delete`, `expose`, with the real confirmations (`deployment.apps/web created`) and
 * errors. Each builds the object kubectl would send and writes it through the store.
 */
import { isApiError, notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { Deployment, KubeObject, Namespace, Pod, Service } from '../../api/types';
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

export function create(store: Store, args: KubectlArgs, namespace: string): KubectlResult {
  const [what, name] = args.operands;
  if (what === 'namespace' || what === 'ns') {
    if (!name) return fail('error: exactly one NAME is required, got 0\nSee \'kubectl create namespace -h\' for help and examples\n');
    return write(() => {
      store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
      return `namespace/${name} created\n`;
    });
  }
  if (what === 'deployment' || what === 'deploy') {
    const images = args.values.get('image') ?? [];
    if (!name) return fail('error: exactly one NAME is required, got 0\nSee \'kubectl create deployment -h\' for help and examples\n');
    if (images.length === 0) return fail('error: required flag(s) "image" not set\n');
    const replicas = Number(lastValue(args, 'replicas') ?? 1);
    const port = lastValue(args, 'port');
    return write(() => {
      store.create<Deployment>({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace, labels: { app: name } },
        spec: {
          replicas,
          selector: { matchLabels: { app: name } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: images.map((image, i) => ({ name: images.length === 1 ? containerName(image) : `${containerName(image)}-${i}`.replace(/-0$/, ''), image, ...(port ? { ports: [{ containerPort: Number(port), protocol: 'TCP' as const }] } : {}) })), restartPolicy: 'Always' },
          },
        },
      });
      return `deployment.apps/${name} created\n`;
    });
  }
  return fail(`error: unknown command "${what ?? ''}" for "kubectl create"\n\nDid you mean this?\n\tdeployment\n\tnamespace\n`);
}

/** `nginx:1.27` → `nginx`: the container name kubectl derives from an image. */
function containerName(image: string): string {
  return image.split('/').pop()!.split(/[:@]/)[0];
}

export function run(store: Store, args: KubectlArgs, namespace: string): KubectlResult {
  const [name, ...extra] = args.operands;
  const image = lastValue(args, 'image');
  if (!name) return fail('error: NAME is required for run\nSee \'kubectl run -h\' for help and examples\n');
  if (!image) return fail('error: required flag(s) "image" not set\n');
  const port = lastValue(args, 'port');
  return write(() => {
    store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels: { run: name } },
      // `kubectl run NAME --image=I -- ARG…` passes ARG… as the container's args (its command with --command).
      spec: { containers: [{ name, image, ...(extra.length > 0 ? (args.flags.has('command') ? { command: extra } : { args: extra }) : {}), ...(port ? { ports: [{ containerPort: Number(port), protocol: 'TCP' as const }] } : {}) }], restartPolicy: (lastValue(args, 'restart') ?? 'Always') as 'Always' | 'OnFailure' | 'Never', dnsPolicy: 'ClusterFirst' },
      status: { phase: 'Pending' },
    });
    return `pod/${name} created\n`;
  });
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

/** `kubectl expose deployment web --port 80 [--type NodePort] [--target-port 8080] [--name x]`. */
export function expose(store: Store, args: KubectlArgs, namespace: string, allocateNodePort: () => number, allocateClusterIP: () => string): KubectlResult {
  const targets = targetsOf(args.operands);
  if ('error' in targets) return fail(targets.error);
  const [{ type, name }] = targets.list;
  const info = resolveResource(type);
  if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
  const source = store.get<KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> }; template?: { spec?: { containers?: { ports?: { containerPort: number }[] }[] } } } }>(info.kind, namespace, name);
  if (!source) return fail(`Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, name).message}\n`);
  const selector = info.kind === 'Pod' ? source.metadata.labels : source.spec?.selector?.matchLabels;
  const port = lastValue(args, 'port') ?? String(source.spec?.template?.spec?.containers?.[0]?.ports?.[0]?.containerPort ?? (info.kind === 'Pod' ? (source as unknown as Pod).spec.containers[0]?.ports?.[0]?.containerPort ?? '' : ''));
  if (!port) return fail(`error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n`);
  const serviceType = (lastValue(args, 'type') ?? 'ClusterIP') as NonNullable<Service['spec']['type']>;
  const serviceName = lastValue(args, 'name') ?? name;
  return write(() => {
    const clusterIP = allocateClusterIP();
    store.create<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: serviceName, namespace, labels: { ...(source.metadata.labels ?? {}) } },
      spec: {
        type: serviceType,
        selector,
        clusterIP,
        clusterIPs: [clusterIP],
        ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(lastValue(args, 'target-port') ?? port), ...(serviceType === 'NodePort' ? { nodePort: allocateNodePort() } : {}) }],
        sessionAffinity: 'None',
        ...(serviceType === 'NodePort' ? { externalTrafficPolicy: 'Cluster' as const } : {}),
      },
      status: { loadBalancer: {} },
    });
    return `service/${serviceName} exposed\n`;
  });
}

/** `deploy web`, `deploy/web pod/x`, `deploy web api`: the (type, name) pairs a verb acts on. */
function targetsOf(operands: string[]): { list: { type: string; name: string }[] } | { error: string } {
  if (operands.length === 0) return { error: 'error: You must provide one or more resources by argument or filename.\n' };
  if (operands.every((o) => o.includes('/'))) return { list: operands.map((o) => ({ type: o.split('/')[0], name: o.split('/')[1] })) };
  const [type, ...names] = operands;
  if (names.length === 0) return { error: `error: resource(s) were provided, but no name was specified\n` };
  return { list: names.map((name) => ({ type, name })) };
}
