import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '../api/types';
import { addNode, createWorld, deployment } from './testing/world';

function service(targetPort: number | string): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort, protocol: 'TCP' }] } };
}

describe('EndpointsController', () => {
  it('lists ready pods under addresses and others under notReadyAddresses, with resolved ports', () => {
    const w = createWorld();
    addNode(w, 'node01');
    const d = deployment('web', 2);
    d.spec.template.spec.containers[0].ports = [{ name: 'web-port', containerPort: 8080 }];
    w.store.create(d);
    w.store.create(service('web-port'));
    w.settle();
    let ep = w.store.get<Endpoints>('Endpoints', 'default', 'web')!;
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ep.subsets![0].addresses!.map((a) => a.nodeName)).toEqual(['node01', 'node01']);
    expect(ep.subsets![0].addresses![0].targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' });
    // One pod turns unready:
    const [p] = w.store.list<Pod>('Pod');
    p.status!.conditions = p.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    w.store.update(p);
    w.settle();
    ep = w.store.get<Endpoints>('Endpoints', 'default', 'web')!;
    expect(ep.subsets![0].addresses).toHaveLength(1);
    expect(ep.subsets![0].notReadyAddresses!.map((a) => a.ip)).toEqual([p.status!.podIP]);
  });

  it('creates empty Endpoints for a Service without pods and deletes them with the Service', () => {
    const w = createWorld();
    w.store.create(service(80));
    w.settle();
    expect(w.store.get<Endpoints>('Endpoints', 'default', 'web')!.subsets).toBeUndefined();
    w.store.delete('Service', 'default', 'web');
    w.settle();
    expect(w.store.get('Endpoints', 'default', 'web')).toBeUndefined();
  });

  it('leaves the Endpoints of a Service without a selector alone', () => {
    const w = createWorld();
    w.store.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    w.store.create<Endpoints>({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80, protocol: 'TCP' }] }] });
    w.settle();
    expect(w.store.get<Endpoints>('Endpoints', 'default', 'ext')!.subsets![0].addresses).toEqual([{ ip: '10.0.0.9' }]);
  });
});
