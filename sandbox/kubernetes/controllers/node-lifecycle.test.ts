import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { evictionDelayMs } from './node-lifecycle';
import { addNode, createWorld, deployment, eventMessages, setReady, type TestWorld } from './testing/world';

const node = (w: TestWorld, name: string) => w.store.get<Node>('Node', undefined, name)!;

describe('NodeLifecycleController', () => {
  it('marks a silent node Unknown after 40 s, taints it unreachable, and evicts its pods after 300 s', () => {
    const w = createWorld();
    addNode(w, 'node01');
    addNode(w, 'node02');
    w.store.create(deployment('web', 4));
    w.settle();
    const onNode01 = w.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === 'node01').map((p) => p.metadata.name);
    expect(onNode01.length).toBe(2);
    w.kubelets.delete('node01'); // its kubelet stops
    w.advance(40_000);
    expect(node(w, 'node01').status!.conditions.find((c) => c.type === 'Ready')!.status).toBe('True');
    w.advance(10_000);
    const ready = node(w, 'node01').status!.conditions.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(w, 'node01').spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: expect.any(String) },
    ]);
    expect(eventMessages(w, 'NodeNotReady')).toContain('Normal NodeNotReady node-controller: Node node01 status is now: NodeNotReady');
    for (const name of onNode01) {
      const p = w.store.get<Pod>('Pod', 'default', name)!;
      expect(p.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    }
    w.advance(290_000);
    expect(eventMessages(w, 'TaintManagerEviction')).toEqual([]);
    w.advance(20_000);
    expect(eventMessages(w, 'TaintManagerEviction').sort()).toEqual(onNode01.map((n) => `Normal TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/${n}`).sort());
    // Evicted pods stay Terminating (no kubelet confirms); their replacements run on node02.
    const live = w.store.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(4);
    expect(live.every((p) => p.spec.nodeName === 'node02')).toBe(true);
  });

  it('taints a NotReady node not-ready (NoSchedule and NoExecute) and lifts the taints when it is Ready', () => {
    const w = createWorld();
    addNode(w, 'node01', { ready: false });
    w.settle();
    expect(node(w, 'node01').spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    expect(eventMessages(w, 'RegisteredNode')).toEqual(['Normal RegisteredNode node-controller: Node node01 event: Registered Node node01 in Controller']);
    setReady(w, 'node01', 'True');
    w.settle();
    expect(node(w, 'node01').spec.taints).toBeUndefined();
  });

  it('taints a cordoned node unschedulable', () => {
    const w = createWorld();
    addNode(w, 'node01');
    const n = node(w, 'node01');
    n.spec.unschedulable = true;
    w.store.update(n);
    w.settle();
    expect(node(w, 'node01').spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  });

  it('computes how long a pod tolerates NoExecute taints', () => {
    const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const };
    expect(evictionDelayMs(undefined, [taint])).toBe(0);
    expect(evictionDelayMs([{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], [taint])).toBe(300_000);
    expect(evictionDelayMs([{ operator: 'Exists' }], [taint])).toBe(-1);
  });
});
