/**
 * A node's pod network as the kubelet learns it from containerd: the CRI reports NetworkReady once
 * a CNI configuration is in /etc/cni/net.d (containerd loads it from there, watching the directory),
 * and the kubelet asks for that status every 5 s. Until then its Node is NotReady with "cni plugin
 * not initialized". The model looks once per look at the cluster (the files only change between
 * two, by the student's commands, or within one by the pods' own writes, which count at once).
 * Nothing else decides it: a conflist left behind by an earlier cluster (`kubeadm reset` leaves
 * /etc/cni/net.d alone) makes a new node Ready before any CNI is applied, as on a real host.
 *
 * Setting up a pod's network then needs the plugin itself: flannel's reads /run/flannel/subnet.env,
 * which flanneld writes once it has its node's pod CIDR; without it every sandbox fails.
 */
import type { Host } from '../../host';
import { writeNodeFile } from './host-files';

export const CNI_CONF_DIR = '/etc/cni/net.d';
export const FLANNEL_SUBNET_ENV = '/run/flannel/subnet.env';

export interface CniStatus {
  /** A CNI configuration is loaded: the runtime's NetworkReady. */
  configured: boolean;
  /** The configuration is flannel's. */
  flannel: boolean;
  /** flanneld has written the node's subnet (its plugin can set up sandboxes). */
  flannelSubnet: boolean;
}

/** Runtime-only: the last poll per host, for the current look (see newLook). */
const polls = new WeakMap<Host, { look: number; status: CniStatus }>();
let look = 0;

/** The cluster is looked at again (a settle): the files may have changed since the last one. */
export function newLook(): void {
  look++;
}

/** The network status the kubelet sees on this host now. */
export function cniStatus(host: Host): CniStatus {
  const last = polls.get(host);
  if (last && last.look === look) return last.status;
  const paths = host.rootfs.getAllPaths();
  const configs = paths.filter((p) => p.startsWith(`${CNI_CONF_DIR}/`) && /\.(conf|conflist|json)$/.test(p));
  const status: CniStatus = {
    configured: configs.length > 0,
    flannel: configs.some((p) => p.includes('flannel')),
    flannelSubnet: paths.includes(FLANNEL_SUBNET_ENV),
  };
  polls.set(host, { look, status });
  return status;
}

/** The error a pod's sandbox fails with on this node's network, if it does. */
export function sandboxNetworkError(status: CniStatus): string | undefined {
  if (!status.flannel || status.flannelSubnet) return undefined;
  return `plugin type="flannel" failed (add): failed to load flannel 'subnet.env' file: open ${FLANNEL_SUBNET_ENV}: no such file or directory. Check the flannel pod log for this node.`;
}

/** A file a pod writes onto its host through a hostPath volume (flannel's /etc/cni/net.d, /run/flannel). */
export function writeHostFile(host: Host, path: string, content: string, mode = 0o644): void {
  writeNodeFile(host, path, content, mode);
  // containerd watches /etc/cni/net.d: what a pod just wrote there counts at once.
  polls.delete(host);
}
