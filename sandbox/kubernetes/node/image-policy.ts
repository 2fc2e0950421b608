/**
 * The kubelet's image step for each container, by its imagePullPolicy: `Always` pulls (even when
 * the node has the image: an image only imported with ctr and tagged `:latest` then fails to
 * pull), `IfNotPresent` uses the node's copy when there is one, `Never` never pulls. Left out, the
 * policy is Always for `:latest` or no tag, otherwise IfNotPresent, as the API server defaults it.
 */
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { defaultPullPolicy } from '../api/defaults';
import type { Container } from '../api/types';
import type { ContainerRuntime } from './cri';

export type PullAction = 'present' | 'pull' | 'never' | 'fail';

export function pullPolicyOf(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
  return container.imagePullPolicy ?? defaultPullPolicy(container.image);
}

/** Whether the lab's registry serves the image (what a pull can fetch). */
export function inRegistry(image: string): boolean {
  const { repository, tag } = normaliseReference(image);
  return findImage(repository, tag) !== undefined;
}

/**
 * What happens to a container's image on this node: already present, pulled from the registry,
 * refused by policy Never, or a pull that fails. Without a runtime (tests), nothing is present.
 */
export function pullAction(container: Container, runtime: ContainerRuntime | undefined): PullAction {
  const policy = pullPolicyOf(container);
  const present = runtime?.hasImage?.(container.image) ?? false;
  if (policy !== 'Always' && present) return 'present';
  if (policy === 'Never') return 'never';
  return inRegistry(container.image) ? 'pull' : 'fail';
}

/** The first container whose image step blocks the pod, if any (Never before a failed pull). */
export function blockingImage(containers: Container[], runtime: ContainerRuntime | undefined): { container: Container; action: 'never' | 'fail' } | undefined {
  const actions = containers.map((container) => ({ container, action: pullAction(container, runtime) }));
  const blocked = actions.find((a) => a.action === 'never') ?? actions.find((a) => a.action === 'fail');
  return blocked as { container: Container; action: 'never' | 'fail' } | undefined;
}

/** The message of a container that may not pull: `ErrImageNeverPull`, as the kubelet words it. */
export function neverPullMessage(image: string): string {
  return `Container image "${image}" is not present with pull policy of Never`;
}
