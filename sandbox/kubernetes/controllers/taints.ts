/**
 * Taints and tolerations as the scheduler, the DaemonSet controller and the taint-eviction
 * controller all read them (k8s.io/api core/v1 helpers ToleratesTaint and friends).
 */
import type { Node, Taint, Toleration } from '../api/types';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  // Equal (the default): an empty key only makes sense with Exists.
  return !!toleration.key && (toleration.value ?? '') === (taint.value ?? '');
}

export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint with one of `effects` that no toleration matches. */
export function firstUntolerated(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  effects: readonly Taint['effect'][] = ['NoSchedule', 'NoExecute'],
): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerates(tolerations, taint));
}

export function readyStatus(node: Node): 'True' | 'False' | 'Unknown' {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

/**
 * The node's taints, plus the readiness taint the node-lifecycle controller is about to add when
 * the Ready condition already says so (so a pod is never placed in the moment between the kubelet
 * reporting NotReady and the controller tainting the node).
 */
export function effectiveTaints(node: Node): Taint[] {
  const taints = [...(node.spec.taints ?? [])];
  const ready = readyStatus(node);
  if (ready !== 'True') {
    const key = ready === 'False' || !node.status?.conditions?.length ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    if (!taints.some((t) => t.key === key && t.effect === 'NoSchedule')) taints.push({ key, effect: 'NoSchedule' });
  }
  return taints;
}

/** What the DefaultTolerationSeconds admission plugin adds to every pod: 300 s on a lost node. */
export function defaultTolerations(): Toleration[] {
  return [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
}

/** Adds the admission defaults unless the pod already tolerates those taints itself. */
export function withDefaultTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  const out = [...(tolerations ?? [])];
  for (const t of defaultTolerations()) {
    const taint: Taint = { key: t.key!, effect: 'NoExecute' };
    if (!out.some((have) => toleratesTaint(have, taint))) out.push(t);
  }
  return out;
}

/** The tolerations every DaemonSet pod gets (daemon/util AddOrUpdateDaemonPodTolerations). */
export function daemonPodTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const extra: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) extra.push({ key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  const out = [...(tolerations ?? [])];
  for (const t of extra) {
    const i = out.findIndex((have) => have.key === t.key && have.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}
