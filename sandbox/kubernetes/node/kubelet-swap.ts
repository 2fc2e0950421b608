/**
 * The kubelet's swap check (v1.31, failSwapOn true as kubeadm configures it): on a host whose
 * /proc/swaps lists any area, the container manager refuses to start, the kubelet logs why and
 * exits 1, and systemd restarts it every 10 s. `swapoff -a` lets the next restart succeed.
 */
import type { Host } from '../../host';
import type { StartRefusal } from '../../kernel/services';
import { procSwaps } from '../../kernel/swap';
import { formatDate } from '../../shell/commands/date';

export const SWAP_REFUSAL = 'swap';
export const SWAP_ERROR = 'running with swap on is not supported, please disable swap or set --fail-swap-on flag to false';

/** klog's header with the attempt's pid left as `{pid}` for the service manager to fill in. */
function header(level: 'I' | 'E', now: number, source: string): string {
  return `${level}${formatDate(now, '%m%d %H:%M:%S')}.${String((now % 1000) * 1000).padStart(6, '0')}    {pid} ${source}] `;
}

/** What the kubelet logs on its way out when swap is on (each line a journal entry, as journald splits them). */
export function kubeletSwapRefusal(host: Host): StartRefusal | null {
  const { swaps, clock } = host.kernel;
  if (swaps.length === 0) return null;
  const now = clock.now();
  const contents = procSwaps(swaps).trimEnd().split('\n').map((line) => `\t${line}`);
  return {
    reason: SWAP_REFUSAL,
    lines: [`${header('I', now, 'swap_util.go:115')}"Swap is on" /proc/swaps contents=<`, ...contents, ' >', `${header('E', now, 'run.go:72')}"command failed" err="failed to run Kubelet: ${SWAP_ERROR}"`],
  };
}
