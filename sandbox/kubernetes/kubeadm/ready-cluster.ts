/**
 * A cluster as `kubeadm init` on controlplane, flannel applied and `kubeadm join` on the workers
 * would have left it ten minutes ago: the API objects, the nodes with their kubelets, and the
 * files kubeadm writes (kubeconfigs, static pod manifests, the CA), with admin.conf copied to
 * ~/.kube/config. The cluster then catches up to the present, so every pod has started.
 */
import type { Host } from '../../host';
import { Cluster } from '../cluster';
import { toGoYaml } from '../kubectl/print/go-yaml';
import { clusterServices, controlPlanePods, coreDns, DEFAULT_SERVICE_CIDR, flannel, kubeProxy, systemNamespaces } from './cluster-objects';

const SET_UP_AGO_MS = 10 * 60_000;
export const POD_NETWORK_CIDR = '10.244.0.0/16';

/** A kubeconfig as kubeadm writes it (certificate data shortened: the lab keeps no real keys). */
export function kubeconfig(server: string, user: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJZG9ja3lhcmQ=
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJZG9ja3lhcmQ=
    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBZG9ja3lhcmQ=
`;
}

const PKI = ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.key'];

async function writeFiles(host: Host, files: Record<string, string>): Promise<void> {
  const fs = host.rootView();
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    await fs.writeFile(path, content);
  }
}

export async function buildReadyCluster(hosts: readonly Host[]): Promise<Cluster> {
  const [controlPlane, ...workers] = hosts;
  const lan = controlPlane.lan!;
  const cluster = new Cluster(controlPlane.kernel.clock, controlPlane.random);
  lan.cluster = { cluster, apiServerAddress: controlPlane.address };
  cluster.backdate(SET_UP_AGO_MS);
  const identity = { nodeName: controlPlane.hostname, address: controlPlane.address, podNetworkCidr: POD_NETWORK_CIDR, serviceCidr: DEFAULT_SERVICE_CIDR };
  const { store } = cluster;
  for (const namespace of systemNamespaces()) store.create(namespace);
  for (const service of clusterServices(DEFAULT_SERVICE_CIDR)) store.create(service);
  hosts.forEach((host, i) => cluster.addNode({ hostname: host.hostname, address: host.address, podCIDR: `10.244.${i}.0/24`, controlPlane: host === controlPlane }));
  // The kubelets register their nodes first; the control plane's mirror pods then name their node as owner.
  cluster.settleNow();
  const nodeUid = store.get('Node', undefined, controlPlane.hostname)!.metadata.uid!;
  const staticPods = controlPlanePods(identity, nodeUid);
  for (const pod of staticPods) store.create(pod);
  store.create(coreDns());
  store.create(kubeProxy());
  for (const object of flannel()) store.create(object);

  const server = `https://${controlPlane.address}:6443`;
  await writeFiles(controlPlane, {
    '/etc/kubernetes/admin.conf': kubeconfig(server, 'kubernetes-admin'),
    '/etc/kubernetes/super-admin.conf': kubeconfig(server, 'kubernetes-super-admin'),
    '/etc/kubernetes/controller-manager.conf': kubeconfig(server, 'system:kube-controller-manager'),
    '/etc/kubernetes/scheduler.conf': kubeconfig(server, 'system:kube-scheduler'),
    '/etc/kubernetes/kubelet.conf': kubeconfig(server, `system:node:${controlPlane.hostname}`),
    '/root/.kube/config': kubeconfig(server, 'kubernetes-admin'),
    ...Object.fromEntries(staticPods.map((pod) => [`/etc/kubernetes/manifests/${pod.metadata.labels!.component}.yaml`, toGoYaml(manifestOf(pod))])),
    ...Object.fromEntries(PKI.map((name) => [`/etc/kubernetes/pki/${name}`, `-----BEGIN ${name.endsWith('.crt') ? 'CERTIFICATE' : name.endsWith('.pub') ? 'PUBLIC KEY' : 'RSA PRIVATE KEY'}-----\n(modelled: the lab keeps no real keys)\n-----END ${name.endsWith('.crt') ? 'CERTIFICATE' : name.endsWith('.pub') ? 'PUBLIC KEY' : 'RSA PRIVATE KEY'}-----\n`])),
    '/var/lib/kubelet/config.yaml': 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nstaticPodPath: /etc/kubernetes/manifests\n',
  });
  for (const worker of workers) {
    await writeFiles(worker, {
      '/etc/kubernetes/kubelet.conf': kubeconfig(server, `system:node:${worker.hostname}`),
      '/etc/kubernetes/pki/ca.crt': '-----BEGIN CERTIFICATE-----\n(modelled: the lab keeps no real keys)\n-----END CERTIFICATE-----\n',
      '/var/lib/kubelet/config.yaml': 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n',
    });
  }
  cluster.settle();
  return cluster;
}

/** The static pod manifest kubeadm wrote for a control-plane component (what its mirror pod mirrors). */
function manifestOf(pod: ReturnType<typeof controlPlanePods>[number]) {
  // The manifest has no owner, mirror annotations, node or tolerations: the API server adds those to the mirror pod.
  const metadata = { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels, creationTimestamp: null };
  const spec = Object.fromEntries(Object.entries(pod.spec).filter(([key]) => key !== 'nodeName' && key !== 'tolerations'));
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status: {} };
}
