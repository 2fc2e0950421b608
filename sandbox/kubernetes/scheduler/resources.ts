/** Pod requests and node allocatable as the scheduler counts them (NodeResourcesFit). */
import { cpuMillicores, parseQuantity, quantityValue } from '../api/quantity';
import type { Container, Pod } from '../api/types';

/** Millicores for cpu, bytes for memory, whole units otherwise (MilliValue / Value round up); 0 when malformed. */
export function toUnits(resource: string, text: string | undefined): number {
  if (text === undefined) return 0;
  try {
    if (resource === 'cpu') return cpuMillicores(String(text));
    return quantityValue(parseQuantity(String(text)));
  } catch {
    return 0;
  }
}

export type ResourceList = Record<string, number>;

/** A container's requests, with limits standing in for absent requests (API defaulting). */
function containerRequests(c: Container): ResourceList {
  const out: ResourceList = {};
  const merged = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  for (const [name, q] of Object.entries(merged)) out[name] = toUnits(name, q);
  return out;
}

/** computePodResourceRequest: the sum over containers, at least the largest init container. */
export function podRequests(pod: Pod): ResourceList {
  const total: ResourceList = {};
  for (const c of pod.spec.containers) for (const [r, v] of Object.entries(containerRequests(c))) total[r] = (total[r] ?? 0) + v;
  for (const c of pod.spec.initContainers ?? []) for (const [r, v] of Object.entries(containerRequests(c))) total[r] = Math.max(total[r] ?? 0, v);
  return total;
}

/** DefaultMilliCPURequest and DefaultMemoryRequest: what a container without requests weighs in scoring. */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 2 ** 20;

/** Requests for scoring: containers that ask for nothing count as 100m cpu and 200Mi memory. */
export function nonZeroRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    const r = containerRequests(c);
    cpu += r.cpu ?? DEFAULT_MILLI_CPU;
    memory += r.memory ?? DEFAULT_MEMORY;
  }
  return { cpu, memory };
}

export function allocatable(node: { status?: { allocatable?: Record<string, string> } }): ResourceList {
  const out: ResourceList = {};
  for (const [name, q] of Object.entries(node.status?.allocatable ?? {})) out[name] = toUnits(name, q);
  if (out.pods === undefined) out.pods = 110;
  return out;
}
