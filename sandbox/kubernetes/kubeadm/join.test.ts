import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; stdout: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, stdout: result.stdout, code: result.exitCode };
}

/** The three fresh hosts with swap turned off, as `swapoff -a` on each would leave them. */
async function preparedHosts(seed: number): Promise<Sandbox> {
  const sandbox = await findScenario('three-fresh-hosts')!.build({ seed });
  for (const host of sandbox.allHosts()) host.kernel.swaps = [];
  return sandbox;
}

const FLANNEL = 'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';

/** The join command init printed, as one line (the student pastes both lines). */
function joinLine(initOutput: string): string {
  return /kubeadm join .*\\\n\t--discovery-token-ca-cert-hash \S+/.exec(initOutput)![0].replace(/ \\\n\t/, ' ');
}

function nodeStatus(out: string, node: string): string | undefined {
  return new RegExp(`^${node} +(\\S+)`, 'm').exec(out)?.[1];
}

describe('kubeadm init and join on three fresh hosts', () => {
  it('builds a cluster: NotReady until flannel, then a worker joins and turns Ready', async () => {
    const sandbox = await preparedHosts(11);
    const init = await run(sandbox, 'kubeadm init --pod-network-cidr=10.244.0.0/16');
    expect(init.code).toBe(0);
    expect((await run(sandbox, 'mkdir -p $HOME/.kube && cp -i /etc/kubernetes/admin.conf $HOME/.kube/config')).code).toBe(0);
    const before = await run(sandbox, 'kubectl get nodes');
    expect(before.out).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +NotReady +control-plane +\S+ +v1\.31\.4\n$/);
    const pods = (await run(sandbox, 'kubectl get pods -A')).out;
    expect(pods).toMatch(/kube-system +coredns-\S+ +0\/1 +Pending /);
    expect(pods).toMatch(/kube-system +kube-apiserver-controlplane /);
    expect(pods).not.toContain('flannel');

    expect((await run(sandbox, FLANNEL)).code).toBe(0);
    await run(sandbox, 'sleep 10');
    expect(nodeStatus((await run(sandbox, 'kubectl get nodes')).out, 'controlplane')).toBe('Ready');

    const join = await run(sandbox, `ssh node01 '${joinLine(init.stdout)}'`);
    expect(join.code).toBe(0);
    expect(join.out).toMatch(/^\[preflight\] Running pre-flight checks\n/);
    expect(join.out).toContain('\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a response was received.\n* The Kubelet was informed of the new secure connection details.\n\nRun \'kubectl get nodes\' on the control-plane to see this node join the cluster.\n');
    expect((await run(sandbox, 'ssh node01 test -f /etc/kubernetes/kubelet.conf && echo yes')).stdout).toBe('yes\n');
    await run(sandbox, 'sleep 15');
    const nodes = (await run(sandbox, 'kubectl get nodes')).out;
    expect(nodeStatus(nodes, 'node01')).toBe('Ready');
    expect((await run(sandbox, 'kubectl get pods -n kube-flannel -o wide')).out).toMatch(/kube-flannel-ds-\S+ +1\/1 +Running .* node01 /);

    // Joining again fails preflight as the real one does.
    const twice = await run(sandbox, `ssh node01 '${joinLine(init.stdout)}'`);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain('error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n\t[ERROR Port-10250]: Port 10250 is in use\n\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists\n');
  });

  it('a wrong CA hash or an unknown token joins nothing', async () => {
    const sandbox = await preparedHosts(12);
    const init = await run(sandbox, 'kubeadm init');
    const line = joinLine(init.stdout);
    const realHash = /sha256:[0-9a-f]{64}/.exec(line)![0];
    const wrong = await run(sandbox, `ssh node02 '${line.replace(realHash, `sha256:${'0'.repeat(64)}`)}'`);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toBe(`[preflight] Running pre-flight checks\nerror execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${realHash}" are pinned\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    const started = sandbox.clock.now();
    const unknown = await run(sandbox, `ssh node02 'kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${realHash}'`);
    expect(unknown.out).toContain('error execution phase preflight: couldn\'t validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"\n');
    // Discovery retries for its five-minute timeout before giving up.
    expect(sandbox.clock.now() - started).toBeGreaterThanOrEqual(5 * 60_000);
    expect(sandbox.host.lan!.cluster!.cluster.nodeNames()).toEqual(['controlplane']);
    expect((await run(sandbox, 'ssh node02 test -e /etc/kubernetes/kubelet.conf || echo none')).stdout).toBe('none\n');
  });

  it('keeps the token valid across a snapshot and restore, and reset takes the node back out', async () => {
    const sandbox = await preparedHosts(13);
    const init = await run(sandbox, 'kubeadm init --pod-network-cidr=10.244.0.0/16');
    const restored = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    const join = await run(restored, `ssh node02 '${joinLine(init.stdout)}'`);
    expect(join.code).toBe(0);
    expect(restored.host.lan!.cluster!.cluster.nodeNames()).toEqual(['controlplane', 'node02']);
    // A token past its TTL is gone: a join with it waits for its signature, then fails.
    const expired = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    const short = (await run(expired, 'kubeadm token create --ttl 1m --print-join-command')).stdout.trim();
    expect((await run(expired, 'kubeadm token list')).stdout).toMatch(/ 59s +2026-03-02T09:01:\d\dZ /);
    await run(expired, 'sleep 61');
    expect((await run(expired, `ssh node01 '${short}'`)).out).toContain('could not find a JWS signature in the cluster-info ConfigMap for token ID');

    const aborted = await run(restored, 'kubeadm reset');
    expect(aborted.code).toBe(1);
    expect(aborted.out).toContain("[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.\n[reset] Are you sure you want to proceed? [y/N]: ");
    expect(aborted.out).toContain('error execution phase preflight: aborted reset operation\n');
    expect((await run(restored, 'ssh node02 "echo y | kubeadm reset"')).code).toBe(0);
    expect(restored.host.lan!.cluster!.cluster.nodeNames()).toEqual(['controlplane']);
    expect((await run(restored, 'ssh node02 test -e /etc/kubernetes/kubelet.conf || echo gone')).stdout).toBe('gone\n');
    expect((await run(restored, 'kubeadm reset -f')).code).toBe(0);
    expect(restored.host.lan!.cluster).toBeUndefined();
    expect((await run(restored, 'ls /etc/kubernetes/manifests')).stdout).toBe('');
  });

  it('leaves kubectl working when the control-plane endpoint is a host name', async () => {
    const sandbox = await preparedHosts(14);
    const init = await run(sandbox, 'kubeadm init --control-plane-endpoint controlplane:6443 --pod-network-cidr=10.244.0.0/16');
    expect(init.code).toBe(0);
    expect(init.out).toContain('kubeadm join controlplane:6443 --token ');
    await run(sandbox, 'mkdir -p ~/.kube && cp /etc/kubernetes/admin.conf ~/.kube/config');
    expect((await run(sandbox, 'kubectl get nodes --no-headers')).out).toMatch(/^controlplane +NotReady +control-plane /);
    const join = await run(sandbox, `ssh node01 ${joinLine(init.out)}`);
    expect(join.code).toBe(0);
    expect((await run(sandbox, 'kubectl get nodes --no-headers | wc -l')).out).toBe('2\n');
    await run(sandbox, 'sed -i s/controlplane:6443/nowhere:6443/ ~/.kube/config');
    expect((await run(sandbox, 'kubectl get nodes')).out).toBe('Unable to connect to the server: dial tcp: lookup nowhere on 127.0.0.53:53: server misbehaving\n');
  });

  it('fails a join on a worker that still swaps, as 1.31 does, and joins nothing', async () => {
    const sandbox = await preparedHosts(15);
    sandbox.hostNamed('node02')!.kernel.swaps = [{ path: '/swap.img', type: 'file', sizeKiB: 4194300, usedKiB: 0, priority: -2 }];
    const init = await run(sandbox, 'kubeadm init --pod-network-cidr=10.244.0.0/16');
    const join = await run(sandbox, `ssh node02 ${joinLine(init.out)}`);
    expect(join.code).toBe(1);
    expect(join.out).toMatch(/\[kubelet-check\] The kubelet is not healthy after 4m0\.\d+s\n\nUnfortunately, an error has occurred:\n/);
    expect(join.out).toContain("error execution phase kubelet-start: The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get \"http://127.0.0.1:10248/healthz\": context deadline exceeded\nTo see the stack trace of this error execute with --v=5 or higher\n");
    expect(sandbox.host.lan!.cluster!.cluster.nodeNames()).toEqual(['controlplane']);
  });
});
