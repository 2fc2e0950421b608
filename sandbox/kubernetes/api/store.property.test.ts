/**
 * Property tests of the store: whatever sequence of creates, updates and deletes arrives, the
 * store answers with its object or an ApiError (never anything else), resourceVersions only go up,
 * watchers see every write once and in order, and a snapshot restores to an equal store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/clock';
import { createRandom } from '../../core/random';
import { ensureSystemNamespaces } from './bootstrap';
import { ApiError } from './errors';
import { ApiStore } from './store';
import type { KubeObject } from './types';

const KINDS = [
  { apiVersion: 'v1', kind: 'Pod', namespaced: true },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true },
  { apiVersion: 'v1', kind: 'Namespace', namespaced: false },
  { apiVersion: 'v1', kind: 'Node', namespaced: false },
] as const;
/** Mostly valid input, so that the sequences get far; some of everything the server refuses. */
const often = <T,>(good: T[], bad: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const NAMES = often(['web', 'db', 'dev', 'default', 'a.b'], ['Bad_Name', '', '-x']);
const NAMESPACES = often<string | undefined>(['default', 'dev', undefined], ['missing']);
const LABELS = fc.option(fc.dictionary(often(['app', 'tier', 'k8s.io/x'], ['bad key']), often(['web', '', 'v1'], ['a b']), { maxKeys: 2 }), { nil: undefined });

const operation = fc.record({
  op: fc.constantFrom('create', 'create', 'create', 'update', 'update-stale', 'update-fresh', 'update-fresh', 'delete', 'delete', 'list', 'tick'),
  kind: fc.constantFrom(...KINDS),
  name: NAMES,
  namespace: NAMESPACES,
  generateName: often([false], [true]),
  labels: LABELS,
  finalizers: fc.option(fc.subarray(['a/b', 'c/d']), { nil: undefined }),
  replicas: fc.integer({ min: 0, max: 3 }),
  grace: fc.option(fc.constantFrom(0, 30), { nil: undefined }),
  selector: fc.constantFrom('', 'app=web', 'app in (web,db)', '!tier', 'a b', 'app notin ('),
});

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function manifest(op: Operation, resourceVersion?: string): KubeObject {
  const { kind } = op;
  const metadata = {
    name: op.generateName ? '' : op.name,
    ...(op.generateName ? { generateName: `${op.name}-` } : {}),
    ...(op.namespace !== undefined ? { namespace: op.namespace } : {}),
    ...(op.labels ? { labels: op.labels } : {}),
    ...(op.finalizers ? { finalizers: op.finalizers } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
  const spec =
    kind.kind === 'Pod'
      ? { containers: [{ name: 'c', image: 'nginx' }], nodeName: op.replicas > 1 ? 'node01' : undefined }
      : kind.kind === 'Deployment'
        ? { replicas: op.replicas, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } }
        : kind.kind === 'Node'
          ? { unschedulable: op.replicas === 0 }
          : undefined;
  return { apiVersion: kind.apiVersion, kind: kind.kind, metadata, ...(spec ? { spec } : {}), ...(kind.kind === 'ConfigMap' ? { data: { n: String(op.replicas) } } : {}) } as KubeObject;
}

function run(store: ApiStore, clock: ReturnType<typeof createManualClock>, op: Operation): void {
  const { kind } = op;
  switch (op.op) {
    case 'create':
      store.create(manifest(op));
      return;
    case 'update':
      store.update(manifest(op));
      return;
    case 'update-stale':
      store.update(manifest(op, '1'));
      return;
    case 'update-fresh': {
      const current = store.get(kind.kind, op.namespace, op.name);
      store.update(manifest(op, current?.metadata.resourceVersion));
      return;
    }
    case 'delete':
      store.delete(kind.kind, op.namespace, op.name, op.grace === undefined ? undefined : { gracePeriodSeconds: op.grace });
      return;
    case 'list':
      store.list(kind.kind, { namespace: op.namespace, labelSelector: op.selector });
      return;
    case 'tick':
      clock.tick(1000);
  }
}

describe('ApiStore under random operations', () => {
  it('throws only ApiErrors, only moves resourceVersion forward, and restores from its snapshot', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 10, maxLength: 60, size: 'large' }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const clock = createManualClock();
        const store = new ApiStore({ clock, random: createRandom(seed) });
        ensureSystemNamespaces(store);
        if (seed % 2) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
        const seen: number[] = [];
        store.watch('*', undefined, (event) => seen.push(Number(event.object.metadata.resourceVersion)));
        for (const op of ops) {
          const before = store.resourceVersion;
          const eventsBefore = seen.length;
          try {
            run(store, clock, op);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            expect(store.resourceVersion).toBe(before);
          }
          // one write, one event, one step up; reads and refusals leave the version alone
          expect(store.resourceVersion - before).toBe(seen.length - eventsBefore);
          expect(store.resourceVersion - before).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);

        const versions = store.snapshot().objects.map((object) => Number(object.metadata.resourceVersion));
        expect(new Set(versions).size).toBe(versions.length);
        expect(Math.max(...versions)).toBeLessThanOrEqual(store.resourceVersion);

        const restored = new ApiStore({ clock, random: createRandom(seed) }, JSON.parse(JSON.stringify(store.snapshot())));
        expect(restored.snapshot()).toEqual(store.snapshot());
        expect(restored.etcdKeys()).toEqual(store.etcdKeys());
        for (const { kind } of KINDS) expect(restored.list(kind)).toEqual(store.list(kind));
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });
});
