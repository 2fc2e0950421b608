/**
 * Docker's networks: the three every host has (bridge, host, none) and user-defined bridge
 * networks, each with its own subnet (172.18.0.0/16, 172.19.0.0/16, …) and a Linux bridge on the
 * host (`br-` and the first 12 characters of its id). Only user-defined networks get Docker's
 * embedded DNS (127.0.0.11): there, containers find each other by name; on the default bridge they
 * do not, as in life. Plain state changed through these methods; the runtime wires interfaces.
 */
import type { Random } from '../core/random';
import { DockerError } from './errors';
import type { EventLog } from './events';
import type { ContainerRecord, NetworkAttachment, UserNetwork } from './state';

export interface NetworkView {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  /** null for host and none. */
  subnet: string | null;
  gateway: string | null;
  /** The Linux bridge on the host. */
  bridge: string | null;
  created: number;
  userDefined: boolean;
}

/** Fixed ids for the predefined networks, so every student's `docker network ls` reads the same. */
const PREDEFINED: NetworkView[] = [
  { id: '8f2c3a1d9e4b6a0f7c5d2e1b3a9f8e7d6c5b4a3928170f6e5d4c3b2a19081726', name: 'bridge', driver: 'bridge', subnet: '172.17.0.0/16', gateway: '172.17.0.1', bridge: 'docker0', created: 0, userDefined: false },
  { id: '5b7e0c2f1a3d8e9b4c6a7f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4', name: 'host', driver: 'host', subnet: null, gateway: null, bridge: null, created: 0, userDefined: false },
  { id: 'c1d4e6f8a2b0c3e5d7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0', name: 'none', driver: 'null', subnet: null, gateway: null, bridge: null, created: 0, userDefined: false },
];

export const DEFAULT_BRIDGE = PREDEFINED[0];

/** Every network a container is attached to, its first (from `--network`) first. */
export function attachmentsOf(record: ContainerRecord): NetworkAttachment[] {
  return [...(record.network ? [record.network] : []), ...(record.moreNetworks ?? [])];
}

export function networkNameOf(attachment: NetworkAttachment): string {
  return attachment.name ?? 'bridge';
}

export class DockerNetworks {
  private readonly user = new Map<string, UserNetwork>();
  /** The next host number on the default bridge (172.17.0.N). */
  private nextBridgeHost: number;

  constructor(
    private readonly random: Random,
    saved: UserNetwork[] = [],
    nextBridgeHost = 2,
    private readonly events?: EventLog,
  ) {
    for (const network of saved) this.user.set(network.name, network);
    this.nextBridgeHost = nextBridgeHost;
  }

  list(): NetworkView[] {
    return [...PREDEFINED, ...[...this.user.values()].map(viewOf)].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** By name, full id or id prefix, as the daemon looks networks up. */
  find(reference: string): NetworkView | undefined {
    const all = this.list();
    return all.find((n) => n.name === reference) ?? all.find((n) => n.id === reference) ?? (reference.length > 0 ? all.find((n) => n.id.startsWith(reference)) : undefined);
  }

  require(reference: string): NetworkView {
    const found = this.find(reference);
    if (!found) throw new DockerError(`network ${reference} not found`, 1);
    return found;
  }

  create(name: string, now: number, subnet?: string): NetworkView {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new DockerError(`invalid network name "${name}"`, 1);
    if (this.find(name)?.name === name) throw new DockerError(`network with name ${name} already exists`, 1);
    const taken = new Set(this.list().map((n) => n.subnet));
    let chosen = subnet;
    if (chosen) {
      if (!/^172\.(\d+)\.0\.0\/16$/.test(chosen)) throw new DockerError(`invalid subnet ${chosen}: this sandbox models /16 subnets of 172.16.0.0/12 only (e.g. 172.20.0.0/16)`, 1);
      if (taken.has(chosen)) throw new DockerError(`invalid pool request: Pool overlaps with other one on this address space`, 1);
    } else {
      for (let second = 18; second <= 31 && !chosen; second++) if (!taken.has(`172.${second}.0.0/16`)) chosen = `172.${second}.0.0/16`;
      if (!chosen) throw new DockerError('all predefined address pools have been fully subnetted', 1);
    }
    const network: UserNetwork = { id: this.random.hex(64), name, subnet: chosen, gateway: chosen.replace(/0\/16$/, '1'), created: now, nextHost: 2 };
    this.user.set(name, network);
    this.events?.emit('network', 'create', network.id, { name, type: 'bridge' });
    return viewOf(network);
  }

  remove(reference: string, attached: ContainerRecord[]): string {
    const target = this.require(reference);
    if (!target.userDefined) throw new DockerError(`${target.name} is a pre-defined network and cannot be removed`, 1);
    const users = attached.filter((c) => attachmentsOf(c).some((a) => networkNameOf(a) === target.name));
    if (users.length > 0) {
      throw new DockerError(`error while removing network: network ${target.name} has active endpoints (${users.map((c) => `name:"${c.name}" id:"${c.id.slice(0, 12)}"`).join(', ')})`, 1);
    }
    this.user.delete(target.name);
    this.events?.emit('network', 'destroy', target.id, { name: target.name, type: 'bridge' });
    return target.name;
  }

  /** The lowest free address on `name` (bridge or user-defined), as Docker's IPAM hands them out. */
  allocate(name: string, containers: ContainerRecord[]): NetworkAttachment {
    const network = this.require(name);
    if (!network.subnet || !network.gateway) throw new DockerError(`container cannot be connected to network ${network.name}: not a bridge network`, 1);
    const taken = new Set(containers.flatMap((c) => attachmentsOf(c).filter((a) => networkNameOf(a) === network.name).map((a) => a.ipAddress)));
    let host = 2;
    const prefix = network.subnet.split('.').slice(0, 2);
    while (taken.has(`${prefix.join('.')}.${Math.floor(host / 256)}.${host % 256}`)) host++;
    const address = `${prefix.join('.')}.${Math.floor(host / 256)}.${host % 256}`;
    const mac = `02:42:ac:${Number(prefix[1]).toString(16).padStart(2, '0')}:${Math.floor(host / 256).toString(16).padStart(2, '0')}:${(host % 256).toString(16).padStart(2, '0')}`;
    return { ...(network.userDefined ? { name: network.name } : {}), ipAddress: address, macAddress: mac, gateway: network.gateway };
  }

  /** The bridge device an attachment hangs off, with its gateway address and subnet. */
  bridgeOf(attachment: NetworkAttachment): { device: string; gateway: string; subnet: string } {
    const network = this.find(networkNameOf(attachment)) ?? DEFAULT_BRIDGE;
    return { device: network.bridge ?? 'docker0', gateway: attachment.gateway, subnet: network.subnet ?? DEFAULT_BRIDGE.subnet! };
  }

  snapshot(): { networks: UserNetwork[]; nextIp: number } {
    return { networks: structuredClone([...this.user.values()]), nextIp: this.nextBridgeHost };
  }
}

function viewOf(network: UserNetwork): NetworkView {
  return { id: network.id, name: network.name, driver: 'bridge', subnet: network.subnet, gateway: network.gateway, bridge: `br-${network.id.slice(0, 12)}`, created: network.created, userDefined: true };
}
