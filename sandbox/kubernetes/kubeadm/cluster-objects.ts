/**
 * The objects `kubeadm init` leaves in a new cluster (v1.31 defaults): the control plane's static
 * pods as their mirror pods on the control-plane node, the namespaces, the `kubernetes` and
 * `kube-dns` Services, CoreDNS as a Deployment and kube-proxy as a DaemonSet; and flannel's
 * DaemonSet, which applying its manifest adds. Plain data: kubeadm and the ready-cluster scenario
 * both create them through the store.
 */
import type { ConfigMap, Container, DaemonSet, Deployment, KubeObject, Namespace, Pod, Service, ServiceAccount, Toleration } from '../api/types';
import { KUBERNETES_VERSION } from '../node/kubelet';

export interface ControlPlaneIdentity {
  nodeName: string;
  address: string;
  /** --pod-network-cidr: without it kube-controller-manager allocates no node CIDRs. */
  podNetworkCidr?: string;
  serviceCidr: string;
}

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

const SYSTEM_CRITICAL: Toleration[] = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }];

function staticPod(component: string, nodeName: string, nodeUid: string, container: Container, extraLabels: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${nodeName}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane', ...extraLabels },
      annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'mirror' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid, controller: true }],
    },
    spec: { containers: [container], hostNetwork: true, nodeName, priorityClassName: 'system-node-critical', priority: 2000001000, tolerations: [{ operator: 'Exists', effect: 'NoExecute' }], restartPolicy: 'Always' },
    status: { phase: 'Pending' },
  };
}

/** kube-apiserver, kube-controller-manager, kube-scheduler and etcd, as kubeadm writes their manifests. */
export function controlPlanePods(cp: ControlPlaneIdentity, nodeUid: string): Pod[] {
  const image = (name: string) => `registry.k8s.io/${name}:${KUBERNETES_VERSION}`;
  return [
    staticPod('etcd', cp.nodeName, nodeUid, {
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.15-0',
      command: ['etcd', `--advertise-client-urls=https://${cp.address}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s', `--initial-advertise-peer-urls=https://${cp.address}:2380`, `--initial-cluster=${cp.nodeName}=https://${cp.address}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${cp.address}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${cp.address}:2380`, `--name=${cp.nodeName}`, '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
    }),
    staticPod('kube-apiserver', cp.nodeName, nodeUid, {
      name: 'kube-apiserver',
      image: image('kube-apiserver'),
      // kubeadm 1.31's flags, in its (alphabetical) order: the etcd client certificate is how the API server reaches etcd.
      command: ['kube-apiserver', `--advertise-address=${cp.address}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt', '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key', '--requestheader-allowed-names=front-proxy-client', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group', '--requestheader-username-headers=X-Remote-User', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${cp.serviceCidr}`, '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
      resources: { requests: { cpu: '250m' } },
    }),
    staticPod('kube-controller-manager', cp.nodeName, nodeUid, {
      name: 'kube-controller-manager',
      image: image('kube-controller-manager'),
      command: ['kube-controller-manager', ...(cp.podNetworkCidr ? ['--allocate-node-cidrs=true'] : []), '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt', ...(cp.podNetworkCidr ? [`--cluster-cidr=${cp.podNetworkCidr}`] : []), '--cluster-name=kubernetes', '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key', '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--root-ca-file=/etc/kubernetes/pki/ca.crt', '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${cp.serviceCidr}`, '--use-service-account-credentials=true'],
      resources: { requests: { cpu: '200m' } },
    }),
    staticPod('kube-scheduler', cp.nodeName, nodeUid, {
      name: 'kube-scheduler',
      image: image('kube-scheduler'),
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      resources: { requests: { cpu: '100m' } },
    }),
  ];
}

export function systemNamespaces(): Namespace[] {
  return ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }));
}

/** The first address of the service range: the `kubernetes` Service; the tenth: kube-dns. */
export function serviceAddress(serviceCidr: string, host: number): string {
  const [a, b, c] = serviceCidr.split('/')[0].split('.');
  return `${a}.${b}.${c}.${host}`;
}

export function clusterServices(serviceCidr: string): Service[] {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { type: 'ClusterIP', clusterIP: serviceAddress(serviceCidr, 1), clusterIPs: [serviceAddress(serviceCidr, 1)], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } },
      spec: { type: 'ClusterIP', selector: { 'k8s-app': 'kube-dns' }, clusterIP: serviceAddress(serviceCidr, 10), clusterIPs: [serviceAddress(serviceCidr, 10)], ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }], sessionAffinity: 'None' },
    },
  ];
}

export function coreDns(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'], ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }], resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } } }],
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          dnsPolicy: 'Default',
          tolerations: [...SYSTEM_CRITICAL, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  };
}

export function kubeProxy(): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  };
}

/** The network flannel gives pods (its net-conf.json), which must match kubeadm's --pod-network-cidr. */
const FLANNEL_NET_CONF = '{\n  "Network": "10.244.0.0/16",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n';
const FLANNEL_CNI_CONF = '{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n';

/**
 * What flannel's kube-flannel.yml (v0.26) holds, in its order: the namespace, the RBAC that lets
 * flanneld read nodes, its ServiceAccount, the ConfigMap with the CNI and network config, and the
 * DaemonSet. The RBAC objects are kept as data: the lab does not enforce authorization.
 */
export function flannel(): [Namespace, KubeObject, KubeObject, ServiceAccount, ConfigMap, DaemonSet] {
  const labels = { 'k8s-app': 'flannel' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-flannel', labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged', 'kubernetes.io/metadata.name': 'kube-flannel' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'flannel', labels }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] }] } as KubeObject,
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'flannel', labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flannel' }, subjects: [{ kind: 'ServiceAccount', name: 'flannel', namespace: 'kube-flannel' }] } as KubeObject,
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: 'kube-flannel', labels } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel', labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } }, data: { 'cni-conf.json': FLANNEL_CNI_CONF, 'net-conf.json': FLANNEL_NET_CONF } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-flannel-ds', namespace: 'kube-flannel', labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
      spec: {
        selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
        template: {
          metadata: { labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
          spec: {
            containers: [{ name: 'kube-flannel', image: 'docker.io/flannel/flannel:v0.26.1', command: ['/opt/bin/flanneld'], args: ['--ip-masq', '--kube-subnet-mgr'], resources: { requests: { cpu: '100m', memory: '50Mi' } } }],
            initContainers: [
              { name: 'install-cni-plugin', image: 'docker.io/flannel/flannel-cni-plugin:v1.5.1-flannel2', command: ['cp'], args: ['-f', '/flannel', '/opt/cni/bin/flannel'] },
              { name: 'install-cni', image: 'docker.io/flannel/flannel:v0.26.1', command: ['cp'], args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'] },
            ],
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'flannel',
            tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
          },
        },
      },
    },
  ];
}
