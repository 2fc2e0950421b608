/**
 * Where a TCP connection lands: a published port on the host, a container's bridge address, or
 * `localhost` inside a container's own network namespace. Only modelled servers listen.
 */
import type { DockerEngine } from '../docker/engine';
import { serveExpress, serveFlask, serveHttpd, serveNginx, serveNodeHttp, servePythonHttp } from '../docker/http-servers';
import type { ContainerRecord } from '../docker/state';
import type { Host } from '../host';
import type { Connection } from './http';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]']);

export function connect(host: Host, fromPid: number, name: string, port: number): Connection {
  const engine = host.docker;
  const from = host.kernel.require(fromPid);
  const hostNet = host.kernel.require(1).ns.net;
  // Inside a container, localhost is the container itself.
  if (from.ns.net !== hostNet && LOOPBACK.has(name)) {
    const self = [...engine.list(false)].find((c) => host.kernel.get(c.pid)?.ns.net === from.ns.net);
    return self ? serverOf(host, engine, self, port, '127.0.0.1', '127.0.0.1') : { ok: false, error: 'refused' };
  }
  const isHost = LOOPBACK.has(name) || name === host.hostname || name === host.address;
  if (isHost) {
    const published = engine.byPublishedPort(port);
    if (!published) return { ok: false, error: 'refused' };
    // docker-proxy / the NAT rule answers on the host's address; the container sees the bridge.
    return serverOf(host, engine, published.record, published.port, '172.17.0.1', LOOPBACK.has(name) ? '127.0.0.1' : host.address);
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    const target = engine.byAddress(name);
    const client = from.ns.net === hostNet ? '172.17.0.1' : (engine.list(false).find((c) => host.kernel.get(c.pid)?.ns.net === from.ns.net)?.network?.ipAddress ?? '172.17.0.1');
    return target ? serverOf(host, engine, target, port, client, name) : { ok: false, error: 'refused' };
  }
  return { ok: false, error: 'resolve' };
}

function serverOf(host: Host, engine: DockerEngine, record: ContainerRecord, port: number, clientAddress: string, address: string): Connection {
  const server = record.server;
  if (!server || !server.ports.includes(port)) return { ok: false, error: 'refused' };
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
