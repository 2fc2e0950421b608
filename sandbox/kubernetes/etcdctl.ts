/**
 * etcdctl (v3.5) against the cluster's etcd on the control-plane host: `get KEY [--prefix]
 * [--keys-only]`, `member list`, `endpoint health`. Like the real one it needs the client
 * certificate (--cacert, --cert, --key) to talk to kubeadm's TLS-only etcd; without it the call
 * times out. Values are protobuf in real etcd; the lab shows them as JSON and says so.
 */
import { defineCommand } from 'just-bash';
import { sha256 } from '../core/sha256';
import type { ShellContext } from '../shell/context';
import { resourceForKind } from './api/resources';
import type { KubeObject } from './api/types';

const TIMEOUT = (now: string) => `{"level":"warn","ts":"${now}","logger":"etcd-client","caller":"v3@v3.5.15/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000386000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"error reading server preface: EOF\\""}\nError: context deadline exceeded\n`;

export function etcdctlCommand(ctx: ShellContext) {
  return defineCommand('etcdctl', async (args) => {
    const flags = new Map<string, string>();
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg.startsWith('--')) {
        const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
        if (['prefix', 'keys-only', 'print-value-only', 'insecure-skip-tls-verify'].includes(name)) flags.set(name, 'true');
        else flags.set(name, inline ?? args[++i] ?? '');
      } else words.push(arg);
    }
    if (args.includes('--version') || words[0] === 'version') return { stdout: 'etcdctl version: 3.5.15\nAPI version: 3.5\n', stderr: '', exitCode: 0 };
    const cluster = ctx.host.lan?.cluster;
    const tls = flags.has('cacert') && flags.has('cert') && flags.has('key');
    const local = cluster && cluster.apiServerAddress === ctx.host.address;
    if (!cluster || !local || !tls) {
      // The client retries until its 5 s deadline passes.
      await ctx.kernel.clock.sleep(5_000);
      return { stdout: '', stderr: TIMEOUT(new Date(ctx.kernel.clock.now()).toISOString().replace('Z', '+0000')), exitCode: 1 };
    }
    const store = cluster.cluster.store;
    cluster.cluster.settle();
    const [verb, key, end] = words;
    if (verb === 'get' && key !== undefined) {
      const keys = store.etcdKeys().filter((k) => (flags.has('prefix') ? k.startsWith(key) : k === key || (end !== undefined && k >= key && k < end)));
      if (flags.has('keys-only')) return { stdout: keys.map((k) => `${k}\n\n`).join(''), stderr: '', exitCode: 0 };
      // Each object under its own key (kind, namespace and name), as the API server stores it.
      const byKey = new Map(store.snapshot().objects.map((o) => [etcdKeyOf(o), o]));
      const value = (k: string) => JSON.stringify(byKey.get(k) ?? '');
      return { stdout: keys.map((k) => `${flags.has('print-value-only') ? '' : `${k}\n`}${value(k)}\n`).join(''), stderr: keys.length > 0 ? 'dockyard: etcd stores these as protobuf; the lab prints them as JSON\n' : '', exitCode: 0 };
    }
    if (verb === 'member' && key === 'list') return { stdout: `${sha256(`etcd-member:${ctx.host.hostname}:${ctx.host.address}`).slice(0, 16)}, started, ${ctx.host.hostname}, https://${ctx.host.address}:2380, https://${ctx.host.address}:2379, false\n`, stderr: '', exitCode: 0 };
    if (verb === 'endpoint' && key === 'health') return { stdout: `127.0.0.1:2379 is healthy: successfully committed proposal: took = 1.837412ms\n`, stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `dockyard: etcdctl ${words.join(' ')} is not modelled in this sandbox; try etcdctl get /registry --prefix --keys-only\n`, exitCode: 1 };
  });
}

/** `/registry/<prefix>/[<namespace>/]<name>`: where the API server keeps an object in etcd. */
function etcdKeyOf(object: KubeObject): string {
  const info = resourceForKind(object.kind, object.apiVersion);
  const ns = info?.namespaced && object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `/registry/${info?.etcdPrefix ?? object.kind.toLowerCase()}/${ns}${object.metadata.name}`;
}
