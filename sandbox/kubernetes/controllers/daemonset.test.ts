import { describe, expect, it } from 'vitest';
import type { DaemonSet, Pod } from '../api/types';
import { addNode, CONTROL_PLANE_TAINT, createWorld, eventMessages } from './testing/world';

function daemonSet(extra: Partial<DaemonSet['spec']['template']['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'default' },
    spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { metadata: { labels: { 'k8s-app': 'kube-proxy' } }, spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.4' }], ...extra } } },
  };
}

describe('DaemonSetController', () => {
  it('runs one pod per eligible node, placed by the scheduler through node affinity', () => {
    const w = createWorld();
    addNode(w, 'controlplane', { taints: [CONTROL_PLANE_TAINT] });
    addNode(w, 'node01');
    addNode(w, 'node02');
    w.store.create(daemonSet());
    w.settle();
    const pods = w.store.list<Pod>('Pod');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node01', 'node02']);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect((p.spec as { affinity?: unknown }).affinity).toEqual({
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }] } },
      });
      expect(p.metadata.labels).toMatchObject({ 'pod-template-generation': '1', 'k8s-app': 'kube-proxy' });
    }
    expect(eventMessages(w, 'Scheduled').length).toBe(2);
    expect(w.store.get<DaemonSet>('DaemonSet', 'default', 'kube-proxy')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('covers tainted and NotReady nodes when the pods tolerate everything, and follows new nodes', () => {
    const w = createWorld();
    addNode(w, 'controlplane', { taints: [CONTROL_PLANE_TAINT], ready: false });
    w.store.create(daemonSet({ tolerations: [{ operator: 'Exists' }] }));
    w.settle();
    expect(w.store.list<Pod>('Pod').map((p) => p.spec.nodeName)).toEqual(['controlplane']);
    addNode(w, 'node01', { ready: false });
    w.settle();
    expect(w.store.list<Pod>('Pod').map((p) => p.spec.nodeName).sort()).toEqual(['controlplane', 'node01']);
    expect(eventMessages(w, 'SuccessfulCreate')).toHaveLength(2);
  });

  it('honours the nodeSelector', () => {
    const w = createWorld();
    addNode(w, 'node01', { labels: { disk: 'ssd' } });
    addNode(w, 'node02');
    w.store.create(daemonSet({ nodeSelector: { disk: 'ssd' } }));
    w.settle();
    expect(w.store.list<Pod>('Pod').map((p) => p.spec.nodeName)).toEqual(['node01']);
  });

  it('rolls a new template out one node at a time', () => {
    const w = createWorld();
    addNode(w, 'node01');
    addNode(w, 'node02');
    w.store.create(daemonSet());
    w.settle();
    const ds = w.store.get<DaemonSet>('DaemonSet', 'default', 'kube-proxy')!;
    ds.spec.template.spec.containers[0].image = 'registry.k8s.io/kube-proxy:v1.31.5';
    w.store.update(ds);
    w.settle();
    const pods = w.store.list<Pod>('Pod');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
    expect(eventMessages(w, 'SuccessfulDelete')).toHaveLength(2);
  });
});
