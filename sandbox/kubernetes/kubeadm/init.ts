/**
 * What `kubeadm init` does to the world, phase by phase, without printing: the PKI and kubeconfigs
 * on the control-plane host, the static pod manifests, the cluster itself (the API store, the
 * control plane's node and its mirror pods), the uploaded configuration, the bootstrap token and
 * cluster-info, and the CoreDNS and kube-proxy addons. No CNI: nodes stay NotReady and CoreDNS
 * Pending until the student applies one. The CLI (init-command.ts) runs these in order and prints.
 */
import type { Host } from '../../host';
import type { ConfigMap } from '../api/types';
import { Cluster } from '../cluster';
import { KUBERNETES_VERSION } from '../node/kubelet';
import { caCertHash, createClusterInfo, DEFAULT_GROUPS, generateCaPem, generateToken, INIT_DESCRIPTION, storeToken, TOKEN_TTL_MS } from './bootstrap-tokens';
import { clusterServices, controlPlanePods, coreDns, kubeProxy, serviceAddress, systemNamespaces, type ControlPlaneIdentity } from './cluster-objects';
import { KUBEADM_FLAGS, KUBECONFIG_FILES, KUBECONFIG_USERS, kubeconfig, kubeletConfig, manifestOf, PKI, placeholderPem, writeFiles } from './node-files';

export interface InitConfig {
  nodeName: string;
  /** The address the API server advertises (--apiserver-advertise-address). */
  advertiseAddress: string;
  /** `host:port` every kubeconfig and the join command name (--control-plane-endpoint, else the advertise address). */
  endpoint: string;
  controlPlaneEndpoint?: string;
  podNetworkCidr?: string;
  serviceCidr: string;
  version: string;
}

/** The images init pulls, in `kubeadm config images list` order. */
export function imagesFor(version: string): string[] {
  return ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((n) => `registry.k8s.io/${n}:${version}`).concat(['registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/etcd:3.5.15-0']);
}

function identity(config: InitConfig): ControlPlaneIdentity {
  return { nodeName: config.nodeName, address: config.advertiseAddress, podNetworkCidr: config.podNetworkCidr, serviceCidr: config.serviceCidr };
}

export function serverOf(config: InitConfig): string {
  return `https://${config.endpoint}`;
}

/** [certs]: the CA (drawn from the seed) and every key and certificate signed by it. */
export async function writeCerts(host: Host, caPem: string): Promise<void> {
  await writeFiles(host, Object.fromEntries(PKI.map((name) => [`/etc/kubernetes/pki/${name}`, name === 'ca.crt' ? caPem : placeholderPem(name)])));
}

/** [kubeconfig]: admin, super-admin, kubelet, controller-manager and scheduler. */
export async function writeKubeconfigs(host: Host, config: InitConfig, caPem: string): Promise<void> {
  await writeFiles(host, Object.fromEntries(KUBECONFIG_FILES.map((file) => [`/etc/kubernetes/${file}`, kubeconfig(serverOf(config), KUBECONFIG_USERS[file](config.nodeName), caPem)])));
}

/** [etcd] and [control-plane]: the static pod manifests the kubelet will run. */
export async function writeManifests(host: Host, config: InitConfig): Promise<void> {
  const pods = controlPlanePods(identity(config), '');
  await writeFiles(host, { ...Object.fromEntries(pods.map((pod) => [`/etc/kubernetes/manifests/${pod.metadata.labels!.component}.yaml`, manifestOf(pod)])), '/var/lib/etcd/member/snap/db': '' });
}

/** [kubelet-start]: the kubelet's flags and configuration. */
export async function writeKubeletFiles(host: Host): Promise<void> {
  await writeFiles(host, { '/var/lib/kubelet/kubeadm-flags.env': KUBEADM_FLAGS, '/var/lib/kubelet/config.yaml': kubeletConfig() });
  // "[kubelet-start] Starting the kubelet": configured now, it stays up.
  host.services.start('kubelet');
}

/** A node's pod range: the n-th /24 of the cluster's pod network (none when the cluster has none). */
export function podCidrFor(podNetworkCidr: string, index: number): string;
export function podCidrFor(podNetworkCidr: string | undefined, index: number): string | undefined;
export function podCidrFor(podNetworkCidr: string | undefined, index: number): string | undefined {
  if (!podNetworkCidr) return undefined;
  // Counted from the network's own start: kk's 10.233.64.0/18 gives 10.233.64.0/24, .65.0/24…
  const base = podNetworkCidr.split('/')[0].split('.').reduce((n, octet) => n * 256 + Number(octet), 0) + index * 256;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/24`;
}

/**
 * [wait-control-plane]: the kubelet starts the static pods, the API server comes up and the
 * kubelet registers the node. From here on the cluster is on the LAN, at this host's address.
 */
export function startControlPlane(host: Host, config: InitConfig): Cluster {
  const lan = host.lan!;
  const cluster = Cluster.onLan(lan, host.kernel.clock, host.random);
  host.lan!.cluster = { cluster, apiServerAddress: host.address };
  const { store } = cluster;
  for (const namespace of systemNamespaces()) store.create(namespace);
  for (const service of clusterServices(config.serviceCidr)) store.create(service);
  // Its pod CIDR comes from kube-controller-manager's node IPAM, when init had --pod-network-cidr.
  cluster.addNode({ hostname: config.nodeName, address: host.address, controlPlane: true });
  cluster.settleNow();
  const nodeUid = store.get('Node', undefined, config.nodeName)!.metadata.uid!;
  for (const pod of controlPlanePods(identity(config), nodeUid)) store.create(pod);
  cluster.settleNow();
  return cluster;
}

/** [upload-config]: kubeadm-config (the ClusterConfiguration join reads) and kubelet-config. */
export function uploadConfig(cluster: Cluster, config: InitConfig): void {
  const clusterConfiguration = `apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\ncaCertificateValidityPeriod: 87600h0m0s\ncertificateValidityPeriod: 8760h0m0s\ncertificatesDir: /etc/kubernetes/pki\nclusterName: kubernetes\n${config.controlPlaneEndpoint ? `controlPlaneEndpoint: ${config.endpoint}\n` : ''}controllerManager: {}\ndns: {}\nencryptionAlgorithm: RSA-2048\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: registry.k8s.io\nkind: ClusterConfiguration\nkubernetesVersion: ${config.version}\nnetworking:\n  dnsDomain: cluster.local\n${config.podNetworkCidr ? `  podSubnet: ${config.podNetworkCidr}\n` : ''}  serviceSubnet: ${config.serviceCidr}\nproxy: {}\nscheduler: {}\n`;
  cluster.store.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubeadm-config', namespace: 'kube-system' }, data: { ClusterConfiguration: clusterConfiguration } });
  cluster.store.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: 'kube-system' }, data: { kubelet: kubeletConfig() } });
}

/** The cluster's pod network (the podSubnet uploaded at init), if it has one. */
export function podNetworkOf(cluster: Cluster): string | undefined {
  const text = cluster.store.get<ConfigMap>('ConfigMap', 'kube-system', 'kubeadm-config')?.data?.ClusterConfiguration ?? '';
  return /podSubnet: (\S+)/.exec(text)?.[1];
}

/** [bootstrap-token]: the 24-hour token printed in the join command, and cluster-info. */
export function createBootstrapToken(cluster: Cluster, host: Host, config: InitConfig, caPem: string): { token: string; hash: string } {
  const token = generateToken(host.random);
  const [id, secret] = token.split('.');
  storeToken(cluster.store, { id, secret, expires: host.kernel.clock.now() + TOKEN_TTL_MS, usages: ['authentication', 'signing'], description: INIT_DESCRIPTION, groups: [DEFAULT_GROUPS] });
  createClusterInfo(cluster.store, serverOf(config), caPem);
  return { token, hash: caCertHash(caPem) };
}

/** [addons]: CoreDNS and kube-proxy. */
export function applyAddons(cluster: Cluster): void {
  cluster.store.create(coreDns());
  cluster.store.create(kubeProxy());
  cluster.settle();
}

export { generateCaPem, KUBERNETES_VERSION, serviceAddress };
