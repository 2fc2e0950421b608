/**
 * The node IPAM controller's range allocator (pkg/controller/nodeipam): with kube-controller-manager
 * started `--allocate-node-cidrs=true --cluster-cidr=10.244.0.0/16` (kubeadm adds both only when
 * init had `--pod-network-cidr`), every Node without a `spec.podCIDR` gets the first free /24 of the
 * cluster CIDR (`--node-cidr-mask-size`, 24 by default for IPv4). Without those flags nothing is
 * allocated, and a CNI that needs a node's range (flannel's kube subnet manager) cannot start.
 *
 * The flags are read from kube-controller-manager's mirror pod, as the process got them from its
 * static pod manifest. A cluster without one (the model's own tests) allocates nothing here.
 */
import type { Node, Pod } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { byCreation, updateIfChanged } from './objects';

const DEFAULT_MASK = 24;

/** What the controller-manager was started with, if it allocates node CIDRs. */
export function clusterCidrOf(pods: readonly Readonly<Pod>[]): { cidr: string; mask: number } | undefined {
  const manager = pods.find((p) => p.metadata.labels?.component === 'kube-controller-manager');
  const args = manager?.spec.containers[0]?.command ?? [];
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (flag('allocate-node-cidrs') !== 'true') return undefined;
  const cidr = flag('cluster-cidr');
  if (!cidr || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) return undefined;
  const mask = Number(flag('node-cidr-mask-size') ?? DEFAULT_MASK);
  return { cidr, mask: Number.isInteger(mask) && mask >= Number(cidr.split('/')[1]) && mask <= 30 ? mask : DEFAULT_MASK };
}

const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** The `index`-th subnet of size /`mask` in `cidr`, or undefined past its end. */
export function subnetAt(cidr: string, mask: number, index: number): string | undefined {
  const [base, bits] = cidr.split('/');
  const count = 2 ** (mask - Number(bits));
  if (index >= count) return undefined;
  const start = toNumber(base) - (toNumber(base) % 2 ** (32 - Number(bits)));
  return `${toIp(start + index * 2 ** (32 - mask))}/${mask}`;
}

export class NodeIpamController implements Reconciler {
  readonly name = 'node-ipam-controller';
  /** Whether a node may be waiting for a range (its informer's queue, as a flag). */
  private pending = true;

  constructor(private readonly ctx: ControllerContext) {
    ctx.store.watch('Node', undefined, (event) => {
      if (event.type !== 'DELETED' && !(event.object as Node).spec?.podCIDR) this.pending = true;
    });
    ctx.store.watch('Pod', 'kube-system', (event) => {
      if (event.type === 'ADDED' && event.object.metadata.labels?.component === 'kube-controller-manager') this.pending = true;
    });
  }

  reconcile(): number {
    if (!this.pending) return 0;
    this.pending = false;
    const nodes = this.ctx.store.peekList<Node>('Node');
    const waiting = nodes.filter((n) => !n.spec.podCIDR);
    if (waiting.length === 0) return 0;
    // kube-controller-manager runs as a static pod on a control-plane node: `kube-controller-manager-<node>`.
    const managers = nodes.map((n) => this.ctx.store.peek<Pod>('Pod', 'kube-system', `kube-controller-manager-${n.metadata.name}`)).filter((p): p is Readonly<Pod> => !!p);
    const config = clusterCidrOf(managers);
    if (!config) return 0;
    const used = new Set(nodes.map((n) => n.spec.podCIDR).filter(Boolean));
    let writes = 0;
    let index = 0;
    for (const node of [...waiting].sort(byCreation)) {
      let cidr = subnetAt(config.cidr, config.mask, index);
      while (cidr && used.has(cidr)) cidr = subnetAt(config.cidr, config.mask, ++index);
      if (!cidr) break;
      used.add(cidr);
      const updated = updateIfChanged(this.ctx.store, node as Node, (copy) => {
        copy.spec.podCIDR = cidr;
        copy.spec.podCIDRs = [cidr!];
      });
      if (updated) writes++;
    }
    return writes;
  }
}
