/**
 * The control plane's loops: kube-controller-manager's controllers and kube-scheduler, each one
 * pass per `reconcile()`. Run them together with `runUntilIdle` after every change, and move the
 * clock to `nextDeadline` when the world waits.
 */
import type { Random } from '../../core/random';
import type { Store } from '../api/store-types';
import { Scheduler } from '../scheduler/scheduler';
import { createControllerContext, type ControllerContext, type Reconciler } from './context';
import { DaemonSetController } from './daemonset';
import { DeploymentController } from './deployment';
import { EndpointsController } from './endpoints';
import { GarbageCollector } from './garbage-collector';
import { NodeLifecycleController } from './node-lifecycle';
import { ReplicaSetController } from './replicaset';

export { createControllerContext, nextDeadline, runUntilIdle, type ControllerContext, type Reconciler } from './context';
export { DaemonSetController } from './daemonset';
export { DeploymentController } from './deployment';
export { EndpointsController } from './endpoints';
export { EventRecorder } from './events';
export { GarbageCollector } from './garbage-collector';
export { NodeLifecycleController, NODE_MONITOR_GRACE_PERIOD_MS } from './node-lifecycle';
export { ReplicaSetController } from './replicaset';
export { rollbackDeployment, rolloutHistory, type RollbackResult, type RevisionEntry } from './rollback';
export { Scheduler } from '../scheduler/scheduler';

export interface ControlPlaneLoops {
  context: ControllerContext;
  /** In the order a round runs them: owners before dependents, the scheduler after pods appear. */
  reconcilers: Reconciler[];
}

export function createControlPlaneLoops(store: Store, now: () => number, random: Random): ControlPlaneLoops {
  const context = createControllerContext(store, now, random);
  return {
    context,
    reconcilers: [
      new NodeLifecycleController(context),
      new DeploymentController(context),
      new ReplicaSetController(context),
      new DaemonSetController(context),
      new Scheduler(context),
      new EndpointsController(context),
      new GarbageCollector(context),
    ],
  };
}
