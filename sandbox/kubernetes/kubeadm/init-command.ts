/**
 * `kubeadm init` as v1.31.4 prints it: preflight, then each phase's lines as the phase runs (the
 * engine in init.ts does the work), ending with the success text and the join command.
 */
import type { Host } from '../../host';
import { KUBERNETES_VERSION } from '../node/kubelet';
import { DEFAULT_SERVICE_CIDR } from './cluster-objects';
import { applyAddons, createBootstrapToken, generateCaPem, imagesFor, serviceAddress, startControlPlane, uploadConfig, writeCerts, writeKubeconfigs, writeKubeletFiles, writeManifests, type InitConfig } from './init';
import { applyIgnored, DEFAULT_MACHINE, formatFindings, initChecks, rootCheck, STACK_TRACE, type MachineSpec } from './preflight';
import { INIT_KUBELET_FAILURE, kubeletCheck } from './kubelet-check';
import { goDuration, type KubeadmResult, type Printer } from './printer';

export interface InitFlags {
  podNetworkCidr?: string;
  serviceCidr?: string;
  advertiseAddress?: string;
  kubernetesVersion?: string;
  controlPlaneEndpoint?: string;
  ignored: Set<string>;
  /** `kubeadm init phase preflight`: the checks and the image pulls, nothing more. */
  preflightOnly?: boolean;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/** `stable`, `stable-1.31`, `latest`… resolve to the release the lab ships; a version is checked. */
function resolveVersion(requested: string | undefined): { version: string } | { error: string } {
  if (!requested || /^(stable|latest)(-1(\.\d+)?)?$/.test(requested)) return { version: KUBERNETES_VERSION };
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(requested);
  if (!match) return { error: `unable to parse string "${requested}": could not parse "${requested}" as version` };
  const version = `v${match[1]}.${match[2]}.${match[3]}`;
  if (Number(match[1]) !== 1 || Number(match[2]) < 30) return { error: `this version of kubeadm only supports deploying clusters with the control plane version >= 1.30.0. Current version: ${version}` };
  return { version };
}

export function initConfig(host: Host, flags: InitFlags): InitConfig | { error: string } {
  const advertise = flags.advertiseAddress ?? host.address;
  if (!IPV4.test(advertise)) return { error: `couldn't use "${advertise}" as "apiserver-advertise-address", must be ipv4 or ipv6 address` };
  for (const [name, value] of [['pod-network-cidr', flags.podNetworkCidr], ['service-cidr', flags.serviceCidr]] as const) {
    if (value !== undefined && !CIDR.test(value)) return { error: `${name === 'pod-network-cidr' ? 'networking.podSubnet' : 'networking.serviceSubnet'}: Invalid value: "${value}": couldn't parse subnet` };
  }
  const version = resolveVersion(flags.kubernetesVersion);
  if ('error' in version) return version;
  const endpoint = flags.controlPlaneEndpoint ? (flags.controlPlaneEndpoint.includes(':') ? flags.controlPlaneEndpoint : `${flags.controlPlaneEndpoint}:6443`) : `${advertise}:6443`;
  return { nodeName: host.hostname, advertiseAddress: advertise, endpoint, controlPlaneEndpoint: flags.controlPlaneEndpoint, podNetworkCidr: flags.podNetworkCidr, serviceCidr: flags.serviceCidr ?? DEFAULT_SERVICE_CIDR, version: version.version };
}

function certLines(config: InitConfig, address: string): string[] {
  const names = [config.nodeName, ...(config.controlPlaneEndpoint && !IPV4.test(config.endpoint.split(':')[0]) ? [config.endpoint.split(':')[0]] : [])].sort();
  const apiNames = [...names, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'].sort();
  const generated = (name: string) => `[certs] Generating "${name}" certificate and key`;
  return [
    '[certs] Using certificateDir folder "/etc/kubernetes/pki"',
    generated('ca'),
    generated('apiserver'),
    `[certs] apiserver serving cert is signed for DNS names [${apiNames.join(' ')}] and IPs [${serviceAddress(config.serviceCidr, 1)} ${address}]`,
    generated('apiserver-kubelet-client'),
    generated('front-proxy-ca'),
    generated('front-proxy-client'),
    generated('etcd/ca'),
    generated('etcd/server'),
    `[certs] etcd/server serving cert is signed for DNS names [${config.nodeName} localhost] and IPs [${address} 127.0.0.1 ::1]`,
    generated('etcd/peer'),
    `[certs] etcd/peer serving cert is signed for DNS names [${config.nodeName} localhost] and IPs [${address} 127.0.0.1 ::1]`,
    generated('etcd/healthcheck-client'),
    generated('apiserver-etcd-client'),
    '[certs] Generating "sa" key and public key',
  ];
}

/** The worker join command as init prints it (kubeadm's template keeps the trailing space). */
export function joinCommand(endpoint: string, token: string, hash: string): string {
  return `kubeadm join ${endpoint} --token ${token} \\\n\t--discovery-token-ca-cert-hash ${hash} `;
}

function successText(config: InitConfig, token: string, hash: string): string {
  const controlPlaneJoin = config.controlPlaneEndpoint
    ? `You can now join any number of control-plane nodes by copying certificate authorities\nand service account keys on each node and then running the following as root:\n\n  kubeadm join ${config.endpoint} --token ${token} \\\n\t--discovery-token-ca-cert-hash ${hash} \\\n\t--control-plane \n\n`
    : '';
  return `
Your Kubernetes control-plane has initialized successfully!

To start using your cluster, you need to run the following as a regular user:

  mkdir -p $HOME/.kube
  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config
  sudo chown $(id -u):$(id -g) $HOME/.kube/config

Alternatively, if you are the root user, you can run:

  export KUBECONFIG=/etc/kubernetes/admin.conf

You should now deploy a pod network to the cluster.
Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:
  https://kubernetes.io/docs/concepts/cluster-administration/addons/

${controlPlaneJoin}Then you can join any number of worker nodes by running the following on each as root:

${joinCommand(config.endpoint, token, hash)}
`;
}

export async function runInit(host: Host, uid: number, flags: InitFlags, print: Printer, machine: MachineSpec = DEFAULT_MACHINE): Promise<KubeadmResult> {
  const config = initConfig(host, flags);
  if ('error' in config) return print.fail(`${config.error}\n${STACK_TRACE}`);
  const line = (...lines: string[]) => print.out(lines.map((l) => `${l}\n`).join(''));
  if (!flags.preflightOnly) line(`[init] Using Kubernetes version: ${config.version}`);
  line('[preflight] Running pre-flight checks');
  const root = formatFindings(applyIgnored(rootCheck(uid), flags.ignored));
  if (root.failure) return print.fail(root.failure);
  print.err(root.warnings);
  await print.pause(200);
  const checks = formatFindings(applyIgnored(await initChecks(host, machine, imagesFor(config.version)), flags.ignored));
  print.err(checks.warnings);
  if (checks.failure) return print.fail(checks.failure);
  line('[preflight] Pulling images required for setting up a Kubernetes cluster', '[preflight] This might take a minute or two, depending on the speed of your internet connection', "[preflight] You can also perform this action beforehand using 'kubeadm config images pull'");
  await print.pause(200);
  // containerd 1.7's default sandbox image is older than the one kubeadm 1.31 expects.
  print.klog('W', 'checks.go:846', 'detected that the sandbox image "registry.k8s.io/pause:3.8" of the container runtime is inconsistent with that used by kubeadm.It is recommended to use "registry.k8s.io/pause:3.10" as the CRI sandbox image.');
  await print.pause(8_000);
  if (print.aborted) return print.done(130);
  if (flags.preflightOnly) return print.done(0);

  const caPem = generateCaPem(host.random);
  for (const text of certLines(config, config.advertiseAddress)) {
    line(text);
    await print.pause(60);
  }
  await writeCerts(host, caPem);
  line('[kubeconfig] Using kubeconfig folder "/etc/kubernetes"', ...['admin.conf', 'super-admin.conf', 'kubelet.conf', 'controller-manager.conf', 'scheduler.conf'].map((f) => `[kubeconfig] Writing "${f}" kubeconfig file`));
  await writeKubeconfigs(host, config, caPem);
  await writeManifests(host, config);
  line(
    '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"',
    '[control-plane] Using manifest folder "/etc/kubernetes/manifests"',
    ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `[control-plane] Creating static Pod manifest for "${c}"`),
  );
  await writeKubeletFiles(host);
  line('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"', '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"', '[kubelet-start] Starting the kubelet');
  await print.pause(300);
  line('[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"');
  if (!(await kubeletCheck(host, print))) {
    // The kubelet refused to start (swap on): no static pods, no API server, no cluster.
    print.out(INIT_KUBELET_FAILURE);
    return print.fail(`error execution phase wait-control-plane: could not initialize a Kubernetes cluster\n${STACK_TRACE}`);
  }
  line('[api-check] Waiting for a healthy API server. This can take up to 4m0s');
  const apiWait = 4_000_000_000 + host.random.int(2_500_000_000);
  await print.pause(Math.round(apiWait / 1e6));
  const cluster = startControlPlane(host, config);
  line(`[api-check] The API server is healthy after ${goDuration(apiWait)}`);
  uploadConfig(cluster, config);
  line('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace', '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster', '[upload-certs] Skipping phase. Please see --upload-certs');
  line(
    `[mark-control-plane] Marking the node ${config.nodeName} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]`,
    `[mark-control-plane] Marking the node ${config.nodeName} as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]`,
  );
  await print.pause(300);
  const { token, hash } = createBootstrapToken(cluster, host, config, caPem);
  line(
    `[bootstrap-token] Using token: ${token}`,
    '[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles',
    '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes',
    '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials',
    '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token',
    '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster',
    '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace',
    '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key',
  );
  await print.pause(500);
  applyAddons(cluster);
  line('[addons] Applied essential addon: CoreDNS', '[addons] Applied essential addon: kube-proxy');
  print.out(successText(config, token, hash));
  return print.done(0);
}
