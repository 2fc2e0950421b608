import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { REVISION } from './deployment-util';
import { rollbackDeployment, rolloutHistory } from './rollback';
import { addNode, createWorld, deployment, eventMessages, runKubelets, type TestWorld } from './testing/world';

function cluster(): TestWorld {
  const world = createWorld();
  addNode(world, 'node01');
  addNode(world, 'node02');
  return world;
}

const getD = (w: TestWorld, name = 'web') => w.store.get<Deployment>('Deployment', 'default', name)!;
const replicaSets = (w: TestWorld) => w.store.list<ReplicaSet>('ReplicaSet', { namespace: 'default' });

describe('DeploymentController', () => {
  it('creates a ReplicaSet named <deployment>-<pod-template-hash> that creates the pods', () => {
    const w = cluster();
    w.store.create(deployment('web', 3));
    w.settle();
    const [rs] = replicaSets(w);
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[4-9bcdf]{8,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({ [REVISION]: '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: getD(w).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const pods = w.store.list<Pod>('Pod');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    expect(eventMessages(w, 'ScalingReplicaSet')).toEqual([`Normal ScalingReplicaSet deployment-controller: Scaled up replica set web-${hash} from 0 to 3`]);
    expect(eventMessages(w, 'SuccessfulCreate')).toEqual(pods.map(() => expect.stringMatching(new RegExp(`^Normal SuccessfulCreate replicaset-controller: Created pod: web-${hash}-\\w{5}$`))));
  });

  it('reports status and the Available / Progressing conditions with the real reasons', () => {
    const w = cluster();
    w.store.create(deployment('web', 3));
    w.settle();
    const d = getD(w);
    const rsName = replicaSets(w)[0].metadata.name;
    expect(d.metadata.annotations?.[REVISION]).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const byType = Object.fromEntries(d.status!.conditions!.map((c) => [c.type, c]));
    expect(byType.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(byType.Progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
  });

  it('says MinimumReplicasUnavailable and ReplicaSetUpdated while pods are not ready', () => {
    const w = createWorld();
    addNode(w, 'node01', { kubelet: false });
    w.store.create(deployment('web', 2));
    w.settle();
    const d = getD(w);
    const byType = Object.fromEntries(d.status!.conditions!.map((c) => [c.type, c]));
    expect(byType.Available).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(byType.Progressing.status).toBe('True');
    expect(['ReplicaSetUpdated', 'NewReplicaSetCreated']).toContain(byType.Progressing.reason);
    // After the progress deadline (600 s) without progress:
    w.clock.tick(601_000);
    w.settle();
    const late = getD(w).status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect(late).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${replicaSets(w)[0].metadata.name}" has timed out progressing.` });
  });

  it('scales up and down through the ReplicaSet', () => {
    const w = cluster();
    w.store.create(deployment('web', 2));
    w.settle();
    const d = getD(w);
    d.spec.replicas = 5;
    w.store.update(d);
    w.settle();
    expect(w.store.list('Pod')).toHaveLength(5);
    const d2 = getD(w);
    d2.spec.replicas = 1;
    w.store.update(d2);
    w.settle();
    expect(w.store.list('Pod')).toHaveLength(1);
    const rs = replicaSets(w)[0].metadata.name;
    expect(eventMessages(w, 'ScalingReplicaSet').map((m) => m.split(': ')[1])).toEqual([
      `Scaled up replica set ${rs} from 0 to 2`,
      `Scaled up replica set ${rs} from 2 to 5`,
      `Scaled down replica set ${rs} from 5 to 1`,
    ]);
  });

  it('rolls out a new template within maxSurge and maxUnavailable at every step', () => {
    const w = cluster();
    w.store.create(deployment('web', 4));
    w.settle();
    const d = getD(w);
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    w.store.update(d);
    // Step the loops one round at a time and check the bounds after each round.
    let maxTotal = 0;
    let minAvailable = Infinity;
    for (let round = 0; round < 100; round++) {
      let writes = 0;
      for (const loop of w.loops) writes += loop.reconcile();
      const pods = w.store.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
      maxTotal = Math.max(maxTotal, pods.length);
      minAvailable = Math.min(minAvailable, pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length);
      // the kubelets start pods and finish deletions between controller rounds
      writes += runKubelets(w.store, w.clock.now(), w.kubelets);
      if (writes === 0) break;
    }
    w.settle();
    expect(maxTotal).toBeLessThanOrEqual(5); // 4 + maxSurge 25 % (1)
    expect(minAvailable).toBeGreaterThanOrEqual(3); // 4 - maxUnavailable 25 % (1)
    const sets = replicaSets(w).sort((a, b) => Number(a.metadata.annotations![REVISION]) - Number(b.metadata.annotations![REVISION]));
    expect(sets.map((rs) => [rs.metadata.annotations![REVISION], rs.spec.replicas])).toEqual([['1', 0], ['2', 4]]);
    expect(w.store.list<Pod>('Pod').every((p) => p.spec.containers[0].image === 'nginx:1.28')).toBe(true);
    expect(getD(w).metadata.annotations?.[REVISION]).toBe('2');
    const progressing = getD(w).status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect(progressing.reason).toBe('NewReplicaSetAvailable');
  });

  it('rolls back to the previous revision, reusing its ReplicaSet with the next revision number', () => {
    const w = cluster();
    w.store.create(deployment('web', 2));
    w.settle();
    const first = replicaSets(w)[0].metadata.name;
    const d = getD(w);
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    w.store.update(d);
    w.settle();
    expect(rolloutHistory(w.store, getD(w)).map((e) => e.revision)).toEqual([1, 2]);
    expect(rollbackDeployment(w.store, getD(w))).toEqual({ outcome: 'rolled back', revision: 1 });
    w.settle();
    const rs = w.store.get<ReplicaSet>('ReplicaSet', 'default', first)!;
    expect(rs.spec.replicas).toBe(2);
    expect(rs.metadata.annotations).toMatchObject({ [REVISION]: '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(rolloutHistory(w.store, getD(w)).map((e) => e.revision)).toEqual([2, 3]);
    expect(rollbackDeployment(w.store, getD(w), 3)).toEqual({ outcome: 'skipped', revision: 3, message: 'skipped rollback (current template already matches revision 3)' });
    expect(rollbackDeployment(w.store, getD(w), 7)).toEqual({ outcome: 'error', message: 'unable to find specified revision 7 in history' });
  });

  it('Recreate scales the old ReplicaSet to zero before the new one grows', () => {
    const w = cluster();
    w.store.create(deployment('web', 3, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    w.settle();
    const d = getD(w);
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    w.store.update(d);
    w.settle();
    const msgs = eventMessages(w, 'ScalingReplicaSet').map((m) => m.split(': ')[1]);
    expect(msgs[1]).toMatch(/^Scaled down replica set web-\w+ from 3 to 0$/);
    expect(msgs[2]).toMatch(/^Scaled up replica set web-\w+ from 0 to 3$/);
  });
});
