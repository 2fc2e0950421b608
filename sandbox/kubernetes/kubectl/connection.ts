/**
 * Which cluster kubectl talks to: the kubeconfig named by --kubeconfig, $KUBECONFIG or
 * ~/.kube/config, and its server's address. Without one kubectl tries localhost:8080 and fails
 * the way kubectl v1.31 does; with one whose server is down, it cannot connect.
 */
import type { IFileSystem } from 'just-bash';
import type { Cluster } from '../cluster';
import { formatDate } from '../../shell/commands/date';

export type Connection = { ok: true; cluster: Cluster; server: string } | { ok: false; stderr: string };

/** klog's header: `E0302 09:00:00.000000    1234 memcache.go:265] `. */
function klog(now: number, pid: number): string {
  return `E${formatDate(now, '%m%d %H:%M:%S')}.${String((now % 1000) * 1000).padStart(6, '0')}${String(pid).padStart(8)} memcache.go:265] `;
}

function refused(now: number, pid: number): string {
  const line = `${klog(now, pid)}"Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n`;
  return `${line.repeat(5)}The connection to the server localhost:8080 was refused - did you specify the right host or port?\n`;
}

export async function connect(options: { fs: IFileSystem; cwd: string; env: Map<string, string>; kubeconfigFlag?: string; now: number; pid: number; cluster: Cluster | undefined; apiServerAddress: string | undefined; resolve?: (name: string) => Promise<string | undefined> }): Promise<Connection> {
  const home = options.env.get('HOME') ?? '/root';
  const path = options.kubeconfigFlag ?? options.env.get('KUBECONFIG')?.split(':')[0] ?? `${home}/.kube/config`;
  let text: string;
  try {
    text = await options.fs.readFile(options.fs.resolvePath(options.cwd, path));
  } catch {
    if (options.kubeconfigFlag) return { ok: false, stderr: `error: stat ${options.kubeconfigFlag}: no such file or directory\n` };
    return { ok: false, stderr: refused(options.now, options.pid) };
  }
  const server = /^\s*server:\s*(\S+)/m.exec(text)?.[1];
  if (!server) return { ok: false, stderr: refused(options.now, options.pid) };
  const [, name, port = '443'] = /^https?:\/\/([^:/]+)(?::(\d+))?/.exec(server) ?? [];
  // A name (--control-plane-endpoint controlplane:6443) is looked up as /etc/hosts would answer.
  const address = name && ((await options.resolve?.(name)) ?? (/^[\d.]+$/.test(name) ? name : undefined));
  if (name && !address) return { ok: false, stderr: `Unable to connect to the server: dial tcp: lookup ${name} on 127.0.0.53:53: server misbehaving\n` };
  if (!options.cluster || !address || address !== options.apiServerAddress || port !== '6443') {
    return { ok: false, stderr: `Unable to connect to the server: dial tcp ${address ?? server}:${port}: connect: connection refused\n` };
  }
  return { ok: true, cluster: options.cluster, server };
}

/**
 * A server's host name as the resolver on `host` answers it: /etc/hosts first (kk adds
 * lb.kubesphere.local there), then the lab's names; localhost is this host.
 */
export async function resolveHost(fs: IFileSystem, host: { address: string; lan?: { find(name: string): { address: string } | undefined } }, name: string): Promise<string | undefined> {
  if (name === 'localhost' || name === '127.0.0.1') return host.address;
  const hosts = await fs.readFile('/etc/hosts').catch(() => '');
  for (const line of hosts.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && names.includes(name) && !address.startsWith('127.')) return address;
  }
  return host.lan?.find(name)?.address;
}
