/**
 * After random operations (deployments created, scaled, re-imaged and deleted; nodes cordoned,
 * uncordoned, made NotReady and Ready again) and the loops run until idle: every binding the
 * scheduler made went to a Ready, schedulable node whose taints the pod tolerates; each
 * ReplicaSet has exactly its replicas; and once the 300 s tolerations ran out no live pod is left
 * on a node that is not Ready.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod, ReplicaSet } from '../api/types';
import { isControlledBy } from './objects';
import { isPodActive } from './pods';
import { effectiveTaints, firstUntolerated, readyStatus } from './taints';
import { addNode, CONTROL_PLANE_TAINT, createWorld, deployment, setReady, setUnschedulable, type TestWorld } from './testing/world';

const NAMES = ['web', 'api', 'db'];
const NODES = ['node01', 'node02', 'node03'];

type Op =
  | { op: 'create'; name: string; replicas: number }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'image'; name: string; tag: number }
  | { op: 'delete'; name: string }
  | { op: 'cordon' | 'uncordon' | 'notready' | 'ready'; node: string }
  | { op: 'wait'; seconds: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('scale' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ op: fc.constant('image' as const), name: fc.constantFrom(...NAMES), tag: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constantFrom('cordon' as const, 'uncordon' as const, 'notready' as const, 'ready' as const), node: fc.constantFrom(...NODES) }),
  fc.record({ op: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 120 }) }),
);

function apply(w: TestWorld, op: Op): void {
  const get = (name: string) => w.store.get<Deployment>('Deployment', 'default', name);
  switch (op.op) {
    case 'create':
      if (!get(op.name)) w.store.create(deployment(op.name, op.replicas));
      break;
    case 'scale': {
      const d = get(op.name);
      if (d) w.store.update({ ...d, spec: { ...d.spec, replicas: op.replicas } });
      break;
    }
    case 'image': {
      const d = get(op.name);
      if (d) {
        d.spec.template.spec.containers[0].image = `nginx:1.2${op.tag}`;
        w.store.update(d);
      }
      break;
    }
    case 'delete':
      if (get(op.name)) w.store.delete('Deployment', 'default', op.name);
      break;
    case 'cordon':
    case 'uncordon':
      setUnschedulable(w, op.node, op.op === 'cordon');
      break;
    case 'notready':
    case 'ready':
      setReady(w, op.node, op.op === 'ready' ? 'True' : 'False');
      break;
    case 'wait':
      w.advance(op.seconds * 1000);
      return;
  }
  w.settle();
}

describe('control plane convergence (property)', () => {
  it('binds only to Ready, schedulable, tolerated nodes and keeps ReplicaSets at their replicas', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 14 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const w = createWorld({ seed });
        addNode(w, 'controlplane', { taints: [CONTROL_PLANE_TAINT] });
        for (const n of NODES) addNode(w, n);
        const bad: string[] = [];
        const bound = new Set<string>();
        w.store.watch('Pod', undefined, (event) => {
          const pod = event.object as Pod;
          if (event.type === 'DELETED' || !pod.spec.nodeName || bound.has(pod.metadata.uid!)) return;
          bound.add(pod.metadata.uid!);
          const node = w.store.get<Node>('Node', undefined, pod.spec.nodeName)!;
          if (readyStatus(node) !== 'True') bad.push(`${pod.metadata.name} bound to ${node.metadata.name}, not Ready`);
          if (node.spec.unschedulable) bad.push(`${pod.metadata.name} bound to cordoned ${node.metadata.name}`);
          const taint = firstUntolerated(effectiveTaints(node), pod.spec.tolerations);
          if (taint) bad.push(`${pod.metadata.name} bound to ${node.metadata.name} despite ${taint.key}`);
        });
        for (const op of ops) apply(w, op);
        w.advance(310_000);
        expect(bad).toEqual([]);
        const pods = w.store.list<Pod>('Pod');
        for (const rs of w.store.list<ReplicaSet>('ReplicaSet')) {
          const active = pods.filter((p) => isControlledBy(p, rs) && isPodActive(p));
          expect(active.length, rs.metadata.name).toBe(rs.spec.replicas ?? 1);
        }
        for (const d of w.store.list<Deployment>('Deployment')) {
          const sets = w.store.list<ReplicaSet>('ReplicaSet').filter((rs) => isControlledBy(rs, d));
          const newest = sets.find((rs) => rs.spec.template.spec.containers[0].image === d.spec.template.spec.containers[0].image);
          expect(newest, d.metadata.name).toBeDefined();
        }
        const nodes = new Map(w.store.list<Node>('Node').map((n) => [n.metadata.name, n]));
        for (const p of pods.filter((p) => isPodActive(p) && p.spec.nodeName)) {
          expect(readyStatus(nodes.get(p.spec.nodeName!)!), `${p.metadata.name} on ${p.spec.nodeName}`).toBe('True');
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
