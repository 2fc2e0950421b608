/**
 * The console frame of a shell inside a pod's container (`kubectl exec -it POD -- sh`): it runs on
 * the pod's node, in the container's namespaces, and leaving it says nothing (kubectl prints no
 * farewell, unlike ssh). Both exec and a restored world build it here, so a reload puts the
 * student back in the same pod shell.
 */
import type { Host } from '../../host';
import type { ConsoleFrame } from '../../shell/console';
import type { ShellSession } from '../../shell/session';

export function podShellFrame(node: Host, pid: number, session: ShellSession): ConsoleFrame {
  const frame: ConsoleFrame = {
    session,
    pid,
    host: node,
    via: 'exec',
    onExit: (code) => {
      if (node.kernel.get(pid)) node.kernel.exit(pid, code);
      node.console.leave(frame);
    },
  };
  return frame;
}
