/**
 * The files kubeadm leaves on a host: kubeconfigs, the PKI, static pod manifests and the kubelet's
 * configuration. Shared by `kubeadm init`/`join`/`reset` and the ready-cluster scenario.
 */
import type { Host } from '../../host';
import { toGoYaml } from '../kubectl/print/go-yaml';
import type { Pod } from '../api/types';
import { base64 } from '../../core/sha1';

const CA_DATA_PLACEHOLDER = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJZG9ja3lhcmQ=';

/**
 * A kubeconfig as kubeadm writes it (client key data shortened: the lab keeps no real keys).
 * With `caPem`, the CA is the cluster's own, as `kubeadm join` checks it.
 */
export function kubeconfig(server: string, user: string, caPem?: string): string {
  const caData = caPem ? base64(new TextEncoder().encode(caPem)) : CA_DATA_PLACEHOLDER;
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${caData}
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

/** The PKI kubeadm init generates under /etc/kubernetes/pki (etcd's in its own folder). */
export const PKI = ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'etcd/ca.crt', 'etcd/ca.key', 'etcd/server.crt', 'etcd/server.key', 'etcd/peer.crt', 'etcd/peer.key', 'etcd/healthcheck-client.crt', 'etcd/healthcheck-client.key', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'sa.key', 'sa.pub'];

/** A key or certificate file whose content the lab does not model. */
export function placeholderPem(name: string): string {
  const kind = name.endsWith('.crt') ? 'CERTIFICATE' : name.endsWith('.pub') ? 'PUBLIC KEY' : 'RSA PRIVATE KEY';
  return `-----BEGIN ${kind}-----\n(modelled: the lab keeps no real keys)\n-----END ${kind}-----\n`;
}

export const KUBECONFIG_FILES = ['admin.conf', 'super-admin.conf', 'kubelet.conf', 'controller-manager.conf', 'scheduler.conf'] as const;

export const KUBECONFIG_USERS: Record<(typeof KUBECONFIG_FILES)[number], (node: string) => string> = {
  'admin.conf': () => 'kubernetes-admin',
  'super-admin.conf': () => 'kubernetes-super-admin',
  'kubelet.conf': (node) => `system:node:${node}`,
  'controller-manager.conf': () => 'system:kube-controller-manager',
  'scheduler.conf': () => 'system:kube-scheduler',
};

/** The kubelet's config from the cluster's kubelet-config ConfigMap: the same on every node, static pod path included. */
export function kubeletConfig(): string {
  return 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nstaticPodPath: /etc/kubernetes/manifests\n';
}

export const KUBEADM_FLAGS = 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

export async function writeFiles(host: Host, files: Record<string, string>): Promise<void> {
  const fs = host.rootView();
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    await fs.writeFile(path, content);
  }
}

export async function exists(host: Host, path: string): Promise<boolean> {
  return host.rootView().exists(path);
}

/** Whether a directory has anything in it (a missing one is empty). */
export async function nonEmpty(host: Host, path: string): Promise<boolean> {
  try {
    return (await host.rootView().readdir(path)).length > 0;
  } catch {
    return false;
  }
}

/** Removes a path and everything under it, if it is there. */
export async function removeAll(host: Host, path: string): Promise<void> {
  const fs = host.rootView();
  if (await fs.exists(path)) await fs.rm(path, { recursive: true, force: true });
}

/** The static pod manifest kubeadm wrote for a control-plane component (what its mirror pod mirrors). */
export function manifestOf(pod: Pod): string {
  // The manifest has no owner, mirror annotations, node or tolerations: the API server adds those to the mirror pod.
  const metadata = { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels, creationTimestamp: null };
  const spec = Object.fromEntries(Object.entries(pod.spec).filter(([key]) => key !== 'nodeName' && key !== 'tolerations'));
  return toGoYaml({ apiVersion: 'v1', kind: 'Pod', metadata, spec, status: {} });
}
