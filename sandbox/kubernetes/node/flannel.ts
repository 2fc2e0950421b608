/**
 * flannel's pod on its node, as its DaemonSet's containers act there through their hostPath
 * volumes: the init containers `install-cni-plugin` and `install-cni` copy the plugin binary to
 * /opt/cni/bin/flannel and the ConfigMap's cni-conf.json to /etc/cni/net.d/10-flannel.conflist
 * (what turns the node's runtime NetworkReady); then flanneld, with `--kube-subnet-mgr`, takes its
 * node's `spec.podCIDR` and writes /run/flannel/subnet.env, which the plugin reads for every pod.
 * A node without a pod CIDR (`kubeadm init` without `--pod-network-cidr`) makes flanneld exit:
 * "failed to acquire lease: node … pod cidr not assigned", and the kubelet restarts it with back-off.
 */
import type { Store } from '../api/store-types';
import type { ConfigMap, Container, Node, Pod } from '../api/types';
import type { Lifetime } from './container-program';
import type { ContainerRuntime } from './cri';
import { FLANNEL_SUBNET_ENV } from './cni';

/** The plugin binary's stand-in (the lab runs no binaries). */
const PLUGIN = '#!/bin/sh\n# flannel CNI plugin v1.5.1-flannel2 (modelled: the lab keeps no binaries)\n';
/** flanneld gives up a moment after it starts. */
const CRASH: Lifetime = { ms: 1_100, exitCode: 1 };

export function isFlanneld(container: Container): boolean {
  const program = container.command?.[0];
  return program !== undefined && (program === 'flanneld' || program.endsWith('/flanneld'));
}

/** How long flanneld runs on this node: until stopped, or a second when the node has no pod CIDR. */
export function flanneldLifetime(container: Container, node: Readonly<Node> | undefined): Lifetime | undefined {
  return isFlanneld(container) && !node?.spec.podCIDR ? CRASH : undefined;
}

/** The pod's `cp` init containers, run before its containers start: files onto the host. */
export function runInitContainers(pod: Readonly<Pod>, store: Store, runtime: ContainerRuntime | undefined): void {
  if (!runtime?.writeHostFile) return;
  for (const c of pod.spec.initContainers ?? []) {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    if (argv[0] !== 'cp') continue;
    const [source, target] = argv.slice(1).filter((a) => !a.startsWith('-'));
    const file = sourceFile(pod, store, source);
    if (file && target) runtime.writeHostFile(target, file.text, file.mode);
  }
}

/** What a copy reads: the plugin from its image, or a key of the kube-flannel-cfg volume. */
function sourceFile(pod: Readonly<Pod>, store: Store, path: string | undefined): { text: string; mode: number } | undefined {
  if (path === '/flannel') return { text: PLUGIN, mode: 0o755 };
  const key = /^\/etc\/kube-flannel\/([^/]+)$/.exec(path ?? '')?.[1];
  const text = key ? store.peek<ConfigMap>('ConfigMap', pod.metadata.namespace, 'kube-flannel-cfg')?.data?.[key] : undefined;
  return text === undefined ? undefined : { text, mode: 0o644 };
}

/** flanneld starting on its node: the subnet file, or its log up to the error it exits with. */
export function startFlanneld(pod: Readonly<Pod>, container: Container, node: Readonly<Node> | undefined, store: Store, runtime: ContainerRuntime | undefined, attempt: number, now: number): void {
  if (!runtime || !isFlanneld(container)) return;
  const cidr = node?.spec.podCIDR;
  if (cidr) {
    runtime.writeHostFile?.(FLANNEL_SUBNET_ENV, subnetEnv(networkOf(pod, store), cidr));
    return;
  }
  const name = node?.metadata.name ?? pod.spec.nodeName ?? '';
  runtime.writeLog?.(pod, container.name, attempt, crashLog(name, now), now);
}

/** The cluster network flannel is configured with (net-conf.json's Network). */
function networkOf(pod: Readonly<Pod>, store: Store): string {
  const text = store.peek<ConfigMap>('ConfigMap', pod.metadata.namespace, 'kube-flannel-cfg')?.data?.['net-conf.json'] ?? '';
  return /"Network":\s*"([^"]+)"/.exec(text)?.[1] ?? '10.244.0.0/16';
}

/** /run/flannel/subnet.env: the node's range with the bridge's .1, vxlan's MTU, masquerading on. */
export function subnetEnv(network: string, podCidr: string): string {
  const [base, bits] = podCidr.split('/');
  const first = base.split('.').map(Number);
  first[3] += 1;
  return `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${first.join('.')}/${bits}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`;
}

/** klog's header: `E0302 09:00:01.123456       1 main.go:359] `. */
function klog(level: 'I' | 'W' | 'E', at: number, source: string, message: string): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `${level}${stamp}       1 ${source}] ${message}`;
}

function crashLog(node: string, now: number): string[] {
  const flags = 'CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:true kubeApiUrl: kubeAnnotationPrefix:flannel.alpha.coreos.com kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:true ipMasqRandomFullyDisable:false ifaceCanReach: subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:/etc/kube-flannel/net-conf.json setNodeNetworkUnavailable:true}';
  return [
    klog('I', now + 12, 'main.go:226', flags),
    klog('W', now + 13, 'client_config.go:667', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    klog('I', now + 41, 'kube.go:139', 'Waiting 10m0s for node controller to sync'),
    klog('I', now + 41, 'kube.go:537', 'Starting kube subnet manager'),
    klog('I', now + 1_042, 'kube.go:163', 'Node controller sync successful'),
    klog('I', now + 1_042, 'main.go:252', `Created subnet manager: Kubernetes Subnet Manager - ${node}`),
    klog('I', now + 1_042, 'main.go:255', 'Installing signal handlers'),
    klog('I', now + 1_043, 'main.go:523', 'Found network config - Backend type: vxlan'),
    klog('E', now + 1_043, 'main.go:359', `Error registering network: failed to acquire lease: node "${node}" pod cidr not assigned`),
    klog('I', now + 1_043, 'main.go:503', 'Stopping shutdownHandler...'),
  ];
}
