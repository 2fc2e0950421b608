/**
 * core/v1 Events as client-go's recorder writes them: named `<object>.<hex nanoseconds>`, in the
 * object's namespace (`default` for cluster-scoped objects such as Nodes), and aggregated: the same
 * source, object, type, reason and message again bumps `count` and `lastTimestamp` of the existing
 * Event instead of creating another (what `kubectl describe` shows as `(x3 over 2m)`).
 */
import type { Store } from '../api/store-types';
import type { Event, KubeObject } from '../api/types';
import { rfc3339 } from './time';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  /** Aggregation key → name of the Event holding it (client-go keeps this cache in memory too). */
  private readonly seen = new Map<string, string>();
  /**
   * `namespace/object` → the nanoseconds of the last Event name drawn for it. Many Events about one
   * object in one simulated instant (a ReplicaSet creating 1,000 pods) would otherwise probe names
   * .1, .2, … one by one: quadratic in the burst.
   */
  private readonly lastNanos = new Map<string, bigint>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** `times` counts several occurrences at once (a probe that failed at each tick of a fast-forward). */
  record(component: string, object: KubeObject, type: EventType, reason: string, message: string, host?: string, times = 1): Event {
    const namespace = object.metadata.namespace ?? 'default';
    const involved = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
    };
    const key = [component, host ?? '', involved.kind, namespace, involved.name, involved.uid ?? '', type, reason, message].join('\u0000');
    const timestamp = rfc3339(this.now());
    const existingName = this.seen.get(key);
    if (existingName) {
      const existing = this.store.peek<Event>('Event', namespace, existingName);
      if (existing) {
        return this.store.update<Event>({ ...existing, count: (existing.count ?? 1) + times, lastTimestamp: timestamp });
      }
    }
    const nameKey = `${namespace}/${involved.name}`;
    const last = this.lastNanos.get(nameKey);
    let nanos = BigInt(this.now()) * 1_000_000n;
    if (last !== undefined && last >= nanos) nanos = last + 1n;
    let name = `${involved.name}.${nanos.toString(16)}`;
    while (this.store.peek('Event', namespace, name)) {
      nanos += 1n;
      name = `${involved.name}.${nanos.toString(16)}`;
    }
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: host ? { component, host } : { component },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: times,
    };
    const created = this.store.create<Event>(event);
    this.seen.set(key, name);
    this.lastNanos.set(nameKey, nanos);
    return created;
  }
}
