/**
 * How long one run of a pod's container lasts, as the kubelet will find out: flanneld on a node
 * without a pod CIDR exits; an app program that already ended by itself on this node (a crash of
 * `node server.js`, a script that finished) ends the same way again, for as long as the image is
 * the same; anything else as its program reads (container-program.ts: servers run until stopped,
 * `sleep 30` for 30 s, `sh` at once).
 */
import type { Container, Node, Pod } from '../api/types';
import { lifetimeOf, type Lifetime } from './container-program';
import type { ContainerRuntime } from './cri';
import { flanneldLifetime } from './flannel';

export function lifetimeFor(pod: Readonly<Pod>, container: Container, node: Readonly<Node> | undefined, runtime: ContainerRuntime | undefined): Lifetime {
  return flanneldLifetime(container, node) ?? runtime?.exitOf?.(pod, container) ?? lifetimeOf(container);
}
