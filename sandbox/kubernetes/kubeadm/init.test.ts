import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';
import { runInit } from './init-command';
import { parseIgnored } from './preflight';
import { Printer } from './printer';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; stdout: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, stdout: result.stdout, code: result.exitCode };
}

/** The fresh hosts with swap turned off (`swapoff -a`), as kubeadm's own docs require first. */
const fresh = async () => {
  const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 7 });
  for (const host of sandbox.allHosts()) host.kernel.swaps = [];
  return sandbox;
};
const printer = (sandbox: Sandbox) => new Printer(sandbox.clock, null, 999);

const PHASES = [
  '[init] Using Kubernetes version: v1.31.4',
  '[preflight] Running pre-flight checks',
  '[preflight] Pulling images required for setting up a Kubernetes cluster',
  '[certs] Using certificateDir folder "/etc/kubernetes/pki"',
  '[certs] Generating "ca" certificate and key',
  '[certs] apiserver serving cert is signed for DNS names [controlplane kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 10.0.0.10]',
  '[certs] Generating "sa" key and public key',
  '[kubeconfig] Using kubeconfig folder "/etc/kubernetes"',
  '[kubeconfig] Writing "admin.conf" kubeconfig file',
  '[kubeconfig] Writing "scheduler.conf" kubeconfig file',
  '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"',
  '[control-plane] Creating static Pod manifest for "kube-scheduler"',
  '[kubelet-start] Starting the kubelet',
  '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"',
  '[api-check] Waiting for a healthy API server. This can take up to 4m0s',
  '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
  '[upload-certs] Skipping phase. Please see --upload-certs',
  '[mark-control-plane] Marking the node controlplane as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]',
  '[bootstrap-token] Using token: ',
  '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace',
  '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key',
  '[addons] Applied essential addon: CoreDNS',
  '[addons] Applied essential addon: kube-proxy',
  'Your Kubernetes control-plane has initialized successfully!',
  'Then you can join any number of worker nodes by running the following on each as root:',
];

describe('kubeadm init', () => {
  it('init phase preflight runs only the checks and the pulls; other phases say they are not modelled', async () => {
    const sandbox = await fresh();
    const preflight = await run(sandbox, 'kubeadm init phase preflight');
    expect(preflight.code).toBe(0);
    expect(preflight.stdout).toBe("[preflight] Running pre-flight checks\n[preflight] Pulling images required for setting up a Kubernetes cluster\n[preflight] This might take a minute or two, depending on the speed of your internet connection\n[preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n");
    expect((await run(sandbox, 'ls /etc/kubernetes')).out).toBe('manifests\n');
    const certs = await run(sandbox, 'kubeadm init phase certs all');
    expect(certs.code).toBe(1);
    expect(certs.out).toMatch(/^dockyard: kubeadm init phase certs all is not modelled/);
  });

  it('prints its phases in order and ends with the join command', async () => {
    const sandbox = await fresh();
    const init = await run(sandbox, 'kubeadm init --pod-network-cidr=10.244.0.0/16');
    expect(init.code).toBe(0);
    let at = -1;
    for (const phase of PHASES) {
      const next = init.stdout.indexOf(phase, at + 1);
      expect(next, phase).toBeGreaterThan(at);
      at = next;
    }
    expect(init.stdout).toMatch(/\[kubelet-check\] The kubelet is healthy after \d+\.\d+ms\n/);
    expect(init.stdout).toMatch(/\n\nkubeadm join 10\.0\.0\.10:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} \\\n\t--discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    expect(init.out).toContain('checks.go:846] detected that the sandbox image "registry.k8s.io/pause:3.8"');
    // The files kubeadm writes.
    for (const path of ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/manifests/kube-apiserver.yaml', '/etc/kubernetes/manifests/etcd.yaml', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/etcd/ca.key', '/var/lib/kubelet/config.yaml']) {
      expect((await run(sandbox, `test -f ${path} && echo yes`)).stdout, path).toBe('yes\n');
    }
    // The token is a Secret as the real kubeadm keeps it, and token list shows it for 23h.
    const token = /--token (\S+)/.exec(init.stdout)![1];
    expect(sandbox.host.lan!.cluster!.cluster.store.get('Secret', 'kube-system', `bootstrap-token-${token.split('.')[0]}`)).toBeDefined();
    const list = (await run(sandbox, 'kubeadm token list')).stdout.split('\n');
    expect(list[0]).toBe('TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION                                                EXTRA GROUPS');
    expect(list[1]).toMatch(new RegExp(`^${token.replace('.', '\\.')}   23h         2026-03-03T09:00:\\d\\dZ   authentication,signing   The default bootstrap token generated by 'kubeadm init'\\.   system:bootstrappers:kubeadm:default-node-token$`));
    // --print-join-command: one line, the same endpoint and CA hash.
    const hash = /sha256:[0-9a-f]{64}/.exec(init.stdout)![0];
    expect((await run(sandbox, 'kubeadm token create --print-join-command')).stdout).toMatch(new RegExp(`^kubeadm join 10\\.0\\.0\\.10:6443 --token [a-z0-9]{6}\\.[a-z0-9]{16} --discovery-token-ca-cert-hash ${hash} \\n$`));
  });

  it('streams its lines to a listening terminal, and returns them to a pipe', async () => {
    const sandbox = await fresh();
    const chunks: string[] = [];
    const live = await sandbox.console.run('kubeadm init', undefined, (text) => chunks.push(text));
    expect(live.stdout).toBe('');
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toContain('[addons] Applied essential addon: kube-proxy\n');
    expect((await sandbox.console.run('kubeadm version | head -c 16', undefined, () => undefined)).stdout).toBe('kubeadm version:');
  });

  it('fails preflight as root-less, one-CPU and already-initialised hosts do', async () => {
    const sandbox = await fresh();
    const notRoot = await runInit(sandbox.host, 1000, { ignored: new Set() }, printer(sandbox));
    expect(notRoot.exitCode).toBe(1);
    expect(notRoot.stdout).toBe('[init] Using Kubernetes version: v1.31.4\n[preflight] Running pre-flight checks\n');
    expect(notRoot.stderr).toBe('error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR IsPrivilegedUser]: user is not running as root\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\nTo see the stack trace of this error execute with --v=5 or higher\n');
    const oneCpu = await runInit(sandbox.host, 0, { ignored: new Set() }, printer(sandbox), { cpus: 1, memMB: 3919 });
    expect(oneCpu.stderr).toContain('\t[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2\n');
    expect(sandbox.host.lan!.cluster).toBeUndefined();
    const ignored = await runInit(sandbox.host, 0, { ignored: parseIgnored(['NumCPU']) }, printer(sandbox), { cpus: 1, memMB: 3919 });
    expect(ignored.exitCode).toBe(0);
    expect(ignored.stderr).toContain('\t[WARNING NumCPU]: the number of available CPUs 1 is less than the required 2\n');

    const again = await run(sandbox, 'kubeadm init');
    expect(again.code).toBe(1);
    expect(again.out).toContain('\t[ERROR Port-6443]: Port 6443 is in use\n');
    expect(again.out).toContain('\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists\n');
    expect(again.out).toContain('\t[ERROR DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty\n');
    expect(again.out).toMatch(/To see the stack trace of this error execute with --v=5 or higher\n$/);
  });

  it('warns about swap and refuses an unknown version', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 7 });
    const swap = await run(sandbox, 'kubeadm init');
    expect(swap.out).toContain('\t[WARNING Swap]: swap is supported for cgroup v2 only. The kubelet must be properly configured to use swap.');
    const fresh2 = await fresh();
    const old = await run(fresh2, 'kubeadm init --kubernetes-version=v1.29.0');
    expect(old.out).toBe('this version of kubeadm only supports deploying clusters with the control plane version >= 1.30.0. Current version: v1.29.0\nTo see the stack trace of this error execute with --v=5 or higher\n');
    const missing = await run(fresh2, 'kubeadm init --kubernetes-version=v1.31.0');
    expect(missing.out).toContain('\t[ERROR ImagePull]: failed to pull image registry.k8s.io/kube-apiserver:v1.31.0: ');
  });

  it('answers version, config print init-defaults and certs check-expiration', async () => {
    const sandbox = await fresh();
    expect((await run(sandbox, 'kubeadm version')).stdout).toMatch(/^kubeadm version: &version.Info\{Major:"1", Minor:"31", GitVersion:"v1.31.4", /);
    expect((await run(sandbox, 'kubeadm config print init-defaults')).stdout).toContain('apiVersion: kubeadm.k8s.io/v1beta4\nbootstrapTokens:\n- groups:\n  - system:bootstrappers:kubeadm:default-node-token\n  token: abcdef.0123456789abcdef\n');
    await run(sandbox, 'kubeadm init >/dev/null 2>&1');
    const certs = (await run(sandbox, 'kubeadm certs check-expiration')).stdout.split('\n');
    expect(certs[3]).toBe('CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED');
    expect(certs[4]).toBe('admin.conf                 Mar 02, 2027 09:00 UTC   364d            ca                      no      ');
    expect(certs).toContain('ca                      Feb 28, 2036 09:00 UTC   9y              no      ');
  });
});
