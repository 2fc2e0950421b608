/**
 * kubeadm's read-only answers: `version`, `config print init-defaults` (v1beta4, as 1.31 prints
 * it) and `certs check-expiration` (the two tables, dated from when init wrote the PKI).
 */
import type { Host } from '../../host';
import { tabwrite } from '../kubectl/print/tabwriter';
import { formatDate } from '../../shell/commands/date';
import { STACK_TRACE } from './preflight';
import type { KubeadmResult } from './printer';
import { shortHumanDuration } from '../kubectl/print/age';

export const VERSION_INFO = 'kubeadm version: &version.Info{Major:"1", Minor:"31", GitVersion:"v1.31.4", GitCommit:"a78aa47129b8539636eb86a9d00e31b2720fe06b", GitTreeState:"clean", BuildDate:"2024-12-10T11:42:09Z", GoVersion:"go1.22.9", Compiler:"gc", Platform:"linux/amd64"}\n';

export function version(args: string[]): KubeadmResult {
  const output = args.find((a, i) => a.startsWith('-o') || a.startsWith('--output') || args[i - 1] === '-o');
  if (output?.includes('short') || args.includes('short')) return { stdout: 'v1.31.4\n', stderr: '', exitCode: 0 };
  return { stdout: VERSION_INFO, stderr: '', exitCode: 0 };
}

export const INIT_DEFAULTS = `apiVersion: kubeadm.k8s.io/v1beta4
bootstrapTokens:
- groups:
  - system:bootstrappers:kubeadm:default-node-token
  token: abcdef.0123456789abcdef
  ttl: 24h0m0s
  usages:
  - signing
  - authentication
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 1.2.3.4
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  imagePullSerial: true
  name: node
  taints: null
timeouts:
  controlPlaneComponentHealthCheck: 4m0s
  discovery: 5m0s
  etcdAPICall: 2m0s
  kubeletHealthCheck: 4m0s
  kubernetesAPICall: 1m0s
  tlsBootstrap: 5m0s
  upgradeManifests: 5m0s
---
apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: 1.31.0
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
proxy: {}
scheduler: {}
`;


const DAY = 86_400_000;
const CERTS: [string, string][] = [
  ['admin.conf', 'ca'],
  ['apiserver', 'ca'],
  ['apiserver-etcd-client', 'etcd-ca'],
  ['apiserver-kubelet-client', 'ca'],
  ['controller-manager.conf', 'ca'],
  ['etcd-healthcheck-client', 'etcd-ca'],
  ['etcd-peer', 'etcd-ca'],
  ['etcd-server', 'etcd-ca'],
  ['front-proxy-client', 'front-proxy-ca'],
  ['scheduler.conf', 'ca'],
  ['super-admin.conf', 'ca'],
];

export async function checkExpiration(host: Host, now: number): Promise<KubeadmResult> {
  const fs = host.rootView();
  let issued: number;
  try {
    issued = (await fs.stat('/etc/kubernetes/pki/ca.crt')).mtime.getTime();
  } catch {
    return { stdout: '', stderr: `[check-expiration] Reading configuration from the cluster...\n[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\nerror: failed to load existing certificate ca: couldn't load the certificate file /etc/kubernetes/pki/ca.crt: open /etc/kubernetes/pki/ca.crt: no such file or directory\n${STACK_TRACE}`, exitCode: 1 };
  }
  const date = (ms: number) => formatDate(ms, '%b %d, %Y %H:%M UTC');
  const leaf = issued + 365 * DAY;
  const ca = issued + 3650 * DAY;
  const certs = CERTS.map(([name, authority]) => `${name}\t${date(leaf)}\t${shortHumanDuration(leaf - now)}\t${authority}\t${'no'.padEnd(8)}\n`).join('');
  const authorities = ['ca', 'etcd-ca', 'front-proxy-ca'].map((name) => `${name}\t${date(ca)}\t${shortHumanDuration(ca - now)}\t${'no'.padEnd(8)}\n`).join('');
  const table = tabwrite(`CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED\n${certs}\nCERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED\n${authorities}`, { minwidth: 10, padding: 3 });
  return { stdout: `[check-expiration] Reading configuration from the cluster...\n[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n\n${table}`, stderr: '', exitCode: 0 };
}
