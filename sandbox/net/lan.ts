/**
 * The lab's LAN: the hosts of one world, found by hostname or address (what /etc/hosts on each
 * host lists). ssh and, later, the cluster's traffic between nodes go through it.
 */
import type { Host } from '../host';
import type { Cluster } from '../kubernetes/cluster';

export class Lan {
  /** The Kubernetes cluster these hosts form, once there is one, and where its API server listens. */
  cluster: { cluster: Cluster; apiServerAddress: string } | undefined;

  constructor(private readonly hosts: readonly Host[]) {}

  /** A host by its name or its address, as `ssh NAME` or `curl http://ADDRESS` would reach it. */
  find(name: string): Host | undefined {
    return this.hosts.find((h) => h.hostname === name || h.address === name);
  }

  all(): readonly Host[] {
    return this.hosts;
  }

  /** Whether a host's kubelet service runs: a stopped kubelet posts no status, and its node goes NotReady. */
  kubeletRunning(hostname: string): boolean {
    return this.find(hostname)?.services.state('kubelet')?.active === true;
  }

  /** The /etc/hosts lines every host gets for the others. */
  hostsLines(): string {
    return this.hosts.map((h) => `${h.address} ${h.hostname}\n`).join('');
  }
}
