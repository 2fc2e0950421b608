/**
 * Network namespaces' contents: interfaces with their state and addresses, and routes. A new
 * namespace holds only a loopback that is down, as the kernel makes it; the host's initial one has
 * eth0 on the lab's LAN. The Docker engine adds docker0 and veth pairs here.
 */
export interface NetInterface {
  index: number;
  name: string;
  kind: 'loopback' | 'ether' | 'bridge' | 'veth';
  up: boolean;
  mac: string;
  mtu: number;
  /** `10.0.0.10/24`. */
  addresses: string[];
  altname?: string;
  /** For a veth: `@if7`, the peer's index in the other namespace. */
  peerIndex?: number;
  master?: string;
}

export interface Route {
  destination: string;
  via?: string;
  dev: string;
  proto: 'kernel' | 'dhcp' | 'static';
  src?: string;
  metric?: number;
}

export interface NetNamespaceState {
  interfaces: NetInterface[];
  routes: Route[];
}

export interface NetworkSnapshot {
  namespaces: [number, NetNamespaceState][];
  /** `ip netns add NAME` registrations: name → netns inode. */
  named: [string, number][];
}

const LOOPBACK = (up: boolean): NetInterface => ({ index: 1, name: 'lo', kind: 'loopback', up, mac: '00:00:00:00:00:00', mtu: 65536, addresses: up ? ['127.0.0.1/8'] : [] });

export class Network {
  private readonly namespaces = new Map<number, NetNamespaceState>();
  readonly named = new Map<string, number>();

  constructor(saved?: NetworkSnapshot) {
    if (!saved) return;
    for (const [inode, state] of saved.namespaces) this.namespaces.set(inode, state);
    for (const [name, inode] of saved.named) this.named.set(name, inode);
  }

  /** The host's own namespace: loopback and eth0 with a DHCP lease on the lab LAN. */
  initHost(inode: number, address: string, mac: string): void {
    const gateway = address.replace(/\.\d+$/, '.1');
    const network = address.replace(/\.\d+$/, '.0');
    this.namespaces.set(inode, {
      interfaces: [LOOPBACK(true), { index: 2, name: 'eth0', kind: 'ether', up: true, mac, mtu: 1500, addresses: [`${address}/24`], altname: 'enp0s3' }],
      routes: [
        { destination: 'default', via: gateway, dev: 'eth0', proto: 'dhcp', src: address, metric: 100 },
        { destination: `${network}/24`, dev: 'eth0', proto: 'kernel', src: address, metric: 100 },
      ],
    });
  }

  /** A namespace's state; a namespace seen for the first time is new and empty (lo, down). */
  of(inode: number): NetNamespaceState {
    let state = this.namespaces.get(inode);
    if (!state) {
      state = { interfaces: [LOOPBACK(false)], routes: [] };
      this.namespaces.set(inode, state);
    }
    return state;
  }

  setLink(inode: number, name: string, up: boolean): boolean {
    const iface = this.of(inode).interfaces.find((i) => i.name === name);
    if (!iface) return false;
    iface.up = up;
    if (iface.kind === 'loopback') iface.addresses = up ? ['127.0.0.1/8'] : [];
    return true;
  }

  snapshot(): NetworkSnapshot {
    return structuredClone({ namespaces: [...this.namespaces.entries()], named: [...this.named.entries()] });
  }
}
