/**
 * What checks ask of a world's Kubernetes cluster, shared by the cluster lessons. Type imports
 * only: a lesson's exercises are also read by the page, which must not pull in the sandbox.
 */
import type { Cluster } from '../kubernetes/cluster';
import type { KubeObject, Node, Pod } from '../kubernetes/api/types';
import type { World } from './world';

/** The cluster the hosts form, caught up with the clock; undefined before `kubeadm init`. */
export function liveCluster(world: World): Cluster | undefined {
  const cluster = world.sandbox.host.lan?.cluster?.cluster;
  cluster?.settle();
  return cluster;
}

/** The cluster's API objects as they are now, in a lesson whose world always has a cluster. */
export function clusterStore(world: World): Cluster['store'] {
  const cluster = liveCluster(world);
  if (!cluster) throw new Error('this world has no Kubernetes cluster');
  return cluster.store;
}

/** Not deleted, not finished: a pod that counts towards its owner's replicas. */
export const isActivePod = (pod: Pod) => !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

export const isReadyPod = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export const isReadyNode = (node: Node | undefined) => node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export const isOwnedBy = (object: KubeObject, owner: KubeObject) => object.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid) ?? false;
