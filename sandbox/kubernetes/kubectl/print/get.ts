/**
 * The rows `kubectl get` prints for each kind, as the server-side tables of v1.31 define them
 * (pkg/printers/internalversion/printers.go): columns, `-o wide` extras and the cells' rules.
 * Objects in, a `Table` out; `printGet` lays several kinds out as `kubectl get all` does.
 */
import type {
  ConfigMap, Container, DaemonSet, Deployment, Endpoints, Event, KubeObject, Namespace, Node, ReplicaSet, Service, ServiceAccount,
} from '../../api/types';
import { since } from './age';
import { formatLabelSelector, formatLabels, selectorString } from './labels';
import { podCells, readinessGates, type PrintablePod } from './pod-status';
import { printTables, type PrintResult, type Table, type TableOptions, type TableRow } from './table';

export interface GetOptions {
  now: number;
  wide?: boolean;
}

interface KindPrinter {
  prefix: string;
  namespaced: boolean;
  columns: string[];
  wideColumns: string[];
  cells(object: KubeObject, options: GetOptions): { cells: string[]; wide?: string[] };
}

const age = (o: KubeObject, now: number) => since(o.metadata.creationTimestamp, now);
const orNone = (s: string | undefined) => (s ? s : '<none>');
/** layoutContainerCells: container names and images, comma-separated. */
const containerCells = (containers: Container[]) => [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort();
}

/** The node STATUS cell: `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-separated. */
export function servicePorts(service: Service): string {
  return (service.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

/** formatEndpoints: up to three `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints | undefined, portName?: string): string {
  const subsets = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function externalIP(service: Service): string {
  const spec = service.spec as Service['spec'] & { externalIPs?: string[]; externalName?: string };
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ClusterIP' || type === 'NodePort') return spec.externalIPs?.length ? spec.externalIPs.join(',') : '<none>';
  if (type === 'ExternalName') return spec.externalName ?? '';
  const ingress = ((service.status?.loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress ?? [])
    .map((i) => i.ip || i.hostname || '').filter(Boolean);
  const all = [...ingress, ...(spec.externalIPs ?? [])];
  return all.length ? all.join(',') : '<pending>';
}

/** printEvent's OBJECT cell: `pod/web-x2x9k`, or just the kind when the name is empty. */
const eventObject = (e: Event) => (e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase());

export const KIND_PRINTERS: Record<string, KindPrinter> = {
  Pod: {
    prefix: 'pod', namespaced: true,
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    wideColumns: ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
    cells: (o, { now }) => {
      const pod = o as PrintablePod;
      const { ready, status, restarts } = podCells(pod, now);
      return {
        cells: [pod.metadata.name, ready, status, restarts, age(pod, now)],
        wide: [orNone(pod.status?.podIPs?.[0]?.ip), orNone(pod.spec.nodeName), orNone(pod.status?.nominatedNodeName), readinessGates(pod)],
      };
    },
  },
  Node: {
    prefix: 'node', namespaced: false,
    columns: ['Name', 'Status', 'Roles', 'Age', 'Version'],
    wideColumns: ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'],
    cells: (o, { now }) => {
      const node = o as Node;
      const info = node.status?.nodeInfo;
      const address = (type: string) => node.status?.addresses.find((a) => a.type === type)?.address ?? '<none>';
      return {
        cells: [node.metadata.name, nodeStatus(node), nodeRoles(node).join(',') || '<none>', age(node, now), info?.kubeletVersion ?? ''],
        wide: [address('InternalIP'), address('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>'],
      };
    },
  },
  Deployment: {
    prefix: 'deployment.apps', namespaced: true,
    columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    wideColumns: ['Containers', 'Images', 'Selector'],
    cells: (o, { now }) => {
      const d = o as Deployment;
      const s = d.status ?? {};
      return {
        cells: [d.metadata.name, `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(d, now)],
        wide: [...containerCells(d.spec.template.spec.containers), selectorString(d.spec.selector)],
      };
    },
  },
  ReplicaSet: {
    prefix: 'replicaset.apps', namespaced: true,
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Age'],
    wideColumns: ['Containers', 'Images', 'Selector'],
    cells: (o, { now }) => {
      const rs = o as ReplicaSet;
      return {
        cells: [rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(rs, now)],
        wide: [...containerCells(rs.spec.template.spec.containers), formatLabelSelector(rs.spec.selector)],
      };
    },
  },
  DaemonSet: {
    prefix: 'daemonset.apps', namespaced: true,
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'],
    wideColumns: ['Containers', 'Images', 'Selector'],
    cells: (o, { now }) => {
      const ds = o as DaemonSet;
      const s = ds.status;
      const n = (v: number | undefined) => String(v ?? 0);
      return {
        cells: [ds.metadata.name, n(s?.desiredNumberScheduled), n(s?.currentNumberScheduled), n(s?.numberReady), n(s?.updatedNumberScheduled), n(s?.numberAvailable), formatLabels(ds.spec.template.spec.nodeSelector), age(ds, now)],
        wide: [...containerCells(ds.spec.template.spec.containers), formatLabelSelector(ds.spec.selector)],
      };
    },
  },
  Service: {
    prefix: 'service', namespaced: true,
    columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
    wideColumns: ['Selector'],
    cells: (o, { now }) => {
      const svc = o as Service;
      const clusterIP = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>';
      // The API server defaults spec.type to ClusterIP; a stored object always has it.
      return {
        cells: [svc.metadata.name, svc.spec.type ?? 'ClusterIP', clusterIP, externalIP(svc), servicePorts(svc) || '<none>', age(svc, now)],
        wide: [formatLabels(svc.spec.selector)],
      };
    },
  },
  Endpoints: {
    prefix: 'endpoints', namespaced: true,
    columns: ['Name', 'Endpoints', 'Age'], wideColumns: [],
    cells: (o, { now }) => ({ cells: [o.metadata.name, formatEndpoints(o as Endpoints), age(o, now)] }),
  },
  Namespace: {
    prefix: 'namespace', namespaced: false,
    columns: ['Name', 'Status', 'Age'], wideColumns: [],
    cells: (o, { now }) => ({ cells: [o.metadata.name, (o as Namespace).status?.phase ?? 'Active', age(o, now)] }),
  },
  Event: {
    prefix: 'event', namespaced: true,
    columns: ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
    wideColumns: [],
    cells: (o, { now }) => {
      const e = o as Event;
      const first = since(e.firstTimestamp, now);
      const last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
      const source = [e.source?.component, e.source?.host].filter(Boolean).join(', ');
      return {
        cells: [last, e.type, e.reason, eventObject(e), e.message.trim()],
        wide: [e.involvedObject.fieldPath ?? '', source, first, String(e.count || 1), e.metadata.name],
      };
    },
  },
  ConfigMap: {
    prefix: 'configmap', namespaced: true,
    columns: ['Name', 'Data', 'Age'], wideColumns: [],
    cells: (o, { now }) => {
      const cm = o as ConfigMap & { binaryData?: Record<string, string> };
      return { cells: [cm.metadata.name, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm, now)] };
    },
  },
  Lease: {
    // printLease: the holder, `<none>` while no one holds it.
    prefix: 'lease', namespaced: true,
    columns: ['Name', 'Holder', 'Age'], wideColumns: [],
    cells: (o, { now }) => ({ cells: [o.metadata.name, orNone((o as KubeObject & { spec?: { holderIdentity?: string } }).spec?.holderIdentity), age(o, now)] }),
  },
  ServiceAccount: {
    prefix: 'serviceaccount', namespaced: true,
    columns: ['Name', 'Secrets', 'Age'], wideColumns: [],
    cells: (o, { now }) => ({ cells: [o.metadata.name, String(((o as ServiceAccount & { secrets?: unknown[] }).secrets ?? []).length), age(o, now)] }),
  },
};

// Event's wide columns sit between its normal ones; build that order separately.
const EVENT_WIDE_COLUMNS = ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name'];

/** Kinds without a printer get the server's default table: NAME and AGE. */
const DEFAULT_PRINTER = (kind: string, namespaced: boolean): KindPrinter => ({
  prefix: kind.toLowerCase(), namespaced,
  columns: ['Name', 'Age'], wideColumns: [],
  cells: (o, { now }) => ({ cells: [o.metadata.name, age(o, now)] }),
});

/** The table `kubectl get <kind>` prints for these objects (all of that kind). */
export function tableFor(kind: string, objects: KubeObject[], options: GetOptions): Table {
  const printer = KIND_PRINTERS[kind] ?? DEFAULT_PRINTER(kind, objects.some((o) => o.metadata.namespace !== undefined));
  const rows: TableRow[] = objects.map((o) => {
    const { cells, wide = [] } = printer.cells(o, options);
    let all = cells;
    if (options.wide && kind === 'Event') all = [cells[0], cells[1], cells[2], cells[3], wide[0], wide[1], cells[4], wide[2], wide[3], wide[4]];
    else if (options.wide) all = [...cells, ...wide];
    return { cells: all, namespace: o.metadata.namespace, labels: o.metadata.labels };
  });
  const columns = options.wide ? (kind === 'Event' ? EVENT_WIDE_COLUMNS : [...printer.columns, ...printer.wideColumns]) : printer.columns;
  return { kindPrefix: printer.prefix, namespaced: printer.namespaced, columns, rows };
}

export interface GetGroup {
  kind: string;
  objects: KubeObject[];
}

/**
 * `kubectl get KIND[,KIND…]`: one block per kind in the order asked, `kind/` prefixes when more
 * than one kind, and `No resources found in NS namespace.` (stderr) when nothing matched.
 */
export function printGet(groups: GetGroup[], options: GetOptions & TableOptions & { namespace?: string }): PrintResult {
  return printTables(groups.map((g) => tableFor(g.kind, g.objects, options)), options);
}
