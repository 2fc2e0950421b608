/**
 * Field defaults the API server fills in on create (SetDefaults_Container): a container without an
 * imagePullPolicy gets Always when its image is `:latest` or untagged, otherwise IfNotPresent. Once
 * stored it stays, so `kubectl set image` to `:latest` later keeps the policy the pod was made with.
 */
import type { Container, PodSpec } from './types';

/** The policy the API server gives a container of `image` that names none. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const afterSlash = image.slice(image.lastIndexOf('/') + 1);
  const tag = afterSlash.includes(':') ? afterSlash.slice(afterSlash.lastIndexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: Container): void {
  if (container && typeof container.image === 'string' && !container.imagePullPolicy) container.imagePullPolicy = defaultPullPolicy(container.image);
}

/** Applies the defaults to every container of a pod spec (a Pod's, or a workload's template). */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(defaultContainer);
}
