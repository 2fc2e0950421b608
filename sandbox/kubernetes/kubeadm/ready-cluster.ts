/**
 * A cluster as `kubeadm init` on controlplane, flannel applied and `kubeadm join` on the workers
 * would have left it ten minutes ago: the API objects, the nodes with their kubelets, and the
 * files kubeadm writes (kubeconfigs, static pod manifests, the CA), with admin.conf copied to
 * ~/.kube/config. The cluster then catches up to the present, so every pod has started.
 */
import type { Host } from '../../host';
import { createRandom } from '../../core/random';
import { Cluster } from '../cluster';
import { createClusterInfo, DEFAULT_GROUPS, generateToken, INIT_DESCRIPTION, storeToken, TOKEN_TTL_MS } from './bootstrap-tokens';
import { clusterServices, controlPlanePods, coreDns, DEFAULT_SERVICE_CIDR, flannel, kubeProxy, systemNamespaces } from './cluster-objects';
import { kubeconfig, kubeletConfig, manifestOf, PKI, placeholderPem, writeFiles } from './node-files';

const SET_UP_AGO_MS = 10 * 60_000;
export const POD_NETWORK_CIDR = '10.244.0.0/16';

export async function buildReadyCluster(hosts: readonly Host[]): Promise<Cluster> {
  const [controlPlane, ...workers] = hosts;
  const lan = controlPlane.lan!;
  const cluster = Cluster.onLan(lan, controlPlane.kernel.clock, controlPlane.random);
  for (const host of hosts) host.services.start('kubelet');
  lan.cluster = { cluster, apiServerAddress: controlPlane.address };
  cluster.backdate(SET_UP_AGO_MS);
  const identity = { nodeName: controlPlane.hostname, address: controlPlane.address, podNetworkCidr: POD_NETWORK_CIDR, serviceCidr: DEFAULT_SERVICE_CIDR };
  const { store } = cluster;
  for (const namespace of systemNamespaces()) store.create(namespace);
  for (const service of clusterServices(DEFAULT_SERVICE_CIDR)) store.create(service);
  // Their pod CIDRs (10.244.0.0/24, .1, .2) come from kube-controller-manager's node IPAM, in order.
  for (const host of hosts) cluster.addNode({ hostname: host.hostname, address: host.address, controlPlane: host === controlPlane });
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
    ...Object.fromEntries(staticPods.map((pod) => [`/etc/kubernetes/manifests/${pod.metadata.labels!.component}.yaml`, manifestOf(pod)])),
    ...Object.fromEntries(PKI.map((name) => [`/etc/kubernetes/pki/${name}`, placeholderPem(name)])),
    '/var/lib/kubelet/config.yaml': kubeletConfig(),
  });
  for (const worker of workers) {
    await writeFiles(worker, {
      '/etc/kubernetes/kubelet.conf': kubeconfig(server, `system:node:${worker.hostname}`),
      '/etc/kubernetes/pki/ca.crt': placeholderPem('ca.crt'),
      '/var/lib/kubelet/config.yaml': kubeletConfig(),
    });
  }
  cluster.settle();
  // init's 24-hour bootstrap token and cluster-info, made last and with the token from a generator
  // forked off the world's, so the scenario's pods keep the names they had before there was one.
  const token = generateToken(createRandom(controlPlane.random.state() ^ 0x6b756265));
  const [id, secret] = token.split('.');
  storeToken(store, { id, secret, expires: controlPlane.kernel.clock.now() - SET_UP_AGO_MS + TOKEN_TTL_MS, usages: ['authentication', 'signing'], description: INIT_DESCRIPTION, groups: [DEFAULT_GROUPS] });
  createClusterInfo(store, server, placeholderPem('ca.crt'));
  return cluster;
}
