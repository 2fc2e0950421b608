/**
 * kubeadm's [kubelet-check] (v1.31): it polls the kubelet's healthz on 127.0.0.1:10248 for up to
 * 4m0s. A kubelet that will not start (swap on, failSwapOn) never answers, so init and join wait
 * out the timeout, fast-forwarded on the clock, and fail with kubeadm's troubleshooting text.
 */
import type { Host } from '../../host';
import { goDuration, type Printer } from './printer';

export const KUBELET_CHECK_TIMEOUT_MS = 4 * 60_000;
export const HEALTHZ_ERROR = `The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get "http://127.0.0.1:10248/healthz": context deadline exceeded`;

const LIKELY_CAUSES = `This error is likely caused by:
\t- The kubelet is not running
\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)

If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:
\t- 'systemctl status kubelet'
\t- 'journalctl -xeu kubelet'
`;

/** init's template (cmd/kubeadm/app/cmd/phases/init/waitcontrolplane.go), on stdout. */
export const INIT_KUBELET_FAILURE = `
Unfortunately, an error has occurred:
\t${HEALTHZ_ERROR}


${LIKELY_CAUSES}
Additionally, a control plane component may have crashed or exited when started by the container runtime.
To troubleshoot, list all containers using your preferred container runtimes CLI.
Here is one example how you may list all running Kubernetes containers by using crictl:
\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock ps -a | grep kube | grep -v pause'
\tOnce you have found the failing container, you can inspect its logs with:
\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock logs CONTAINERID'
`;

/** join's message (cmd/kubeadm/app/cmd/phases/join/kubelet.go), on stdout. */
export const JOIN_KUBELET_FAILURE = `
Unfortunately, an error has occurred:
\t${HEALTHZ_ERROR}


${LIKELY_CAUSES}`;

/** Go's Duration.String() for waits of a minute or more: `4m0.000580205s`. */
function minutes(nanos: number): string {
  const whole = Math.floor(nanos / 60e9);
  return `${whole}m${((nanos - whole * 60e9) / 1e9).toFixed(9).replace(/\.?0+$/, '')}s`;
}

/**
 * Prints the check and waits as kubeadm does: a running kubelet is healthy within a second or so;
 * one in a restart loop is given the whole timeout. Returns whether it came up.
 */
export async function kubeletCheck(host: Host, print: Printer): Promise<boolean> {
  print.out('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n');
  if (host.services.state('kubelet')?.active) {
    const wait = 500_000_000 + host.random.int(1_000_000_000);
    await print.pause(Math.round(wait / 1e6));
    print.out(`[kubelet-check] The kubelet is healthy after ${goDuration(wait)}\n`);
    return true;
  }
  const overshoot = 300_000 + host.random.int(2_500_000);
  await print.pause(KUBELET_CHECK_TIMEOUT_MS);
  print.out(`[kubelet-check] The kubelet is not healthy after ${minutes(KUBELET_CHECK_TIMEOUT_MS * 1e6 + overshoot)}\n`);
  return false;
}
