import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';
import { flannel } from '../kubeadm/cluster-objects';
import { subnetEnv } from './flannel';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; stdout: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, stdout: result.stdout, code: result.exitCode };
}

const FLANNEL = 'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';
const CNI_NOT_READY = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
const readyMessage = (sandbox: Sandbox, node: string) => run(sandbox, `kubectl get node ${node} -o jsonpath="{.status.conditions[?(@.type=='Ready')].message}"`);

describe('the pod network, from the files flannel installs', () => {
  it('the ready cluster has flannel\'s CNI files on every node, its subnet from the node\'s pod CIDR', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    const conf = flannel()[4].data!['cni-conf.json'];
    for (const [i, node] of ['controlplane', 'node01', 'node02'].entries()) {
      const on = (command: string) => run(sandbox, i === 0 ? command : `ssh ${node} ${command}`);
      expect((await on('cat /etc/cni/net.d/10-flannel.conflist')).stdout).toBe(conf);
      expect((await on('cat /run/flannel/subnet.env')).stdout).toBe(`FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.${i}.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`);
      expect((await on('ls -l /opt/cni/bin/flannel')).stdout).toMatch(/^-rwxr-xr-x 1 root root /);
      expect((await run(sandbox, `kubectl get node ${node} -o jsonpath={.spec.podCIDR}`)).stdout).toBe(`10.244.${i}.0/24`);
    }
  });

  it('a node without a CNI configuration turns NotReady; flannel\'s pod writes it again and the node is Ready', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 2 });
    await run(sandbox, 'ssh node02 rm /etc/cni/net.d/10-flannel.conflist');
    await run(sandbox, 'sleep 15');
    expect((await run(sandbox, 'kubectl get node node02 --no-headers')).out).toMatch(/^node02 +NotReady /);
    expect((await readyMessage(sandbox, 'node02')).stdout).toBe(CNI_NOT_READY);
    const pod = (await run(sandbox, 'kubectl get pods -n kube-flannel --field-selector spec.nodeName=node02 -o name')).stdout.trim();
    await run(sandbox, `kubectl delete -n kube-flannel ${pod}`);
    await run(sandbox, 'sleep 15');
    expect((await run(sandbox, 'kubectl get node node02 --no-headers')).out).toMatch(/^node02 +Ready /);
    expect((await run(sandbox, 'ssh node02 ls /etc/cni/net.d')).stdout).toBe('10-flannel.conflist\n');
  });

  it('kubeadm reset leaves /etc/cni/net.d, and says so', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 3 });
    const reset = await run(sandbox, 'ssh node01 kubeadm reset -f');
    expect(reset.out).toContain('The reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n');
    expect((await run(sandbox, 'ssh node01 ls /etc/cni/net.d')).stdout).toBe('10-flannel.conflist\n');
  });

  it('writes the subnet file as flanneld does', () => {
    expect(subnetEnv('10.244.0.0/16', '10.244.2.0/24')).toBe('FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.2.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n');
  });
});

describe('kubeadm init without --pod-network-cidr', () => {
  it('allocates no pod CIDRs: flanneld crash-loops with "pod cidr not assigned", pods get no network', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 5 });
    for (const host of sandbox.allHosts()) host.kernel.swaps = [];
    expect((await run(sandbox, 'kubeadm init')).code).toBe(0);
    await run(sandbox, 'mkdir -p $HOME/.kube && cp /etc/kubernetes/admin.conf $HOME/.kube/config');
    const manifest = (await run(sandbox, 'cat /etc/kubernetes/manifests/kube-controller-manager.yaml')).stdout;
    expect(manifest).not.toContain('--allocate-node-cidrs');
    expect(manifest).not.toContain('--cluster-cidr');
    expect((await run(sandbox, 'kubectl get node controlplane -o jsonpath={.spec.podCIDR}')).stdout).toBe('');
    expect((await readyMessage(sandbox, 'controlplane')).stdout).toBe(CNI_NOT_READY);

    await run(sandbox, FLANNEL);
    await run(sandbox, 'sleep 90');
    const pods = (await run(sandbox, 'kubectl get pods -A --no-headers')).stdout;
    expect(pods).toMatch(/kube-flannel +kube-flannel-ds-\S+ +0\/1 +CrashLoopBackOff +[3-9] \(\S+ ago\) /);
    const pod = /kube-flannel-ds-\S+/.exec(pods)![0];
    const logs = (await run(sandbox, `kubectl logs -n kube-flannel ${pod}`)).stdout;
    expect(logs).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 main\.go:226\] CLI flags config: /);
    expect(logs).toMatch(/\nE\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 main\.go:359\] Error registering network: failed to acquire lease: node "controlplane" pod cidr not assigned\n/);
    expect((await run(sandbox, `kubectl logs -n kube-flannel ${pod} --previous`)).stdout).toContain('pod cidr not assigned');
    const events = (await run(sandbox, `kubectl get events -n kube-flannel --field-selector involvedObject.name=${pod}`)).stdout;
    expect(events).toMatch(/Warning +BackOff +pod\/kube-flannel-ds-\S+ +Back-off restarting failed container kube-flannel in pod kube-flannel-ds-\S+_kube-flannel\(/);
    // install-cni ran: the runtime's network is ready, but flannel's plugin has no subnet for a sandbox.
    expect((await run(sandbox, 'ls /etc/cni/net.d; test -e /run/flannel/subnet.env || echo missing')).stdout).toBe('10-flannel.conflist\nmissing\n');
    expect(pods).toMatch(/kube-system +coredns-\S+ +0\/1 +ContainerCreating /);
    const coredns = /coredns-\S+/.exec(pods)![0];
    expect((await run(sandbox, `kubectl describe pod -n kube-system ${coredns}`)).stdout).toMatch(/Warning +FailedCreatePodSandBox +\S+ +kubelet +Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="flannel" failed \(add\): failed to load flannel 'subnet.env' file: open \/run\/flannel\/subnet.env: no such file or directory. Check the flannel pod log for this node.\n/);
  });
});
