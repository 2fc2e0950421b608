import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/clock';
import { createRandom } from '../../core/random';
import type { Endpoints, Event, Pod, Probe, Service } from '../api/types';
import { Cluster } from '../cluster';
import { flannel, systemNamespaces } from '../kubeadm/cluster-objects';
import { routeInCluster } from './service-proxy';

function setup() {
  const clock = createManualClock();
  const cluster = new Cluster(clock, createRandom(3));
  for (const namespace of systemNamespaces()) cluster.store.create(namespace);
  for (const object of flannel()) cluster.store.create(object);
  cluster.addNode({ hostname: 'node01', address: '192.168.1.11', podCIDR: '10.244.1.0/24', controlPlane: false });
  cluster.settle();
  clock.tick(10_000);
  cluster.settle();
  /** Moves the clock on, letting the HTTP probes' requests come back between steps as commands do. */
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= 1_000) {
      clock.tick(Math.min(1_000, left));
      cluster.settle();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { clock, cluster, store: cluster.store, advance };
}

function pod(name: string, container: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...container }] } } as Pod;
}

const messages = (store: Cluster['store'], name: string) =>
  store.list<Event>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason} ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`);

describe('liveness probes', () => {
  it('restart a container whose HTTP liveness probe answers 404, with the real events', async () => {
    const { store, advance } = setup();
    const probe: Probe = { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 3, periodSeconds: 3 };
    store.create(pod('web', { livenessProbe: probe }));
    // Started at 5 s: failures at 8, 11 and 14 s, then the kill and an immediate restart.
    await advance(16_000);
    const status = store.get<Pod>('Pod', 'default', 'web')!.status!.containerStatuses![0];
    expect(status.restartCount).toBe(1);
    expect('running' in status.state).toBe(true);
    expect(status.lastState).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
    expect(messages(store, 'web')).toEqual(expect.arrayContaining([
      'Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 404 (x3)',
      'Normal Killing Container web failed liveness probe, will be restarted',
    ]));
  });

  it('leave a container whose probe passes alone', async () => {
    const { store, advance } = setup();
    store.create(pod('web', { livenessProbe: { httpGet: { path: '/', port: 80 } } }));
    await advance(60_000);
    const status = store.get<Pod>('Pod', 'default', 'web')!.status!.containerStatuses![0];
    expect(status.restartCount).toBe(0);
    expect(messages(store, 'web').filter((m) => m.includes('Unhealthy'))).toEqual([]);
  });

  it('read the files a busybox script makes: cat /tmp/healthy fails once it is removed', async () => {
    const { store, advance } = setup();
    store.create(pod('liveness-exec', {
      name: 'liveness',
      image: 'busybox',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }, {}));
    await advance(30_000);
    expect(store.get<Pod>('Pod', 'default', 'liveness-exec')!.status!.containerStatuses![0].restartCount).toBe(0);
    await advance(25_000);
    const status = store.get<Pod>('Pod', 'default', 'liveness-exec')!.status!.containerStatuses![0];
    expect(status.restartCount).toBe(1);
    expect(status.lastState).toMatchObject({ terminated: { exitCode: 137, reason: 'Error' } });
    expect(messages(store, 'liveness-exec')).toContain("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n (x3)");
  });
});

describe('readiness probes', () => {
  it('keep a refusing pod out of the Service: not ready, under notReadyAddresses, never reached', async () => {
    const { store, cluster, advance } = setup();
    store.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, clusterIP: '10.96.0.50', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } });
    store.create(pod('good', { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }));
    store.create(pod('bad', { readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }));
    await advance(30_000);
    const bad = store.get<Pod>('Pod', 'default', 'bad')!;
    expect(bad.status!.phase).toBe('Running');
    expect(bad.status!.containerStatuses![0].ready).toBe(false);
    expect(bad.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(store.get<Pod>('Pod', 'default', 'good')!.status!.containerStatuses![0].ready).toBe(true);
    const endpoints = store.get<Endpoints>('Endpoints', 'default', 'web')!;
    expect(endpoints.subsets![0].addresses!.map((a) => a.targetRef?.name)).toEqual(['good']);
    expect(endpoints.subsets![0].notReadyAddresses!.map((a) => a.targetRef?.name)).toEqual(['bad']);
    for (let i = 0; i < 4; i++) {
      const target = routeInCluster(cluster, '10.96.0.50', 80, []);
      expect(target).toMatchObject({ ok: true, pod: { metadata: { name: 'good' } } });
    }
    const ip = bad.status!.podIP!;
    expect(messages(store, 'bad')).toContain(`Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused (x6)`);
    expect(bad.status!.containerStatuses![0].restartCount).toBe(0);
  });

  it('take a pod out of the endpoints when its probe starts failing, and route nothing to it', async () => {
    const { store, cluster, advance } = setup();
    store.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, clusterIP: '10.96.0.51', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } });
    store.create(pod('web', { readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } }));
    await advance(15_000);
    expect(routeInCluster(cluster, '10.96.0.51', 80, [])).toMatchObject({ ok: true });
    // The probe now points at a port nothing listens on (as a changed image would leave it).
    const current = store.get<Pod>('Pod', 'default', 'web')!;
    current.spec.containers[0].readinessProbe = { tcpSocket: { port: 8080 }, periodSeconds: 5 };
    store.update(current);
    await advance(20_000);
    expect(store.get<Pod>('Pod', 'default', 'web')!.status!.containerStatuses![0].ready).toBe(false);
    expect(store.get<Endpoints>('Endpoints', 'default', 'web')!.subsets![0].addresses).toBeUndefined();
    expect(routeInCluster(cluster, '10.96.0.51', 80, [])).toEqual({ ok: false, error: 'refused' });
  });
});

describe('startup probes', () => {
  it('hold readiness back until they pass, then let it through; a failing one restarts the container', async () => {
    const { store, advance } = setup();
    store.create(pod('slow', { startupProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10, periodSeconds: 5 } }));
    store.create(pod('never', { startupProbe: { tcpSocket: { port: 9000 }, periodSeconds: 2, failureThreshold: 3 } }, { app: 'other' }));
    await advance(10_000);
    expect(store.get<Pod>('Pod', 'default', 'slow')!.status!.containerStatuses![0]).toMatchObject({ ready: false, started: false });
    await advance(10_000);
    expect(store.get<Pod>('Pod', 'default', 'slow')!.status!.containerStatuses![0]).toMatchObject({ ready: true, started: true });
    expect(store.get<Pod>('Pod', 'default', 'never')!.status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1);
    expect(messages(store, 'never')).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Warning Unhealthy Startup probe failed: dial tcp 10\.244\.1\.\d+:9000: connect: connection refused/),
      expect.stringMatching(/^Normal Killing Container web failed startup probe, will be restarted/),
    ]));
  });
});
