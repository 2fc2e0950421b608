/**
 * `kubeadm join` (v1.31), engine and output: preflight, then token discovery as
 * cmd/kubeadm/app/discovery/token does it (cluster-info fetched until it carries a JWS signature
 * for the token's ID, the signature checked against the token's secret, the CA's hash checked
 * against the pinned one), then the node's files and its kubelet, which registers the Node on the
 * cluster's next settle. A failed discovery joins nothing.
 */
import type { Host } from '../../host';
import { caCertHash, jwsSignature, readClusterInfo, TOKEN_PATTERN } from './bootstrap-tokens';
import { KUBEADM_FLAGS, kubeconfig, kubeletConfig, writeFiles } from './node-files';
import { applyIgnored, formatFindings, joinChecks, rootCheck, STACK_TRACE } from './preflight';
import { HEALTHZ_ERROR, JOIN_KUBELET_FAILURE, kubeletCheck } from './kubelet-check';
import type { KubeadmResult, Printer } from './printer';

export interface JoinFlags {
  endpoint?: string;
  token?: string;
  hashes: string[];
  unsafeSkipCaVerification: boolean;
  ignored: Set<string>;
}

/** Discovery gives up after `timeouts.discovery` (5m0s by default). */
export const DISCOVERY_TIMEOUT_MS = 5 * 60_000;

type Discovery = { ok: true } | { ok: false; error: string; waited?: boolean };

/** Which API server `endpoint` reaches, if any: the cluster's address, by IP or by a LAN name. */
function reaches(host: Host, endpoint: string): boolean {
  const lan = host.lan;
  const [name, port = '6443'] = endpoint.split(':');
  if (!lan?.cluster || port !== '6443') return false;
  const target = lan.find(name)?.address ?? name;
  return target === lan.cluster.apiServerAddress;
}

/** Token discovery: what the node learns about (and how far it trusts) the API server. */
export function discover(host: Host, flags: Required<Pick<JoinFlags, 'endpoint' | 'token'>> & JoinFlags): Discovery {
  const lan = host.lan;
  const id = flags.token.split('.')[0];
  if (!reaches(host, flags.endpoint)) {
    const address = host.lan?.find(flags.endpoint.split(':')[0])?.address ?? flags.endpoint.split(':')[0];
    const known = lan?.all().some((h) => h.address === address);
    const url = `https://${flags.endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s`;
    return { ok: false, waited: true, error: `failed to request the cluster-info ConfigMap: Get "${url}": dial tcp ${address}:${flags.endpoint.split(':')[1] ?? '6443'}: connect: ${known ? 'connection refused' : 'no route to host'}` };
  }
  const cluster = lan!.cluster!.cluster;
  cluster.settle();
  const info = readClusterInfo(cluster.store, host.kernel.clock.now());
  if (!info) return { ok: false, waited: true, error: 'failed to request the cluster-info ConfigMap: configmaps "cluster-info" not found' };
  const signature = info.signatures.get(id);
  if (!signature) return { ok: false, waited: true, error: `could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"` };
  for (const hash of flags.hashes) {
    const [format, value = ''] = hash.split(':');
    if (hash.split(':').length !== 2) return { ok: false, error: `invalid discovery token CA certificate hash: invalid hash, expected "format:hex-value". Known format(s) are: sha256` };
    if (format.toLowerCase() !== 'sha256') return { ok: false, error: `invalid discovery token CA certificate hash: unknown hash format "${format}". Known format(s) are: sha256` };
    if (value.length !== 64) return { ok: false, error: `invalid discovery token CA certificate hash: invalid hash "${hash}", expected a 32 byte SHA-256 hash, found ${Math.floor(value.length / 2)} bytes` };
    if (!/^[0-9a-fA-F]+$/.test(value)) return { ok: false, error: `invalid discovery token CA certificate hash: invalid hash "${hash}", could not decode SHA-256 from hex: encoding/hex: invalid byte: U+0067 'g'` };
  }
  // The signature was made with the token's real secret: a different secret cannot reproduce it.
  if (signature !== jwsSignature(info.kubeconfig, id, flags.token.split('.')[1])) return { ok: false, error: "failed to verify JWS signature of received cluster info object, can't trust this API Server" };
  if (flags.hashes.length > 0) {
    const actual = caCertHash(info.caPem);
    if (!flags.hashes.some((h) => h.toLowerCase() === actual)) return { ok: false, error: `cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${actual}" are pinned` };
  }
  return { ok: true };
}

/** The node's side of a successful join: its kubeconfig, the CA, the kubelet's files, its kubelet. */
export async function joinNode(host: Host, endpoint: string): Promise<boolean> {
  const lan = host.lan!.cluster!;
  const info = readClusterInfo(lan.cluster.store, host.kernel.clock.now())!;
  await writeFiles(host, {
    '/etc/kubernetes/kubelet.conf': kubeconfig(info.server || `https://${endpoint}`, `system:node:${host.hostname}`, info.caPem),
    '/etc/kubernetes/pki/ca.crt': info.caPem,
    '/var/lib/kubelet/config.yaml': kubeletConfig(),
    '/var/lib/kubelet/kubeadm-flags.env': KUBEADM_FLAGS,
  });
  host.services.start('kubelet');
  // A kubelet that refused to start (swap on) never registers its node.
  if (!host.services.state('kubelet')?.active) return false;
  const cluster = lan.cluster;
  // Its pod CIDR comes from the controller manager's node IPAM once the Node is registered.
  cluster.addNode({ hostname: host.hostname, address: host.address, controlPlane: false });
  return true;
}

export async function runJoin(host: Host, uid: number, flags: JoinFlags, print: Printer): Promise<KubeadmResult> {
  const line = (...lines: string[]) => print.out(lines.map((l) => `${l}\n`).join(''));
  if (!flags.endpoint) return print.fail(`discovery.bootstrapToken: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue\n${STACK_TRACE}`);
  if (!flags.token) return print.fail(`discovery.bootstrapToken.token: Invalid value: "": the bootstrap token is invalid\n${STACK_TRACE}`);
  if (!TOKEN_PATTERN.test(flags.token)) return print.fail(`discovery.bootstrapToken.token: Invalid value: "${flags.token}": the bootstrap token is invalid\n${STACK_TRACE}`);
  if (flags.hashes.length === 0 && !flags.unsafeSkipCaVerification) {
    return print.fail(`discovery.bootstrapToken.caCertHashes: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue\n${STACK_TRACE}`);
  }
  line('[preflight] Running pre-flight checks');
  const root = formatFindings(applyIgnored(rootCheck(uid), flags.ignored));
  if (root.failure) return print.fail(root.failure);
  const checks = formatFindings(applyIgnored(await joinChecks(host), flags.ignored));
  print.err(checks.warnings);
  if (checks.failure) return print.fail(checks.failure);
  const discovery = discover(host, { ...flags, endpoint: flags.endpoint, token: flags.token });
  if (!discovery.ok) {
    // Discovery retries until its timeout before it gives up on a missing signature or server.
    if (discovery.waited) await print.pause(DISCOVERY_TIMEOUT_MS);
    return print.fail(`error execution phase preflight: couldn't validate the identity of the API Server: ${discovery.error}\n${STACK_TRACE}`);
  }
  await print.pause(300);
  line('[preflight] Reading configuration from the cluster...', "[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'");
  await joinNode(host, flags.endpoint);
  line('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"', '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"', '[kubelet-start] Starting the kubelet');
  if (!(await kubeletCheck(host, print))) {
    print.out(JOIN_KUBELET_FAILURE);
    return print.fail(`error execution phase kubelet-start: ${HEALTHZ_ERROR}\n${STACK_TRACE}`);
  }
  line('[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap');
  await print.pause(1_000);
  host.lan!.cluster!.cluster.settle();
  print.out("\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a response was received.\n* The Kubelet was informed of the new secure connection details.\n\nRun 'kubectl get nodes' on the control-plane to see this node join the cluster.\n\n");
  return print.done(0);
}
