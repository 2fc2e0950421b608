/**
 * A pod whose image cannot be had, as the kubelet reports it: ErrImagePull (the lab's registry has
 * no such image), then ImagePullBackOff on the next try; or ErrImageNeverPull when its policy is
 * Never and the node does not have it. The pod stays Pending with its containers waiting.
 */
import { normaliseReference } from '../../docker/catalogue/images';
import type { Pod } from '../api/types';
import type { ControllerContext } from '../controllers/context';
import { rfc3339 } from '../controllers/time';
import { neverPullMessage } from './image-policy';

/** An image the lab's registry does not have: ErrImagePull, then ImagePullBackOff; or one policy Never may not pull. */
export function failPull(ctx: ControllerContext, pod: Pod, node: { hostname: string; address: string }, image: string, now: number, never = false): void {
  const reason = never ? 'ErrImageNeverPull' : pod.status?.containerStatuses?.some((s) => 'waiting' in s.state && s.state.waiting.reason === 'ErrImagePull') ? 'ImagePullBackOff' : 'ErrImagePull';
  const { repository, tag } = normaliseReference(image);
  const message = never ? neverPullMessage(image) : reason === 'ErrImagePull'
    ? `failed to pull and unpack image "docker.io/${repository.includes('/') ? repository : `library/${repository}`}:${tag}": failed to resolve reference "docker.io/${repository.includes('/') ? repository : `library/${repository}`}:${tag}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
    : `Back-off pulling image "${image}"`;
  if (never) {
    ctx.events.record('kubelet', pod, 'Warning', 'ErrImageNeverPull', message, node.hostname);
    ctx.events.record('kubelet', pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', node.hostname);
  } else {
    // As the kubelet reports it: what went wrong, then the container's error as its waiting reason.
    if (reason === 'ErrImagePull') ctx.events.record('kubelet', pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, node.hostname);
    else ctx.events.record('kubelet', pod, 'Normal', 'BackOff', message, node.hostname);
    ctx.events.record('kubelet', pod, 'Warning', 'Failed', `Error: ${reason}`, node.hostname);
  }
  pod.status = {
    ...(pod.status ?? { phase: 'Pending' }),
    phase: 'Pending',
    hostIP: node.address,
    startTime: pod.status?.startTime ?? rfc3339(now),
    containerStatuses: pod.spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason, message } }, lastState: {} })),
  };
  ctx.store.update(pod);
}
