import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/clock';
import { createRandom } from '../../core/random';
import { ensureSystemNamespaces } from './bootstrap';
import { ApiError } from './errors';
import { ApiStore } from './store';
import type { WatchEvent } from './store-types';
import type { ConfigMap, Deployment, Namespace, Node, Pod, Service } from './types';

function setup(seed = 1) {
  const clock = createManualClock();
  const store = new ApiStore({ clock, random: createRandom(seed) });
  ensureSystemNamespaces(store);
  return { clock, store };
}

const pod = (name: string, namespace = 'default', extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, ...extra },
  spec: { containers: [{ name: 'app', image: 'nginx' }] },
});

const deployment = (name: string, replicas = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
});

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('did not throw');
}

describe('create', () => {
  it('stamps uid, resourceVersion, creationTimestamp and a pending status', () => {
    const { store } = setup();
    const before = store.resourceVersion;
    const created = store.create(pod('web'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.metadata.resourceVersion).toBe(String(before + 1));
    expect(created.metadata.creationTimestamp).toBe('2026-03-02T09:00:00Z');
    expect(created.metadata.generation).toBeUndefined();
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(store.get<Pod>('Pod', 'default', 'web')).toEqual(created);
    expect(store.create(deployment('api')).metadata.generation).toBe(1);
  });

  it('names from generateName with the seeded suffix, reproducibly', () => {
    const a = setup(3).store.create(pod('', 'default', { generateName: 'web-7d4b9c5f8-' }));
    const b = setup(3).store.create(pod('', 'default', { generateName: 'web-7d4b9c5f8-' }));
    expect(a.metadata.name).toMatch(/^web-7d4b9c5f8-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(a.metadata.name).toBe(b.metadata.name);
    expect(a.metadata.uid).toBe(b.metadata.uid);
  });

  it('refuses taken names, bad names and missing namespaces with the real messages', () => {
    const { store } = setup();
    store.create(pod('web'));
    expect(caught(() => store.create(pod('web'))).kubectlText()).toBe('Error from server (AlreadyExists): pods "web" already exists');
    const bad = caught(() => store.create(pod('Bad_Name')));
    expect(bad.reason).toBe('Invalid');
    expect(bad.message).toBe(
      "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(caught(() => store.create(pod('web', 'nope'))).kubectlText()).toBe('Error from server (NotFound): namespaces "nope" not found');
    expect(caught(() => store.create(pod(''))).message).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web', namespace: 'default' }, spec: {} };
    expect(caught(() => store.create(svc)).message).toContain("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
    expect(caught(() => store.create(pod('web2', 'default', { labels: { app: 'a b' } }))).message).toContain('metadata.labels: Invalid value: "a b": a valid label must be');
    expect(caught(() => store.create({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'x' } })).message).toBe('the server could not find the requested resource');
  });

  it('gives namespaces their finalizer, label and phase, and drops a namespace from cluster-scoped kinds', () => {
    const { store } = setup();
    const ns = store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    const node = store.create<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01', namespace: 'default' }, spec: {} });
    expect(node.metadata.namespace).toBeUndefined();
    expect(store.get('Node', undefined, 'node01')).toBeDefined();
  });

  it('hands out copies', () => {
    const { store } = setup();
    const input = pod('web');
    const created = store.create(input);
    input.metadata.name = 'changed';
    created.metadata.labels = { hacked: 'yes' };
    store.get<Pod>('Pod', 'default', 'web')!.spec.containers.push({ name: 'x', image: 'y' });
    expect(store.get<Pod>('Pod', 'default', 'web')!.metadata.labels).toBeUndefined();
    expect(store.get<Pod>('Pod', 'default', 'web')!.spec.containers).toHaveLength(1);
  });

  it('lets loops that only read share the stored object, frozen: changing it throws', () => {
    const { store } = setup();
    store.create(pod('web'));
    const shared = store.peek<Pod>('Pod', 'default', 'web')!;
    expect(store.peekList<Pod>('Pod')[0]).toBe(shared);
    expect(() => {
      (shared.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => shared.spec.containers.push({ name: 'x', image: 'y' })).toThrow(TypeError);
    // A copy from get is the caller's to change and send back.
    const copy = store.get<Pod>('Pod', 'default', 'web')!;
    copy.metadata.labels = { app: 'web' };
    store.update(copy);
    expect(store.peek<Pod>('Pod', 'default', 'web')!.metadata.labels).toEqual({ app: 'web' });
    expect(shared.metadata.labels).toBeUndefined();
  });
});

describe('list', () => {
  it('sorts by namespace then name, filters by namespace and selectors', () => {
    const { store } = setup();
    store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    store.create(pod('b', 'default', { labels: { app: 'web' } }));
    store.create(pod('a', 'dev', { labels: { app: 'db' } }));
    store.create(pod('a', 'default', { labels: { app: 'web', tier: 'fe' } }));
    const names = (pods: Pod[]) => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(names(store.list<Pod>('Pod'))).toEqual(['default/a', 'default/b', 'dev/a']);
    expect(names(store.list<Pod>('pods', { namespace: 'dev' }))).toEqual(['dev/a']);
    expect(names(store.list<Pod>('po', { labelSelector: 'app=web,!tier' }))).toEqual(['default/b']);
    expect(names(store.list<Pod>('Pod', { fieldSelector: 'metadata.namespace!=default' }))).toEqual(['dev/a']);
    expect(store.list('Namespace', { namespace: 'dev' }).map((n) => n.metadata.name)).toEqual(['default', 'dev', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('answers bad selectors as the server does', () => {
    const { store } = setup();
    const error = caught(() => store.list('Pod', { labelSelector: 'a b' }));
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(caught(() => store.list('Pod', { fieldSelector: 'spec.foo=1' })).message).toBe('field label not supported: spec.foo');
    expect(caught(() => store.list('foo')).reason).toBe('NotFound');
  });
});

describe('update', () => {
  it('bumps resourceVersion on every change and generation only on spec changes', () => {
    const { store } = setup();
    const d = store.create(deployment('web'));
    const scaled = store.update({ ...d, spec: { ...d.spec, replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(Number(scaled.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    const status = store.update({ ...scaled, status: { observedGeneration: 2, replicas: 3 } });
    expect(status.metadata.generation).toBe(2);
    expect(Number(status.metadata.resourceVersion)).toBeGreaterThan(Number(scaled.metadata.resourceVersion));
    const labelled = store.update({ ...status, metadata: { ...status.metadata, labels: { app: 'web', v: '2' } } });
    expect(labelled.metadata.generation).toBe(2);
  });

  it('refuses stale writes with Conflict and keeps what the server owns', () => {
    const { store } = setup();
    const first = store.create(pod('web'));
    store.update({ ...first, metadata: { ...first.metadata, labels: { a: 'b' } } });
    expect(caught(() => store.update({ ...first, metadata: { ...first.metadata, labels: { a: 'c' } } })).kubectlText()).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    const unconditional = store.update({ ...first, metadata: { ...first.metadata, resourceVersion: undefined, uid: 'forged', creationTimestamp: 'x', labels: { a: 'd' } } });
    expect(unconditional.metadata.uid).toBe(first.metadata.uid);
    expect(unconditional.metadata.creationTimestamp).toBe(first.metadata.creationTimestamp);
    expect(caught(() => store.update(pod('ghost'))).message).toBe('pods "ghost" not found');
  });

  it('writes nothing for an update that changes nothing', () => {
    const { store } = setup();
    const created = store.create(pod('web'));
    const rv = store.resourceVersion;
    expect(store.update(created)).toEqual(created);
    expect(store.resourceVersion).toBe(rv);
  });
});

describe('delete', () => {
  it('removes at once without finalizers, and NotFound after', () => {
    const { store } = setup();
    store.create(pod('web'));
    const deleted = store.delete<Pod>('Pod', 'default', 'web');
    expect(deleted.metadata.name).toBe('web');
    expect(store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(caught(() => store.delete('Pod', 'default', 'web')).message).toBe('pods "web" not found');
  });

  it('marks deletionTimestamp while finalizers remain, and completes when the last goes', () => {
    const { store, clock } = setup();
    store.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', finalizers: ['example.com/hold'] } });
    clock.tick(5000);
    const marked = store.delete<ConfigMap>('ConfigMap', 'default', 'cfg');
    expect(marked.metadata.deletionTimestamp).toBe('2026-03-02T09:00:05Z');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(store.get('ConfigMap', 'default', 'cfg')).toBeDefined();
    expect(caught(() => store.update({ ...marked, metadata: { ...marked.metadata, finalizers: ['example.com/hold', 'new'] } })).message).toContain(
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"new"}',
    );
    store.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(store.get('ConfigMap', 'default', 'cfg')).toBeUndefined();
  });

  it('deletes a bound pod gracefully when asked, leaving the end to a delete with grace 0', () => {
    const { store } = setup();
    const bound = store.create({ ...pod('web'), spec: { ...pod('web').spec, nodeName: 'node01' } });
    const terminating = store.delete<Pod>('Pod', 'default', 'web', { gracePeriodSeconds: 30 });
    expect(terminating.metadata.deletionTimestamp).toBe('2026-03-02T09:00:30Z');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    // the kubelet may still write status while it stops the containers
    store.update({ ...terminating, status: { phase: 'Running' } });
    expect(store.get('Pod', 'default', 'web')).toBeDefined();
    store.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(bound.spec.nodeName).toBe('node01');
    store.create(pod('pending'));
    store.delete('Pod', 'default', 'pending', { gracePeriodSeconds: 30 });
    expect(store.get('Pod', 'default', 'pending')).toBeUndefined();
  });

  it('terminates namespaces, refuses new content in them, and protects the system ones', () => {
    const { store } = setup();
    store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    const ns = store.delete<Namespace>('Namespace', undefined, 'dev');
    expect(ns.status?.phase).toBe('Terminating');
    expect(caught(() => store.create(pod('web', 'dev'))).kubectlText()).toBe('Error from server (Forbidden): pods "web" is forbidden: unable to create new content in namespace dev because it is being terminated');
    store.update({ ...ns, spec: { finalizers: [] } });
    expect(store.get('Namespace', undefined, 'dev')).toBeUndefined();
    expect(caught(() => store.delete('Namespace', undefined, 'default')).kubectlText()).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
  });
});

describe('watch', () => {
  it('tells listeners of each change in order, with copies, by kind and namespace', () => {
    const { store } = setup();
    store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    const all: string[] = [];
    const dev: string[] = [];
    const everything: string[] = [];
    const stop = store.watch('Pod', undefined, (e) => all.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`));
    store.watch('pods', 'dev', (e) => dev.push(`${e.type} ${e.object.metadata.name}`));
    store.watch('*', undefined, (e) => everything.push(`${e.object.kind} ${e.type}`));
    const created = store.create(pod('a'));
    store.create(pod('b', 'dev'));
    store.update({ ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
    store.delete('Pod', 'default', 'a');
    stop();
    store.delete('Pod', 'dev', 'b');
    expect(all.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED a']);
    const versions = all.map((line) => Number(line.split(' ')[2]));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(dev).toEqual(['ADDED b', 'DELETED b']);
    expect(everything).toEqual(['Pod ADDED', 'Pod ADDED', 'Pod MODIFIED', 'Pod DELETED', 'Pod DELETED']);
  });

  it('delivers writes made by a listener after the event that caused them', () => {
    const { store } = setup();
    const seen: string[] = [];
    store.watch('Pod', undefined, (e: WatchEvent) => {
      seen.push(`first ${e.type} ${e.object.metadata.name}`);
      if (e.type === 'ADDED' && e.object.metadata.name === 'a') store.create(pod('b'));
    });
    store.watch('Pod', undefined, (e) => {
      seen.push(`second ${e.type} ${e.object.metadata.name}`);
      e.object.metadata.name = 'mutated';
    });
    store.create(pod('a'));
    expect(seen).toEqual(['first ADDED a', 'second ADDED a', 'first ADDED b', 'second ADDED b']);
    expect(store.get('Pod', 'default', 'a')).toBeDefined();
  });
});

describe('etcd keys and snapshots', () => {
  it('lists keys at the real registry paths, sorted', () => {
    const { store } = setup();
    store.create(pod('web'));
    store.create<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, spec: {} });
    store.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: {} });
    store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' } });
    store.create(deployment('web'));
    store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    expect(store.etcdKeys()).toEqual([
      '/registry/deployments/default/web',
      '/registry/minions/node01',
      '/registry/namespaces/default',
      '/registry/namespaces/kube-node-lease',
      '/registry/namespaces/kube-public',
      '/registry/namespaces/kube-system',
      '/registry/pods/default/web',
      '/registry/serviceaccounts/default/default',
      '/registry/services/endpoints/default/web',
      '/registry/services/specs/default/web',
    ]);
  });

  it('round-trips through a snapshot, JSON included', () => {
    const { store, clock } = setup();
    store.create(pod('web'));
    store.create(deployment('api'));
    const snapshot = JSON.parse(JSON.stringify(store.snapshot()));
    const restored = new ApiStore({ clock, random: createRandom(9) }, snapshot);
    expect(restored.snapshot()).toEqual(store.snapshot());
    expect(restored.resourceVersion).toBe(store.resourceVersion);
    expect(restored.etcdKeys()).toEqual(store.etcdKeys());
    const next = restored.create(pod('other'));
    expect(Number(next.metadata.resourceVersion)).toBe(store.resourceVersion + 1);
  });
});
