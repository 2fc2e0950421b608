/**
 * The objects kubectl's imperative commands build before sending them (k8s.io/kubectl/pkg/cmd/
 * create, run, expose), field for field: what `--dry-run=client -o yaml` prints, with the empty
 * `creationTimestamp: null`, `resources: {}`, `strategy: {}` and `status: {}` a typed Go struct
 * marshals to. Keys are in the Go structs' order, which `-o json` keeps (YAML sorts them).
 * `serverDefaults` then fills in what the API server would before storing them.
 */
import type { KubeObject } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';

type Loose = KubeObject & Record<string, unknown>;
export type Built = { object: Loose } | { error: string };

const usage = (verb: string) => `See 'kubectl ${verb} -h' for help and examples\n`;
const port = (text: string | undefined) => (text === undefined || text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text);

/** The metadata kubectl sets: the namespace only when -n was given (EnforceNamespace). */
function meta(name: string, args: KubectlArgs, labels?: Record<string, string>): Record<string, unknown> {
  const namespace = lastValue(args, 'namespace');
  return { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) };
}

/** create_deployment.go's container name: the image's last path part, without tag or digest. */
export function containerNameOf(image: string): string {
  return image.split('/').pop()!.split(':')[0].split('@')[0].replace(/_/g, '-');
}

export function deployment(name: string | undefined, args: KubectlArgs, command: string[]): Built {
  const images = args.values.get('image') ?? [];
  if (!name) return { error: `error: exactly one NAME is required, got 0\n${usage('create deployment')}` };
  if (images.length === 0) return { error: 'error: required flag(s) "image" not set\n' };
  const replicas = Number(lastValue(args, 'replicas') ?? 1);
  if (!Number.isInteger(replicas)) return { error: `error: invalid argument "${lastValue(args, 'replicas')}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${lastValue(args, 'replicas')}": invalid syntax\n` };
  const containerPort = port(lastValue(args, 'port'));
  const seen = new Set<string>();
  const containers = images.map((image, i) => {
    let cname = containerNameOf(image);
    if (seen.has(cname)) cname = `${cname}-${i}`;
    seen.add(cname);
    return { name: cname, image, ...(command.length > 0 ? { command } : {}), ...(i === 0 && containerPort !== undefined ? { ports: [{ containerPort }] } : {}), resources: {} };
  });
  const labels = { app: name };
  return {
    object: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: meta(name, args, labels),
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {} },
      status: {},
    } as unknown as Loose,
  };
}

export function namespace(name: string | undefined): Built {
  if (!name) return { error: `error: exactly one NAME is required, got 0\n${usage('create namespace')}` };
  return { object: { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} } as unknown as Loose };
}

export function configMap(name: string | undefined, args: KubectlArgs): Built {
  if (!name) return { error: `error: exactly one NAME is required, got 0\n${usage('create configmap')}` };
  const data: Record<string, string> = {};
  for (const literal of args.values.get('from-literal') ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) return { error: `error: invalid literal source ${literal}, expected key=value\n` };
    const key = literal.slice(0, eq);
    if (key in data) return { error: `error: cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${name}"\n` };
    data[key] = literal.slice(eq + 1);
  }
  return { object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, args), ...(Object.keys(data).length > 0 ? { data } : {}) } as unknown as Loose };
}

/** `create service clusterip|nodeport NAME --tcp=PORT[:TARGET]`. */
export function service(type: 'ClusterIP' | 'NodePort', name: string | undefined, args: KubectlArgs): Built {
  const sub = type.toLowerCase();
  if (!name) return { error: `error: exactly one NAME is required, got 0\n${usage(`create service ${sub}`)}` };
  const tcp = args.values.get('tcp') ?? [];
  if (tcp.length === 0 && lastValue(args, 'clusterip') !== 'None') return { error: 'error: at least one tcp port specifier must be provided\n' };
  const nodePort = Number(lastValue(args, 'node-port') ?? 0);
  const ports = [];
  for (const spec of tcp) {
    const [p, target] = spec.split(':');
    if (!/^\d+$/.test(p)) return { error: `error: strconv.Atoi: parsing "${p}": invalid syntax\n` };
    ports.push({ name: spec.replace(/:/g, '-'), protocol: 'TCP', port: Number(p), targetPort: port(target) ?? Number(p), ...(nodePort ? { nodePort } : {}) });
  }
  const clusterIP = lastValue(args, 'clusterip');
  const labels = { app: name };
  return {
    object: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: meta(name, args, labels),
      spec: { ports, selector: labels, ...(clusterIP ? { clusterIP } : {}), type },
      status: { loadBalancer: {} },
    } as unknown as Loose,
  };
}

/** `kubectl run NAME --image=I [--port P] [--labels k=v] [--restart R] [-- ARGS…]`. */
export function runPod(name: string | undefined, args: KubectlArgs, extra: string[]): Built {
  const image = lastValue(args, 'image');
  if (!name) return { error: `error: NAME is required for run\n${usage('run')}` };
  if (!image) return { error: 'error: required flag(s) "image" not set\n' };
  const restart = lastValue(args, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return { error: `error: invalid restart policy: ${restart}\n` };
  const labels: Record<string, string> = {};
  for (const pair of (lastValue(args, 'labels') ?? `run=${name}`).split(',')) {
    const [k, v = ''] = pair.split('=');
    labels[k] = v;
  }
  const containerPort = port(lastValue(args, 'port'));
  const container = {
    name,
    image,
    ...(extra.length > 0 ? (args.flags.has('command') ? { command: extra } : { args: extra }) : {}),
    ...(containerPort !== undefined ? { ports: [{ containerPort }] } : {}),
    resources: {},
  };
  return {
    object: {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: meta(name, args, labels),
      spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
      status: {},
    } as unknown as Loose,
  };
}

/** expose's Service: the source's selector and labels, one port (`--port`, else the container's). */
export function exposedService(name: string, labels: Record<string, string> | undefined, selector: Record<string, string> | undefined, servicePort: string, args: KubectlArgs): Built {
  const type = lastValue(args, 'type');
  const target = port(lastValue(args, 'target-port')) ?? Number(servicePort);
  const protocol = lastValue(args, 'protocol') ?? 'TCP';
  return {
    object: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: meta(name, args, labels && Object.keys(labels).length > 0 ? labels : undefined),
      spec: { ports: [{ protocol, port: Number(servicePort), targetPort: target }], selector, ...(type ? { type } : {}) },
      status: { loadBalancer: {} },
    } as unknown as Loose,
  };
}

/** What the API server's defaulting adds before the object is stored (and what server dry-run shows). */
export function serverDefaults(built: Loose, namespace: string, allocate: { clusterIP: () => string; nodePort: () => number }): Loose {
  const object = structuredClone(built) as Loose & { spec?: Record<string, unknown> };
  delete (object.metadata as { creationTimestamp?: unknown }).creationTimestamp;
  if (object.kind !== 'Namespace' && !object.metadata.namespace) object.metadata.namespace = namespace;
  const podSpec = (spec: Record<string, unknown>) => {
    for (const c of spec.containers as { ports?: { protocol?: string }[]; resources?: object }[]) {
      for (const p of c.ports ?? []) p.protocol ??= 'TCP';
      if (c.resources && Object.keys(c.resources).length === 0) delete c.resources;
    }
    spec.restartPolicy ??= 'Always';
    spec.dnsPolicy ??= 'ClusterFirst';
  };
  if (object.kind === 'Pod') podSpec(object.spec!);
  if (object.kind === 'Deployment') {
    const spec = object.spec!;
    if (!spec.strategy || Object.keys(spec.strategy).length === 0) spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    const template = spec.template as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    delete template.metadata.creationTimestamp;
    podSpec(template.spec);
  }
  if (object.kind === 'Service') {
    const spec = object.spec as { type?: string; clusterIP?: string; clusterIPs?: string[]; ports: { nodePort?: number; protocol?: string }[]; sessionAffinity?: string; externalTrafficPolicy?: string };
    spec.type ??= 'ClusterIP';
    if (!spec.clusterIP) spec.clusterIP = allocate.clusterIP();
    spec.clusterIPs = [spec.clusterIP];
    spec.sessionAffinity = 'None';
    for (const p of spec.ports) {
      p.protocol ??= 'TCP';
      if (spec.type === 'NodePort' && !p.nodePort) p.nodePort = allocate.nodePort();
    }
    if (spec.type === 'NodePort') spec.externalTrafficPolicy = 'Cluster';
  }
  return object;
}
