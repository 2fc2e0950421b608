/**
 * Files the node's components write at a moment of the cluster's catch-up (a pod's hostPath write,
 * a container's log): written at once, so the kubelet's next step already sees them, and stamped
 * with the sandbox's clock as every other write is.
 */
import type { Host } from '../../host';

export function writeNodeFile(host: Host, path: string, content: string, mode = 0o644): void {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const now = new Date(host.kernel.clock.now());
  host.rootfs.mkdirSync(dir, { recursive: true });
  host.rootfs.writeFileSync(path, content, undefined, { mode, mtime: now });
  host.rootfs.utimes(dir, now, now).catch(() => {});
}
