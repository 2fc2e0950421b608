/**
 * Where a TCP connection lands: a published port on the host, a container's bridge address, or
 * `localhost` inside a container's own network namespace. Only modelled servers listen.
 */
import { serveExpress, serveFlask, serveHttpd, serveNginx, serveNodeHttp, servePythonHttp } from '../docker/http-servers';
import { attachmentsOf, networkNameOf } from '../docker/networks';
import type { ContainerRecord } from '../docker/state';
import type { Host } from '../host';
import { podServer, routeInCluster } from '../kubernetes/node/service-proxy';
import type { Connection } from './http';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]']);
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The running container whose network namespace `netns` is (not one sharing the host's). */
function containerOfNetns(host: Host, netns: number): ContainerRecord | undefined {
  if (netns === host.kernel.require(1).ns.net) return undefined;
  return host.docker.list(false).find((c) => host.kernel.get(c.pid)?.ns.net === netns);
}

/**
 * A name as a process sees it resolved: loopback and IPv4 literals as they are, the host's own
 * names, and, inside a container on a user-defined network, Docker's embedded DNS: the names (and
 * short ids) of running containers that share one of its networks. Null when it does not resolve.
 */
export function lookup(host: Host, fromPid: number, name: string): string | null {
  if (LOOPBACK.has(name)) return name === '::1' || name === '[::1]' ? '::1' : '127.0.0.1';
  if (IPV4.test(name)) return name;
  const caller = containerOfNetns(host, host.kernel.require(fromPid).ns.net);
  // On a host: its own name, and the lab's other hosts as /etc/hosts lists them.
  if (!caller) return name === host.hostname ? host.address : (host.lan?.find(name)?.address ?? null);
  if (name === caller.config.hostname) return caller.network?.ipAddress ?? '127.0.0.1';
  const shared = new Set(attachmentsOf(caller).filter((a) => a.name).map(networkNameOf));
  for (const other of host.docker.list(false)) {
    const byName = other.name === name || (name.length >= 12 && other.id.startsWith(name));
    const on = byName ? attachmentsOf(other).find((a) => shared.has(networkNameOf(a))) : undefined;
    if (on) return on.ipAddress;
  }
  return null;
}

/** Where a TCP connection to `name`:`port` lands: a container and the port inside it. */
export type Reach =
  | { ok: true; record: ContainerRecord; port: number; clientAddress: string; address: string }
  | { ok: false; error: 'resolve' | 'refused' };

export function reach(host: Host, fromPid: number, name: string, port: number): Reach {
  const engine = host.docker;
  const caller = containerOfNetns(host, host.kernel.require(fromPid).ns.net);
  const address = lookup(host, fromPid, name);
  if (address === null) return { ok: false, error: 'resolve' };
  const listening = (record: ContainerRecord | undefined, inside: number, clientAddress: string, shown: string): Reach =>
    record?.server?.ports.includes(inside) ? { ok: true, record, port: inside, clientAddress, address: shown } : { ok: false, error: 'refused' };
  // Inside a container, localhost is the container itself.
  if (caller && (address === '127.0.0.1' || address === '::1')) return listening(caller, port, '127.0.0.1', '127.0.0.1');
  // The host's own address reaches its published ports from anywhere; loopback only from the host.
  if (address === host.address || (!caller && (address === '127.0.0.1' || address === '::1'))) {
    const shown = address === host.address ? host.address : '127.0.0.1';
    const published = engine.byPublishedPort(port);
    // docker-proxy / the NAT rule answers on the host's address; the container sees the bridge.
    if (published) return listening(published.record, published.port, published.record.network?.gateway ?? '172.17.0.1', shown);
    // A --network host container listens on the host's own stack.
    return listening(engine.list(false).find((c) => c.hostConfig.networkMode === 'host' && c.server?.ports.includes(port)), port, '127.0.0.1', shown);
  }
  const target = engine.byAddress(address);
  // The client's address on the target's network: its own there, or the bridge's gateway.
  const subnet = `${address.split('.').slice(0, 2).join('.')}.`;
  const near = (record: ContainerRecord | undefined) => (record ? attachmentsOf(record).find((a) => a.ipAddress.startsWith(subnet)) : undefined);
  return listening(target, port, near(caller)?.ipAddress ?? near(target)?.gateway ?? '172.17.0.1', address);
}

/**
 * From a host of a Kubernetes cluster: a Service's ClusterIP, any node's NodePort (localhost
 * included) or a pod's IP reaches a pod, whose image answers. Undefined when the address is not the
 * cluster's, so Docker's routes apply.
 */
function connectInCluster(host: Host, fromPid: number, name: string, port: number): Connection | undefined {
  const lan = host.lan;
  if (!lan?.cluster || containerOfNetns(host, host.kernel.require(fromPid).ns.net)) return undefined;
  const address = lookup(host, fromPid, name);
  if (address === null) return undefined;
  const { cluster } = lan.cluster;
  cluster.settle();
  const target = routeInCluster(cluster, address === '127.0.0.1' ? host.address : address, port, lan.all().map((h) => h.address));
  if (!target) return undefined;
  const server = target.ok ? podServer(target.pod, target.port, lan.find(target.pod.spec.nodeName ?? '')) : undefined;
  if (!server) return { ok: false, error: 'refused' };
  return { ok: true, address, serve: async (request) => (await server({ ...request, clientAddress: host.address }, host.kernel.clock.now())).response };
}

/** An HTTP connection: reach, then the modelled server that answers. */
export function connect(host: Host, fromPid: number, name: string, port: number): Connection {
  const inCluster = connectInCluster(host, fromPid, name, port);
  if (inCluster) return inCluster;
  const reached = reach(host, fromPid, name, port);
  if (!reached.ok) return reached;
  const { record, clientAddress, address } = reached;
  const engine = host.docker;
  const server = record.server!;
  if (server.program === 'redis-server') return { ok: false, error: 'not-http' };
  return {
    ok: true,
    address,
    serve: async (request) => {
      const fs = host.mountsOf(host.kernel.require(record.pid).ns.mnt).view;
      const now = host.kernel.clock.now();
      const req = { ...request, clientAddress };
      const served =
        server.program === 'nginx' ? await serveNginx(fs, req, now)
        : server.program === 'httpd' ? await serveHttpd(fs, req, now)
        : server.program === 'flask' ? serveFlask(server.routes ?? [], req, now)
        : server.program === 'express' ? serveExpress(server.routes ?? [], req, now)
        : server.program === 'node-http' ? serveNodeHttp(server.fallback ?? '', req, now)
        : await servePythonHttp(fs, server.root ?? '/', req, now);
      if (served.log) engine.appendLog(record, served.log.stream, served.log.text);
      return served.response;
    },
  };
}
