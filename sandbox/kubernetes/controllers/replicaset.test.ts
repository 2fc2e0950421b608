import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../api/types';
import { rankForDeletion } from './replicaset';
import { addNode, createWorld, eventMessages } from './testing/world';

function replicaSet(replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'frontend', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { tier: 'frontend' } }, template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v5' }] } } },
  };
}

const pod = (name: string, extra: { node?: string; phase?: Pod['status'] extends infer S ? S extends { phase: infer P } ? P : never : never; ready?: boolean; created?: string } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: extra.created ?? '2026-03-02T09:00:00Z' },
  spec: { containers: [], ...(extra.node ? { nodeName: extra.node } : {}) },
  status: { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
});

describe('ReplicaSetController', () => {
  it('creates pods named <rs>-<5 chars> owned by the ReplicaSet, with SuccessfulCreate events and status', () => {
    const w = createWorld();
    addNode(w, 'node01');
    const rs = w.store.create(replicaSet(3));
    w.settle();
    const pods = w.store.list<Pod>('Pod');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec.tolerations).toEqual([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ]);
    }
    expect(eventMessages(w, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `Normal SuccessfulCreate replicaset-controller: Created pod: ${p.metadata.name}`).sort());
    expect(w.store.get<ReplicaSet>('ReplicaSet', 'default', 'frontend')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('replaces a deleted pod', () => {
    const w = createWorld();
    addNode(w, 'node01');
    w.store.create(replicaSet(2));
    w.settle();
    const [victim] = w.store.list<Pod>('Pod');
    w.store.delete('Pod', 'default', victim.metadata.name);
    w.settle();
    const names = w.store.list<Pod>('Pod').map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim.metadata.name);
  });

  it('scales down unscheduled and not-ready pods first, with SuccessfulDelete events', () => {
    const w = createWorld();
    addNode(w, 'node01');
    w.store.create(replicaSet(2));
    w.settle();
    // A third pod the ReplicaSet adopts (matching labels, no owner), which no node will run.
    w.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'c', image: 'x' }], nodeSelector: { disk: 'ssd' } } });
    w.settle();
    expect(w.store.list<Pod>('Pod').map((p) => p.metadata.name)).not.toContain('stray');
    expect(eventMessages(w, 'SuccessfulDelete')).toEqual(['Normal SuccessfulDelete replicaset-controller: Deleted pod: stray']);
  });

  it('ranks pods for deletion: unassigned, pending, not ready, then newest', () => {
    const ranked = rankForDeletion([
      pod('old-ready', { node: 'n1', created: '2026-03-02T09:00:00Z' }),
      pod('new-ready', { node: 'n2', created: '2026-03-02T09:05:00Z' }),
      pod('not-ready', { node: 'n3', ready: false }),
      pod('pending', { node: 'n4', phase: 'Pending', ready: false }),
      pod('unassigned', { phase: 'Pending', ready: false }),
    ]);
    expect(ranked.map((p) => p.metadata.name)).toEqual(['unassigned', 'pending', 'not-ready', 'new-ready', 'old-ready']);
  });
});
