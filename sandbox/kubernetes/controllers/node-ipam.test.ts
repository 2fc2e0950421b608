import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { createControllerContext } from './context';
import { clusterCidrOf, NodeIpamController, subnetAt } from './node-ipam';
import { FakeStore } from './testing/fake-store';
import { createRandom } from '../../core/random';

const node = (name: string, podCIDR?: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {} });
const manager = (flags: string[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-controller-manager-a', namespace: 'kube-system', labels: { component: 'kube-controller-manager' } }, spec: { containers: [{ name: 'kube-controller-manager', image: 'x', command: ['kube-controller-manager', ...flags] }] } });

describe('the node IPAM controller', () => {
  it('gives each node without a range the first free /24 of --cluster-cidr, in the order they came', () => {
    const store = new FakeStore(() => 0);
    const ctx = createControllerContext(store, () => 0, createRandom(1));
    store.create(manager(['--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16']));
    store.create(node('a'));
    store.create(node('b', '10.244.1.0/24'));
    store.create(node('c'));
    expect(new NodeIpamController(ctx).reconcile()).toBe(2);
    expect(['a', 'b', 'c'].map((n) => store.get<Node>('Node', undefined, n)!.spec.podCIDRs)).toEqual([['10.244.0.0/24'], ['10.244.1.0/24'], ['10.244.2.0/24']]);
    expect(new NodeIpamController(ctx).reconcile()).toBe(0);
  });

  it('allocates nothing without --allocate-node-cidrs (kubeadm init without --pod-network-cidr)', () => {
    const store = new FakeStore(() => 0);
    const ctx = createControllerContext(store, () => 0, createRandom(1));
    store.create(manager(['--cluster-name=kubernetes']));
    store.create(node('a'));
    expect(new NodeIpamController(ctx).reconcile()).toBe(0);
    expect(store.get<Node>('Node', undefined, 'a')!.spec.podCIDR).toBeUndefined();
  });

  it('reads the flags and counts subnets as the range allocator does', () => {
    expect(clusterCidrOf([manager(['--allocate-node-cidrs=true', '--cluster-cidr=10.233.64.0/18', '--node-cidr-mask-size=24'])])).toEqual({ cidr: '10.233.64.0/18', mask: 24 });
    expect(subnetAt('10.233.64.0/18', 24, 1)).toBe('10.233.65.0/24');
    expect(subnetAt('10.244.0.0/16', 24, 256)).toBeUndefined();
  });
});
