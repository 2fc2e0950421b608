import { describe, expect, it } from 'vitest';
import { apiResourceTable, qualifiedResource, resolveResource, resourceForKind, resourcesInCategory, RESOURCES, typePrefix } from './resources';

/** kubectl's tabwriter: columns padded by 3 spaces, the last one not padded. */
function tabulate(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join('').trimEnd()).join('\n');
}

describe('resolveResource', () => {
  it('takes plural, singular, short names and kinds', () => {
    for (const text of ['pods', 'pod', 'po', 'Pod', 'PODS']) expect(resolveResource(text)?.kind, text).toBe('Pod');
    for (const text of ['deployments', 'deployment', 'deploy', 'deployments.apps', 'deploy.apps', 'deployments.v1.apps', 'Deployment']) expect(resolveResource(text)?.kind, text).toBe('Deployment');
    const shorts: Record<string, string> = { no: 'Node', svc: 'Service', ep: 'Endpoints', ns: 'Namespace', ev: 'Event', cm: 'ConfigMap', sa: 'ServiceAccount', rs: 'ReplicaSet', ds: 'DaemonSet' };
    for (const [short, kind] of Object.entries(shorts)) expect(resolveResource(short)?.kind, short).toBe(kind);
  });

  it('prefers the core group for events and honours an explicit group', () => {
    expect(resolveResource('events')?.apiVersion).toBe('v1');
    expect(resolveResource('events.events.k8s.io')?.apiVersion).toBe('events.k8s.io/v1');
    expect(resolveResource('pods.v1')?.kind).toBe('Pod');
  });

  it('answers null for what the server does not serve', () => {
    expect(resolveResource('foo')).toBeNull();
    expect(resolveResource('')).toBeNull();
    expect(resolveResource('pods.apps')).toBeNull();
  });
});

describe('the resource table', () => {
  it('knows where etcd keeps each kind', () => {
    const prefix = (kind: string) => resourceForKind(kind)!.etcdPrefix;
    expect(['Pod', 'Node', 'Service', 'Endpoints', 'Namespace', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Event', 'ConfigMap', 'ServiceAccount'].map(prefix)).toEqual([
      'pods',
      'minions',
      'services/specs',
      'services/endpoints',
      'namespaces',
      'deployments',
      'replicasets',
      'daemonsets',
      'events',
      'configmaps',
      'serviceaccounts',
    ]);
    expect(prefix('CustomResourceDefinition')).toBe('apiextensions.k8s.io/customresourcedefinitions');
    expect(prefix('ClusterRole')).toBe('clusterroles');
    expect(prefix('Ingress')).toBe('ingress');
  });

  it('names types as kubectl get -o name and get all do, and errors as the server does', () => {
    expect(typePrefix(resolveResource('deploy')!)).toBe('deployment.apps');
    expect(typePrefix(resolveResource('po')!)).toBe('pod');
    expect(resourcesInCategory('all').map(typePrefix)).toEqual(['pod', 'replicationcontroller', 'service', 'daemonset.apps', 'deployment.apps', 'replicaset.apps', 'statefulset.apps', 'horizontalpodautoscaler.autoscaling', 'cronjob.batch', 'job.batch']);
    expect(qualifiedResource('ds').text).toBe('daemonsets.apps');
    expect(qualifiedResource('ds').groupVersionResource).toBe('apps/v1, Resource=daemonsets');
    expect(RESOURCES.filter((info) => info.modelled).map((info) => info.kind).sort()).toEqual(
      ['ConfigMap', 'DaemonSet', 'Deployment', 'Endpoints', 'Event', 'Namespace', 'Node', 'Pod', 'ReplicaSet', 'Service', 'ServiceAccount'],
    );
  });

  it('prints kubectl api-resources as a fresh v1.31 kubeadm cluster does', () => {
    const lines = tabulate(apiResourceTable()).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND',
      'bindings                                         v1                                true         Binding',
      'componentstatuses                   cs           v1                                false        ComponentStatus',
      'configmaps                          cm           v1                                true         ConfigMap',
    ]);
    expect(lines).toContain('deployments                         deploy       apps/v1                           true         Deployment');
    expect(lines).toContain('customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition');
    expect(lines).toContain('flowschemas                                      flowcontrol.apiserver.k8s.io/v1   false        FlowSchema');
    expect(lines.at(-1)).toBe('volumeattachments                                storage.k8s.io/v1                 false        VolumeAttachment');
    expect(lines).toHaveLength(59);
    // sorted by group (core first), then by name, as kubectl sorts discovery
    const groups = RESOURCES.map((info) => info.group);
    expect(groups).toEqual([...groups].sort());
    expect(tabulate(apiResourceTable({ namespaced: false })).split('\n')).toContain('nodes                               no           v1                                false        Node');
  });
});
