/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node. Like the real one
 * since v1.12 it does not bind pods itself: each pod gets a required node affinity on
 * `metadata.name` for its node (and the daemon tolerations), and the scheduler binds it.
 * A node is eligible when it matches the nodeSelector and every NoSchedule/NoExecute taint is
 * tolerated; a pod whose node gains an untolerated NoExecute taint is deleted.
 * RollingUpdate replaces pods of an older `pod-template-generation` one unavailable pod at a time.
 */
import type { DaemonSet, Node, Pod } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { matchesMap } from './labels';
import { podTemplateHash } from './names';
import { byCreation, isControlledBy, isTerminating, updateIfChanged } from './objects';
import { deletePod, isPodActive, isPodAvailable, isPodReady, podFromTemplate } from './pods';
import { daemonPodTolerations, effectiveTaints, firstUntolerated } from './taints';

const COMPONENT = 'daemonset-controller';
export const TEMPLATE_GENERATION = 'pod-template-generation';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

interface NodeAffinity {
  nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: { matchFields?: { key: string; operator: string; values?: string[] }[] }[] } };
}

/** The node a daemon pod is meant for: its nodeName, or the `metadata.name` its affinity requires. */
export function daemonPodNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec as { affinity?: NodeAffinity }).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  return undefined;
}

/** NodeShouldRunDaemonPod: [should a new pod run here, may an existing one stay]. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const spec = ds.spec.template.spec;
  if (!matchesMap(spec.nodeSelector, node.metadata.labels)) return [false, false];
  const tolerations = daemonPodTolerations(spec.tolerations, !!spec.hostNetwork);
  const taints = effectiveTaints(node);
  if (!firstUntolerated(taints, tolerations)) return [true, true];
  return [false, !firstUntolerated(taints, tolerations, ['NoExecute'])];
}

export class DaemonSetController implements Reconciler {
  readonly name = COMPONENT;
  private writes = 0;

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): number {
    this.writes = 0;
    const nodes = this.ctx.store.list<Node>('Node').sort(byCreation);
    for (const ds of this.ctx.store.list<DaemonSet>('DaemonSet').sort(byCreation)) {
      if (!isTerminating(ds)) this.sync(ds, nodes);
    }
    return this.writes;
  }

  private sync(ds: DaemonSet, nodes: Node[]): void {
    const { store, now } = this.ctx;
    const generation = String(ds.metadata.generation ?? 1);
    const pods = store.list<Pod>('Pod', { namespace: ds.metadata.namespace }).filter((p) => isControlledBy(p, ds));
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods.sort(byCreation)) {
      const node = daemonPodNode(pod) ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    const known = new Set(nodes.map((n) => n.metadata.name));
    for (const [node, list] of byNode) if (!known.has(node)) list.filter((p) => !isTerminating(p)).forEach((p) => this.deletePod(ds, p));
    const status = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };
    const old: Pod[] = [];
    for (const node of nodes) {
      const [shouldRun, mayStay] = nodeShouldRunDaemonPod(node, ds);
      const all = byNode.get(node.metadata.name) ?? [];
      for (const p of all.filter((p) => p.status?.phase === 'Failed' && !isTerminating(p))) this.deletePod(ds, p);
      // A pod still terminating holds its node's place: the replacement comes once it is gone.
      const terminating = all.some((p) => isTerminating(p) && p.status?.phase !== 'Failed');
      let here = all.filter(isPodActive);
      if (shouldRun && here.length === 0 && !terminating) {
        here = [this.createPod(ds, node.metadata.name, generation)];
      } else if (!mayStay) {
        here.forEach((p) => this.deletePod(ds, p));
        here = [];
      } else if (here.length > 1) {
        here.slice(1).forEach((p) => this.deletePod(ds, p));
        here = here.slice(0, 1);
      }
      if (shouldRun) {
        status.desired++;
        if (here.length) status.current++;
        const pod = here[0];
        if (pod && isPodReady(pod)) status.ready++;
        if (pod && isPodAvailable(pod, 0, now())) status.available++;
        if (pod && pod.metadata.labels?.[TEMPLATE_GENERATION] === generation) status.updated++;
        else if (pod) old.push(pod);
      } else if (here.length) status.misscheduled++;
    }
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollOut(ds, old, status.desired - status.available);
    const fresh = store.get<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name);
    if (!fresh) return;
    const next: NonNullable<DaemonSet['status']> & { numberUnavailable?: number } = {
      currentNumberScheduled: status.current,
      desiredNumberScheduled: status.desired,
      numberMisscheduled: status.misscheduled,
      numberReady: status.ready,
      numberAvailable: status.available,
      updatedNumberScheduled: status.updated,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (status.desired - status.available > 0) next.numberUnavailable = status.desired - status.available;
    if (updateIfChanged(store, fresh, (c) => (c.status = next))) this.writes++;
  }

  /** Old-generation pods: unavailable ones go at once, available ones one at a time (maxUnavailable 1). */
  private rollOut(ds: DaemonSet, old: Pod[], unavailable: number): void {
    let budget = 1 - unavailable;
    for (const pod of old) {
      if (!isPodAvailable(pod, 0, this.ctx.now())) this.deletePod(ds, pod);
      else if (budget > 0) {
        this.deletePod(ds, pod);
        budget--;
      }
    }
  }

  private createPod(ds: DaemonSet, nodeName: string, generation: string): Pod {
    const { store, random, events } = this.ctx;
    const pod = podFromTemplate(store, random, ds, ds.spec.template, {
      [CONTROLLER_REVISION_HASH]: podTemplateHash(ds.spec.template),
      [TEMPLATE_GENERATION]: generation,
    });
    pod.spec.tolerations = daemonPodTolerations(pod.spec.tolerations, !!pod.spec.hostNetwork);
    (pod.spec as { affinity?: NodeAffinity }).affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
        },
      },
    };
    const created = store.create<Pod>(pod);
    events.record(COMPONENT, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    this.writes += 2;
    return created;
  }

  private deletePod(ds: DaemonSet, pod: Pod): void {
    if (!this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name)) return;
    deletePod(this.ctx.store, pod);
    this.ctx.events.record(COMPONENT, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    this.writes += 2;
  }
}
