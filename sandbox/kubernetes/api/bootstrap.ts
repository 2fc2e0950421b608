/**
 * What a starting kube-apiserver writes before anyone asks: the system namespaces (its
 * SystemNamespaces controller). The `kubernetes` Service and the default ServiceAccounts come from
 * other loops and are not made here.
 */
import type { Store } from './store-types';
import type { Namespace } from './types';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** Creates each system namespace that is missing; returns the ones it created. */
export function ensureSystemNamespaces(store: Store): string[] {
  const created: string[] = [];
  // kube-system first, then the rest, in the order a starting server makes them
  for (const name of ['kube-system', 'kube-public', 'kube-node-lease', 'default']) {
    if (store.get('Namespace', undefined, name)) continue;
    store.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    created.push(name);
  }
  return created;
}
