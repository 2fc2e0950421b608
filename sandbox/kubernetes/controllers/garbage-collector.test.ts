import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { addNode, createWorld, deployment } from './testing/world';

describe('GarbageCollector', () => {
  it('cascades a Deployment deletion to its ReplicaSets and pods', () => {
    const w = createWorld();
    addNode(w, 'node01');
    w.store.create(deployment('web', 3));
    w.settle();
    expect(w.store.list('Pod')).toHaveLength(3);
    w.store.delete('Deployment', 'default', 'web');
    w.settle();
    expect(w.store.list('ReplicaSet')).toEqual([]);
    expect(w.store.list('Pod')).toEqual([]);
  });

  it('ignores an owner reference to a namesake with another uid (the owner is gone)', () => {
    const w = createWorld();
    w.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'orphan', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'nope', controller: true }] },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    });
    w.loops.find((l) => l.name === 'garbage-collector')!.reconcile();
    expect(w.store.get('Pod', 'default', 'orphan')).toBeUndefined();
  });

  it('waits for dependents in foreground deletion and strips references when orphaning', () => {
    const w = createWorld();
    addNode(w, 'node01');
    w.store.create(deployment('fg', 2));
    w.store.create(deployment('orph', 2));
    w.settle();
    for (const [name, finalizer] of [['fg', 'foregroundDeletion'], ['orph', 'orphan']]) {
      const d = w.store.get<Deployment>('Deployment', 'default', name)!;
      d.metadata.finalizers = [finalizer];
      w.store.update(d);
      w.store.delete('Deployment', 'default', name);
    }
    w.settle();
    expect(w.store.get('Deployment', 'default', 'fg')).toBeUndefined();
    expect(w.store.get('Deployment', 'default', 'orph')).toBeUndefined();
    const sets = w.store.list<ReplicaSet>('ReplicaSet');
    expect(sets.map((rs) => rs.metadata.name)).toEqual([expect.stringMatching(/^orph-/)]);
    expect(sets[0].metadata.ownerReferences ?? []).toEqual([]);
    expect(w.store.list<Pod>('Pod').every((p) => p.metadata.name.startsWith('orph-'))).toBe(true);
  });
});
