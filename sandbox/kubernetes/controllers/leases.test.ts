import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<string> {
  const result = await sandbox.console.run(line);
  return result.stdout + result.stderr;
}

const field = (sandbox: Sandbox, ns: string, name: string, path: string) => run(sandbox, `kubectl get lease -n ${ns} ${name} -o jsonpath={${path}}`);

describe('leases', () => {
  it('kubectl get leases -A: the node leases and the control plane\'s leader locks, NAME HOLDER AGE', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    const out = await run(sandbox, 'kubectl get leases -A');
    expect(out).toMatch(/^NAMESPACE +NAME +HOLDER +AGE\n/);
    expect(out).toMatch(/\nkube-node-lease +controlplane +controlplane +10m\nkube-node-lease +node01 +node01 +10m\nkube-node-lease +node02 +node02 +10m\n/);
    expect(out).toMatch(/\nkube-system +kube-controller-manager +controlplane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} +9m55s\nkube-system +kube-scheduler +controlplane_[0-9a-f-]{36} +9m55s\n$/);
    expect(await run(sandbox, 'kubectl get lease -n kube-system')).toMatch(/^NAME +HOLDER +AGE\nkube-controller-manager /);
    expect(await field(sandbox, 'kube-node-lease', 'node01', '.spec.leaseDurationSeconds')).toBe('40');
    expect(await field(sandbox, 'kube-system', 'kube-scheduler', '.spec.leaseDurationSeconds')).toBe('15');
    expect(await run(sandbox, 'kubectl describe node node01')).toMatch(/\nLease:\n  HolderIdentity:  node01\n  AcquireTime:     <unset>\n  RenewTime:       Mon, 02 Mar 2026 0\d:\d\d:\d\d \+0000\n/);
  });

  it('the leader locks are renewed every 2 s, the node lease with each heartbeat, written once per look', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    const renew = async (ns: string, name: string) => Date.parse(await field(sandbox, ns, name, '.spec.renewTime'));
    const before = await renew('kube-system', 'kube-scheduler');
    const version = Number(await field(sandbox, 'kube-system', 'kube-scheduler', '.metadata.resourceVersion'));
    await run(sandbox, 'sleep 61');
    const after = await renew('kube-system', 'kube-scheduler');
    expect((after - before) % 2000).toBe(0);
    expect(after - before).toBeGreaterThanOrEqual(60_000);
    expect(await field(sandbox, 'kube-system', 'kube-scheduler', '.spec.renewTime')).toMatch(/^2026-03-02T\d\d:\d\d:\d\d\.\d{6}Z$/);
    // Thirty renewals, one write.
    const written = Number(await field(sandbox, 'kube-system', 'kube-scheduler', '.metadata.resourceVersion'));
    expect(written).toBeGreaterThan(version);
    expect(Number(await field(sandbox, 'kube-system', 'kube-scheduler', '.metadata.resourceVersion'))).toBe(written);

    // A stopped kubelet renews nothing: its lease keeps its last heartbeat.
    await run(sandbox, 'ssh node01 systemctl stop kubelet');
    const stopped = await renew('kube-node-lease', 'node01');
    await run(sandbox, 'sleep 60');
    expect(await renew('kube-node-lease', 'node01')).toBe(stopped);
    expect(await renew('kube-node-lease', 'node02')).toBeGreaterThan(stopped + 50_000);
    await run(sandbox, 'ssh node01 systemctl start kubelet && sleep 1');
    expect(await renew('kube-node-lease', 'node01')).toBeGreaterThan(stopped + 50_000);
  });

  it('survive a snapshot and restore', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    const holder = await field(sandbox, 'kube-system', 'kube-controller-manager', '.spec.holderIdentity');
    const restored = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    await run(restored, 'sleep 10');
    expect(await field(restored, 'kube-system', 'kube-controller-manager', '.spec.holderIdentity')).toBe(holder);
    expect((await run(restored, 'kubectl get leases -A --no-headers')).trim().split('\n')).toHaveLength(5);
  });
});
