/**
 * kubeadm's preflight checks (v1.31, cmd/kubeadm/app/preflight/checks.go), in the order the real
 * tool runs them, each named as `--ignore-preflight-errors` names it. An ignored error becomes a
 * warning. Only what the lab models is checked: the user, CPUs and memory (kernel/machine.ts), the
 * ports the cluster's components hold on this host, kubeadm's own files, the images in the offline
 * registry, and swap.
 *
 * Swap is whatever the kernel has on (/proc/swaps): as in 1.31 it is a warning only, and it is the
 * kubelet that then refuses to start (kubelet-check.ts).
 */
import type { Host } from '../../host';
import { MACHINE } from '../../kernel/machine';
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { exists, nonEmpty } from './node-files';

export const STACK_TRACE = 'To see the stack trace of this error execute with --v=5 or higher\n';

export interface Finding {
  name: string;
  message: string;
  fatal: boolean;
}

export interface MachineSpec {
  cpus: number;
  memMB: number;
}

export const DEFAULT_MACHINE: MachineSpec = { cpus: MACHINE.cpus, memMB: Math.floor(MACHINE.memTotalKiB / 1024) };

const MANIFESTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'];

/** Ports this host's cluster components listen on: the control plane's, and any node's kubelet. */
function portsInUse(host: Host): Set<number> {
  const lan = host.lan?.cluster;
  const ports = new Set<number>();
  if (!lan) return ports;
  if (lan.apiServerAddress === host.address) for (const port of [6443, 10259, 10257, 2379, 2380]) ports.add(port);
  if (lan.cluster.nodeNames().includes(host.hostname)) ports.add(10250);
  return ports;
}

function fileCheckName(path: string): string {
  return path.replace(/\//g, '-');
}

async function commonChecks(host: Host, images: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (host.kernel.swaps.length > 0) findings.push({ name: 'Swap', message: 'swap is supported for cgroup v2 only. The kubelet must be properly configured to use swap. Please refer to https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory, or disable swap on the node', fatal: false });
  if (portsInUse(host).has(10250)) findings.push({ name: 'Port-10250', message: 'Port 10250 is in use', fatal: true });
  for (const image of images) {
    const { repository, tag } = normaliseReference(image);
    if (!findImage(repository, tag)) {
      findings.push({ name: 'ImagePull', message: `failed to pull image ${image}: failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`, fatal: true });
    }
  }
  return findings;
}

/** Root is checked alone and first: without it kubeadm stops before anything else. */
export function rootCheck(uid: number): Finding[] {
  return uid === 0 ? [] : [{ name: 'IsPrivilegedUser', message: 'user is not running as root', fatal: true }];
}

export async function initChecks(host: Host, machine: MachineSpec, images: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (machine.cpus < 2) findings.push({ name: 'NumCPU', message: `the number of available CPUs ${machine.cpus} is less than the required 2`, fatal: true });
  if (machine.memMB < 1700) findings.push({ name: 'Mem', message: `the system RAM (${machine.memMB} MB) is less than the minimum 1700 MB`, fatal: true });
  const ports = portsInUse(host);
  for (const port of [6443, 10259, 10257]) if (ports.has(port)) findings.push({ name: `Port-${port}`, message: `Port ${port} is in use`, fatal: true });
  for (const component of MANIFESTS) {
    const path = `/etc/kubernetes/manifests/${component}.yaml`;
    if (await exists(host, path)) findings.push({ name: `FileAvailable-${fileCheckName(path)}`, message: `${path} already exists`, fatal: true });
  }
  const common = await commonChecks(host, images);
  findings.push(...common.filter((f) => f.name !== 'ImagePull'));
  for (const port of [2379, 2380]) if (ports.has(port)) findings.push({ name: `Port-${port}`, message: `Port ${port} is in use`, fatal: true });
  if (await nonEmpty(host, '/var/lib/etcd')) findings.push({ name: 'DirAvailable--var-lib-etcd', message: '/var/lib/etcd is not empty', fatal: true });
  // Images are pulled only once every other check has passed.
  return findings.some((f) => f.fatal) ? findings : [...findings, ...common.filter((f) => f.name === 'ImagePull')];
}

export async function joinChecks(host: Host): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (await nonEmpty(host, '/etc/kubernetes/manifests')) findings.push({ name: 'DirAvailable--etc-kubernetes-manifests', message: '/etc/kubernetes/manifests is not empty', fatal: true });
  for (const path of ['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf']) {
    if (await exists(host, path)) findings.push({ name: `FileAvailable-${fileCheckName(path)}`, message: `${path} already exists`, fatal: true });
  }
  findings.push(...(await commonChecks(host, [])));
  if (await exists(host, '/etc/kubernetes/pki/ca.crt')) findings.push({ name: 'FileAvailable--etc-kubernetes-pki-ca.crt', message: '/etc/kubernetes/pki/ca.crt already exists', fatal: true });
  return findings;
}

/** `--ignore-preflight-errors=a,b` (case-insensitive; `all` ignores every one). */
export function parseIgnored(values: string[]): Set<string> {
  return new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean));
}

/** Ignored errors turn into warnings. */
export function applyIgnored(findings: Finding[], ignored: Set<string>): Finding[] {
  return findings.map((f) => (f.fatal && (ignored.has('all') || ignored.has(f.name.toLowerCase())) ? { ...f, fatal: false } : f));
}

/** The warnings (stderr, as printed) and, when anything is fatal, kubeadm's failure text. */
export function formatFindings(findings: Finding[]): { warnings: string; failure?: string } {
  const warnings = findings.filter((f) => !f.fatal).map((f) => `\t[WARNING ${f.name}]: ${f.message}\n`).join('');
  const errors = findings.filter((f) => f.fatal);
  if (errors.length === 0) return { warnings };
  return {
    warnings,
    failure: `error execution phase preflight: [preflight] Some fatal errors occurred:\n${errors.map((f) => `\t[ERROR ${f.name}]: ${f.message}\n`).join('')}[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\n${STACK_TRACE}`,
  };
}
