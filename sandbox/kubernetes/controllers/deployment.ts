/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
 * `<deployment>-<pod-template-hash>`, rolled with RollingUpdate (maxSurge / maxUnavailable, 25 %
 * by default) or Recreate, one scaling step per pass, as the real controller acts once per sync.
 */
import type { Deployment, ReplicaSet } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import {
  ANNOTATIONS_TO_SKIP, DESIRED_REPLICAS, MAX_REPLICAS, POD_TEMPLATE_HASH, REVISION, REVISION_HISTORY,
  equalIgnoreHash, isRolling, maxRevision, maxSurge, maxUnavailable, newRSReplicas, replicasOf, revisionOf, sumAvailable, sumSpec, sumStatus,
} from './deployment-util';
import { getCondition, newCondition, progressDeadlineMs, rolloutStatus, setCondition } from './deployment-status';
import { matchesSelector } from './labels';
import { byCreation, clone, controllerRef, isControlledBy, isTerminating, ownerRefFor, updateIfChanged } from './objects';
import { podTemplateHash } from './names';
import { parseTime } from './time';

const COMPONENT = 'deployment-controller';

export class DeploymentController implements Reconciler {
  readonly name = COMPONENT;
  private writes = 0;

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): number {
    this.writes = 0;
    for (const d of this.ctx.store.list<Deployment>('Deployment').sort(byCreation)) {
      if (!isTerminating(d)) this.sync(d);
    }
    return this.writes;
  }

  /** When an unfinished rollout would pass its progress deadline. */
  nextDeadline(): number | undefined {
    let best: number | undefined;
    for (const d of this.ctx.store.list<Deployment>('Deployment')) {
      const c = getCondition(d.status, 'Progressing');
      if (!c || c.status !== 'True' || c.reason === 'NewReplicaSetAvailable' || d.spec.paused) continue;
      const at = parseTime(c.lastUpdateTime) + progressDeadlineMs(d) + 1000;
      if (at > this.ctx.now() && (best === undefined || at < best)) best = at;
    }
    return best;
  }

  private sync(d: Deployment): void {
    const all = this.replicaSetsOf(d);
    let newRS: ReplicaSet | undefined = all.filter((rs) => equalIgnoreHash(rs.spec.template, d.spec.template)).sort(byCreation)[0];
    const olds = () => all.filter((rs) => rs !== newRS);
    const status = clone(d.status ?? {});
    if (d.spec.paused) {
      // A paused Deployment only scales; it starts no rollout.
      const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
      const target = newRS ?? (active.length === 1 ? active[0] : undefined);
      if (target && (active.length <= 1)) this.scale(target, replicasOf(d), d);
      return this.writeStatus(d, all, newRS, 'paused');
    }
    const revision = String(maxRevision(olds()) + 1);
    if (!newRS && !isRolling(d)) {
      // Recreate: the new ReplicaSet is made only once every old pod is gone.
      const scaled = this.recreateStep(d, all, undefined);
      if (scaled || sumStatus(all) > 0) return this.writeStatus(d, all, undefined, 'rollout');
    }
    if (!newRS) {
      newRS = this.createReplicaSet(d, all, revision, status);
      if (!newRS) return;
      all.push(newRS);
      d = this.writeDeployment(d, (copy) => {
        copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: revision };
        copy.status = status;
        setCondition(copy.status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${newRS!.metadata.name}"`, this.ctx.now()));
      });
      return;
    }
    newRS = this.refreshNewReplicaSet(d, newRS, revision);
    all[all.findIndex((rs) => rs.metadata.uid === newRS!.metadata.uid)] = newRS;
    d = this.writeDeployment(d, (copy) => {
      copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: String(revisionOf(newRS!)) };
      if (!getCondition(copy.status, 'Progressing')) {
        copy.status = copy.status ?? {};
        setCondition(copy.status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS!.metadata.name}"`, this.ctx.now()));
      }
    });
    if (isRolling(d) ? this.rollingStep(d, all, newRS) : this.recreateStep(d, all, newRS)) return this.writeStatus(d, all, newRS, 'rollout');
    if (sumStatus(olds()) === 0 && (newRS.status?.availableReplicas ?? 0) === replicasOf(d)) this.cleanup(d, olds());
    this.writeStatus(d, all, newRS, 'rollout');
  }

  private replicaSetsOf(d: Deployment): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.ctx.store.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace })) {
      if (isControlledBy(rs, d)) out.push(clone(rs));
      else if (!controllerRef(rs) && !isTerminating(rs) && matchesSelector(d.spec.selector, rs.metadata.labels)) {
        const adopted = updateIfChanged(this.ctx.store, rs, (c) => (c.metadata.ownerReferences = [...(c.metadata.ownerReferences ?? []), ownerRefFor(d)]));
        if (adopted) {
          this.writes++;
          out.push(clone(adopted));
        }
      }
    }
    return out.filter((rs) => !isTerminating(rs));
  }

  private createReplicaSet(d: Deployment, all: ReplicaSet[], revision: string, status: NonNullable<Deployment['status']>): ReplicaSet | undefined {
    const { store, events } = this.ctx;
    const ns = d.metadata.namespace ?? 'default';
    let collisions = (status as { collisionCount?: number }).collisionCount;
    for (;;) {
      const hash = podTemplateHash(d.spec.template, collisions);
      const name = `${d.metadata.name}-${hash}`;
      if (store.get('ReplicaSet', ns, name)) {
        collisions = (collisions ?? 0) + 1;
        (status as { collisionCount?: number }).collisionCount = collisions;
        continue;
      }
      const labels = { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
      const replicas = newRSReplicas(d, all, undefined);
      const rs: ReplicaSet = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: ns,
          labels,
          annotations: { ...this.copiedAnnotations(d), [DESIRED_REPLICAS]: String(replicasOf(d)), [MAX_REPLICAS]: String(replicasOf(d) + maxSurge(d)), [REVISION]: revision },
          ownerReferences: [ownerRefFor(d)],
        },
        spec: {
          replicas,
          ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
          selector: { ...clone(d.spec.selector), matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
          template: { ...clone(d.spec.template), metadata: { ...clone(d.spec.template.metadata ?? {}), labels } },
        },
      };
      const created = store.create<ReplicaSet>(rs);
      this.writes++;
      if (replicas > 0) {
        events.record(COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
        this.writes++;
      }
      return clone(created);
    }
  }

  private copiedAnnotations(d: Deployment): Record<string, string> {
    return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !ANNOTATIONS_TO_SKIP.has(k)));
  }

  /** Brings the new ReplicaSet's revision up to date (a rollback reuses an old one) and copies annotations. */
  private refreshNewReplicaSet(d: Deployment, rs: ReplicaSet, revision: string): ReplicaSet {
    const updated = updateIfChanged(this.ctx.store, rs, (copy) => {
      const a = (copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), ...this.copiedAnnotations(d) });
      const old = revisionOf(rs);
      if (old < Number(revision)) {
        a[REVISION] = revision;
        if (old > 0) a[REVISION_HISTORY] = a[REVISION_HISTORY] ? `${a[REVISION_HISTORY]},${old}` : String(old);
      }
      if ((copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
    });
    if (updated) this.writes++;
    return updated ? clone(updated) : rs;
  }

  /** Scales one ReplicaSet and records ScalingReplicaSet; returns whether its size changed. */
  private scale(rs: ReplicaSet, to: number, d: Deployment): boolean {
    const from = rs.spec.replicas ?? 0;
    const fresh = this.ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
    const updated = updateIfChanged(this.ctx.store, fresh, (copy) => {
      copy.spec.replicas = to;
      copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [DESIRED_REPLICAS]: String(replicasOf(d)), [MAX_REPLICAS]: String(replicasOf(d) + maxSurge(d)) };
    });
    if (!updated) return false;
    this.writes++;
    // `rs` is this pass's own copy (see replicaSetsOf): keep it current for the next step's arithmetic.
    Object.assign(rs, clone(updated));
    if (from === to) return false;
    this.ctx.events.record(COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled ${from < to ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
    this.writes++;
    return true;
  }

  /** rolloutRolling: grow the new set within maxSurge, else shrink old sets within maxUnavailable. */
  private rollingStep(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): boolean {
    const want = replicasOf(d);
    const current = newRS.spec.replicas ?? 0;
    if (current > want) return this.scale(newRS, want, d);
    if (current < want && this.scale(newRS, newRSReplicas(d, all, newRS), d)) return true;
    const olds = all.filter((rs) => rs !== newRS).sort(byCreation);
    if (sumSpec(olds) === 0) return false;
    const minAvailable = want - maxUnavailable(d);
    const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // First the old sets' unhealthy replicas: they cost no availability.
    let cleaned = 0;
    let scaled = false;
    for (const rs of olds) {
      if (cleaned >= maxScaledDown) break;
      const spec = rs.spec.replicas ?? 0;
      const unhealthy = spec - (rs.status?.availableReplicas ?? 0);
      if (spec === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      if (this.scale(rs, spec - n, d)) scaled = true;
      cleaned += n;
    }
    // Then healthy ones, as far as the available count above minAvailable allows.
    const available = sumAvailable(all);
    let budget = available - minAvailable;
    for (const rs of olds) {
      if (budget <= 0) break;
      const spec = rs.spec.replicas ?? 0;
      if (spec === 0) continue;
      const n = Math.min(spec, budget);
      if (this.scale(rs, spec - n, d)) scaled = true;
      budget -= n;
    }
    return scaled;
  }

  /** rolloutRecreate: every old pod gone before the new set grows. */
  private recreateStep(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
    const olds = all.filter((rs) => rs !== newRS);
    let scaled = false;
    for (const rs of olds) if ((rs.spec.replicas ?? 0) > 0 && this.scale(rs, 0, d)) scaled = true;
    if (scaled || sumStatus(olds) > 0 || !newRS) return scaled;
    return this.scale(newRS, replicasOf(d), d);
  }

  /** Deletes the oldest empty old ReplicaSets beyond revisionHistoryLimit (10). */
  private cleanup(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const empty = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) {
      this.ctx.store.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
      this.writes++;
    }
  }

  private writeStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, mode: 'paused' | 'rollout'): void {
    const now = this.ctx.now();
    const status = rolloutStatus(d, all, newRS, now);
    if (mode === 'paused') {
      status.conditions = clone(d.status?.conditions ?? []).filter((c) => c.type !== 'Available').concat(status.conditions!.filter((c) => c.type === 'Available'));
      setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
    } else if (getCondition(d.status, 'Progressing')?.reason === 'DeploymentPaused') {
      setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now));
    }
    this.writeDeployment(d, (copy) => (copy.status = status));
  }

  private writeDeployment(d: Deployment, mutate: (copy: Deployment) => void): Deployment {
    const fresh = this.ctx.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name) ?? d;
    const updated = updateIfChanged(this.ctx.store, fresh, mutate);
    if (updated) this.writes++;
    return updated ?? fresh;
  }
}
