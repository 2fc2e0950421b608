/**
 * The cluster's Leases (coordination.k8s.io/v1), as their holders keep them:
 * - each kubelet's node lease, `kube-node-lease/<node>`: holderIdentity the node, 40 s, renewed with
 *   every heartbeat (the node lifecycle controller reads it as one);
 * - the leader-election locks of kube-scheduler and kube-controller-manager in kube-system, held by
 *   `<host>_<uuid>` since the component started, 15 s, renewed every 2 s (retryPeriod).
 *
 * Creating one happens at its moment in the catch-up (so AGE is right); renewing is not stepped
 * through: `renew()` brings every renewTime to what it is now once per settle, so a lease renewed
 * every 2 s costs one write per look rather than thirty a minute. uids come from a generator of
 * their own: leases the model adds do not change the names drawn after them.
 */
import type { Random } from '../../core/random';
import { rfc3339Micro } from '../api/time';
import type { KubeObject, Node, Pod } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { parseTime } from './time';
import { uuid } from '../api/names';

export interface Lease extends KubeObject {
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string; leaseTransitions?: number };
}

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const NODE_LEASE_SECONDS = 40;
const LEADER_LEASE_SECONDS = 15;
const LEADER_RENEW_MS = 2_000;
const LEADERS = ['kube-controller-manager', 'kube-scheduler'] as const;

/** The renew time a lease has reached at `now` (undefined: its holder is gone, it is not renewed). */
function renewedAt(lease: Readonly<Lease>, holder: { node?: Readonly<Node>; leader?: Readonly<Pod> }, now: number): number | undefined {
  if (holder.node) {
    const beat = parseTime(holder.node.status?.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
    const last = parseTime(lease.spec.renewTime);
    // The lifecycle controller marking the node Unknown keeps the last heartbeat: so does the lease.
    return Number.isNaN(beat) || beat <= last ? undefined : beat;
  }
  if (holder.leader?.status?.phase !== 'Running') return undefined;
  const acquired = parseTime(lease.spec.acquireTime);
  return acquired + Math.floor((now - acquired) / LEADER_RENEW_MS) * LEADER_RENEW_MS;
}

export class LeaseHolders implements Reconciler {
  readonly name = 'lease-holders';
  /** Nodes and components known to have their lease (a cache: the store is the truth). */
  private readonly held = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly random: Random,
  ) {}

  reconcile(): number {
    let writes = 0;
    for (const node of this.ctx.store.peekList<Node>('Node')) {
      const key = `node/${node.metadata.uid}`;
      if (this.held.has(key)) continue;
      if (!this.ctx.store.peek('Namespace', undefined, NODE_LEASE_NAMESPACE)) break;
      if (!this.ctx.store.peek<Lease>('Lease', NODE_LEASE_NAMESPACE, node.metadata.name)) {
        this.ctx.store.create<Lease>(nodeLease(node, this.ctx.now()), { random: this.random });
        writes++;
      }
      this.held.add(key);
    }
    if (this.held.has('leaders')) return writes;
    // The components run as static pods on the control-plane nodes: `kube-scheduler-<node>`.
    const planes = this.ctx.store.peekList<Node>('Node').filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
    let both = true;
    for (const component of LEADERS) {
      if (this.ctx.store.peek<Lease>('Lease', 'kube-system', component)) continue;
      const pod = planes.map((n) => this.ctx.store.peek<Pod>('Pod', 'kube-system', `${component}-${n.metadata.name}`)).find((p) => p?.status?.phase === 'Running');
      if (!pod) {
        both = false;
        continue;
      }
      const now = this.ctx.now();
      const holder = `${pod.spec.nodeName}_${uuid(this.random)}`;
      this.ctx.store.create<Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: component, namespace: 'kube-system' }, spec: { holderIdentity: holder, leaseDurationSeconds: LEADER_LEASE_SECONDS, acquireTime: rfc3339Micro(now), renewTime: rfc3339Micro(now), leaseTransitions: 0 } }, { random: this.random });
      writes++;
    }
    if (both) this.held.add('leaders');
    return writes;
  }

  /** Every lease's renewTime brought to `now`, as its holder has kept renewing it (once per settle). */
  renew(now: number): void {
    for (const lease of this.ctx.store.peekList<Lease>('Lease')) {
      const ns = lease.metadata.namespace;
      const holder = ns === NODE_LEASE_NAMESPACE
        ? { node: this.ctx.store.peek<Node>('Node', undefined, lease.metadata.name) }
        : ns === 'kube-system' && (LEADERS as readonly string[]).includes(lease.metadata.name) && lease.spec.holderIdentity
          ? { leader: this.ctx.store.peek<Pod>('Pod', 'kube-system', `${lease.metadata.name}-${lease.spec.holderIdentity.split('_')[0]}`) }
          : undefined;
      if (!holder) continue;
      const at = renewedAt(lease, holder, now);
      if (at === undefined || rfc3339Micro(at) === lease.spec.renewTime) continue;
      const next = this.ctx.store.get<Lease>('Lease', ns, lease.metadata.name)!;
      next.spec.renewTime = rfc3339Micro(at);
      this.ctx.store.update(next);
    }
  }
}

function nodeLease(node: Readonly<Node>, now: number): Lease {
  const beat = parseTime(node.status?.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node.metadata.name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' }] },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: NODE_LEASE_SECONDS, renewTime: rfc3339Micro(Number.isNaN(beat) ? now : beat) },
  };
}
