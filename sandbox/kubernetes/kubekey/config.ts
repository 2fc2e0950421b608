/**
 * KubeKey's cluster configuration (kubekey.kubesphere.io/v1alpha2 Cluster): the sample that
 * `kk create config` writes (cmd/kk/pkg/config/templates/cluster.go, rendered as v3.1 renders it,
 * blank first line included), and the reading `kk create cluster -f` does of the fields this
 * sandbox acts on, with KubeKey's own checks of the roleGroups (apis/kubekey/v1alpha2).
 */
import { parse } from 'yaml';

export const KUBEKEY_VERSION = 'v3.1.7';
/** kk's default when --with-kubernetes is not given. */
export const DEFAULT_KUBE_VERSION = 'v1.23.17';

export function sampleConfig(kubeVersion: string): string {
  return `
apiVersion: kubekey.kubesphere.io/v1alpha2
kind: Cluster
metadata:
  name: sample
spec:
  hosts:
  - {name: node1, address: 172.16.0.2, internalAddress: 172.16.0.2, user: ubuntu, password: "Qcloud@123"}
  - {name: node2, address: 172.16.0.3, internalAddress: 172.16.0.3, user: ubuntu, password: "Qcloud@123"}
  roleGroups:
    etcd:
    - node1
    control-plane: 
    - node1
    worker:
    - node1
    - node2
  controlPlaneEndpoint:
    ## Internal loadbalancer for apiservers 
    # internalLoadbalancer: haproxy

    domain: lb.kubesphere.local
    address: ""
    port: 6443
  kubernetes:
    version: ${kubeVersion}
    clusterName: cluster.local
    autoRenewCerts: true
    containerManager: containerd
  etcd:
    type: kubekey
  network:
    plugin: calico
    kubePodsCIDR: 10.233.64.0/18
    kubeServiceCIDR: 10.233.0.0/18
    ## multus support. https://github.com/k8snetworkplumbingwg/multus-cni
    multusCNI:
      enabled: false
  storage:
    openebs:
      basePath: /var/openebs
  registry:
    privateRegistry: ""
    namespaceOverride: ""
    registryMirrors: []
    insecureRegistries: []
  addons: []


`;
}

export interface KkHost {
  name: string;
  address: string;
  internalAddress: string;
}

export interface KkCluster {
  name: string;
  hosts: KkHost[];
  etcd: KkHost[];
  controlPlane: KkHost[];
  worker: KkHost[];
  /** `lb.kubesphere.local:6443`: the name every kubeconfig uses, pointed at the first control plane in /etc/hosts. */
  endpoint: { domain: string; address: string; port: number };
  version: string;
  plugin: string;
  podCidr: string;
  serviceCidr: string;
}

type Tree = Record<string, unknown>;
const tree = (value: unknown): Tree => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Tree) : {});
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : fallback);

/** The Cluster in `yamlText`, or the error kk stops with. */
export function readClusterConfig(yamlText: string): KkCluster | { error: string } {
  let doc: Tree;
  try {
    doc = tree(parse(yamlText));
  } catch (error) {
    return { error: `Failed to unmarshal the configuration file: ${(error as Error).message.split('\n')[0]}` };
  }
  if (doc.kind !== 'Cluster') return { error: 'Failed to download cluster config: the kind of the configuration file must be Cluster' };
  const spec = tree(doc.spec);
  const hosts: KkHost[] = (Array.isArray(spec.hosts) ? spec.hosts : []).map((h) => {
    const host = tree(h);
    const address = text(host.address);
    return { name: text(host.name), address, internalAddress: text(host.internalAddress, address) };
  });
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const roleGroups = tree(spec.roleGroups);
  const groups: Record<string, KkHost[]> = {};
  for (const [role, names] of Object.entries(roleGroups)) {
    groups[role] = [];
    for (const name of Array.isArray(names) ? names.map((n) => text(n)) : []) {
      const host = byName.get(name);
      if (!host) return { error: `[${name}] is in [${role}] group, but not in hosts list` };
      groups[role].push(host);
    }
  }
  const controlPlane = [...(groups['control-plane'] ?? []), ...(groups.master ?? [])];
  if (controlPlane.length === 0) return { error: 'The number of master/control-plane cannot be 0' };
  const etcdType = text(tree(spec.etcd).type, 'kubekey');
  if ((groups.etcd ?? []).length === 0 && etcdType === 'kubekey') return { error: 'The number of etcd cannot be 0' };
  const endpoint = tree(spec.controlPlaneEndpoint);
  const kubernetes = tree(spec.kubernetes);
  const network = tree(spec.network);
  return {
    name: text(tree(doc.metadata).name, 'sample'),
    hosts,
    etcd: groups.etcd ?? [],
    controlPlane,
    worker: groups.worker ?? [],
    endpoint: { domain: text(endpoint.domain, 'lb.kubesphere.local'), address: text(endpoint.address), port: Number(text(endpoint.port, '6443')) || 6443 },
    version: text(kubernetes.version, DEFAULT_KUBE_VERSION),
    plugin: text(network.plugin, 'calico'),
    podCidr: text(network.kubePodsCIDR, '10.233.64.0/18'),
    serviceCidr: text(network.kubeServiceCIDR, '10.233.0.0/18'),
  };
}
