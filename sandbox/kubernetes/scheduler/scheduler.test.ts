import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { addNode, CONTROL_PLANE_TAINT, createWorld, eventMessages, setUnschedulable, type TestWorld } from '../controllers/testing/world';
import { fitErrorMessage } from './scheduler';

function pod(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } };
}

const get = (w: TestWorld, name: string) => w.store.get<Pod>('Pod', 'default', name)!;

describe('Scheduler', () => {
  it('binds a pending pod: nodeName, PodScheduled and a Scheduled event', () => {
    const w = createWorld();
    addNode(w, 'node01', { kubelet: false });
    w.store.create(pod('web'));
    w.settle();
    const p = get(w, 'web');
    expect(p.spec.nodeName).toBe('node01');
    expect(p.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-03-02T09:00:00Z' }]);
    expect(p.status?.phase).toBe('Pending'); // the kubelet, not the scheduler, starts it
    expect(eventMessages(w, 'Scheduled')).toEqual(['Normal Scheduled default-scheduler: Successfully assigned default/web to node01']);
  });

  it('explains a pod that fits nowhere with the real aggregated message', () => {
    const w = createWorld();
    addNode(w, 'controlplane', { taints: [CONTROL_PLANE_TAINT] });
    addNode(w, 'node01', { ready: false });
    addNode(w, 'node02', { ready: false });
    w.store.create(pod('web'));
    w.settle();
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(get(w, 'web').status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: '2026-03-02T09:00:00Z' }]);
    expect(eventMessages(w, 'FailedScheduling')).toEqual([`Warning FailedScheduling default-scheduler: ${message}`]);
    // Nothing changed: no retry, no second event, the loops are idle.
    expect(w.settle()).toBe(0);
    // After 5 minutes it tries again and the event is counted, not duplicated.
    w.advance(300_000); // kubelets keep posting (NotReady) status meanwhile
    const events = w.store.list<import('../api/types').Event>('Event').filter((e) => e.reason === 'FailedScheduling');
    expect(events.map((e) => e.count)).toEqual([2]);
  });

  it('counts resources, cordons, node selectors and host ports in the message', () => {
    const w = createWorld();
    addNode(w, 'node01', { cpu: '1' });
    addNode(w, 'node02');
    addNode(w, 'node03');
    setUnschedulable(w, 'node03', true);
    w.store.create(pod('big', { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1500m', memory: '8Gi' } } }] }));
    w.store.create(pod('picky', { nodeSelector: { disk: 'ssd' } }));
    w.settle();
    expect(get(w, 'big').status?.conditions?.[0].message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(get(w, 'picky').status?.conditions?.[0].message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    // Uncordoning changes the cluster: the pods are tried again at once.
    w.store.create(pod('small'));
    setUnschedulable(w, 'node03', false);
    w.settle();
    expect(get(w, 'small').spec.nodeName).toBeDefined();
  });

  it('says so when there are no nodes', () => {
    const w = createWorld();
    w.store.create(pod('web'));
    w.settle();
    expect(eventMessages(w, 'FailedScheduling')).toEqual(['Warning FailedScheduling default-scheduler: no nodes available to schedule pods']);
  });

  it('spreads pods by least requested resources, then by pod count, then by name', () => {
    const w = createWorld();
    addNode(w, 'node02');
    addNode(w, 'node01');
    for (let i = 0; i < 4; i++) w.store.create(pod(`p${i}`));
    w.settle();
    expect([0, 1, 2, 3].map((i) => get(w, `p${i}`).spec.nodeName)).toEqual(['node01', 'node02', 'node01', 'node02']);
  });

  it('formats the fit error as kube-scheduler does', () => {
    expect(fitErrorMessage(2, [{ reasons: ['Insufficient cpu'], resolvable: true }, { reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], resolvable: false }])).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });
});
