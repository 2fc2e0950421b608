/**
 * `kubeadm token create [TOKEN] [--ttl D] [--description T] [--print-join-command]`, `token list`
 * and `token delete ID`: they talk to the API server named by /etc/kubernetes/admin.conf (or
 * --kubeconfig), so they work on the control plane only.
 */
import type { Host } from '../../host';
import type { Cluster } from '../cluster';
import { tabwrite } from '../kubectl/print/tabwriter';
import { rfc3339 } from '../api/time';
import { caCertHash, DEFAULT_GROUPS, deleteToken, generateToken, listTokens, storeToken, TOKEN_PATTERN } from './bootstrap-tokens';
import { shortHumanDuration } from '../kubectl/print/age';
import { STACK_TRACE } from './preflight';
import type { KubeadmResult } from './printer';

export interface TokenFlags {
  kubeconfig?: string;
  ttl?: string;
  description?: string;
  printJoinCommand: boolean;
}

const fail = (message: string): KubeadmResult => ({ stdout: '', stderr: `${message}\n${STACK_TRACE}`, exitCode: 1 });

/** Go's time.ParseDuration for what --ttl takes (`24h0m0s`, `2h`, `30m`, `0`). */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|h|m|s)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return text.length > 0 ? total : undefined;
}

async function adminConnection(host: Host, path: string): Promise<{ cluster: Cluster; server: string; caPem: string } | { error: string }> {
  let text: string;
  try {
    text = await host.rootView().readFile(path);
  } catch {
    return { error: `failed to load admin kubeconfig: open ${path}: no such file or directory` };
  }
  const server = /server: (\S+)/.exec(text)?.[1] ?? '';
  const caData = /certificate-authority-data: (\S+)/.exec(text)?.[1] ?? '';
  const lan = host.lan?.cluster;
  const address = /^https:\/\/([^:/]+)/.exec(server)?.[1] ?? '';
  const target = host.lan?.find(address)?.address ?? address;
  if (!lan || target !== lan.apiServerAddress) return { error: `failed to list bootstrap tokens: Get "${server}/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken": dial tcp ${address}:6443: connect: connection refused` };
  lan.cluster.settle();
  return { cluster: lan.cluster, server, caPem: new TextDecoder().decode(Uint8Array.from(atob(caData), (c) => c.charCodeAt(0))) };
}

export async function tokenCommand(host: Host, verb: string | undefined, operands: string[], flags: TokenFlags): Promise<KubeadmResult> {
  const now = host.kernel.clock.now();
  if (verb === 'generate') return { stdout: `${generateToken(host.random)}\n`, stderr: '', exitCode: 0 };
  if (verb !== 'create' && verb !== 'list' && verb !== 'delete') {
    return { stdout: '', stderr: `dockyard: kubeadm token ${verb ?? ''} is not modelled; try kubeadm token create, list, delete or generate\n`, exitCode: 1 };
  }
  const connection = await adminConnection(host, flags.kubeconfig ?? '/etc/kubernetes/admin.conf');
  if ('error' in connection) return fail(connection.error);
  const { store } = connection.cluster;
  if (verb === 'list') {
    const rows = listTokens(store, now).map((t) => {
      const ttl = (t.expires === undefined ? '<forever>' : shortHumanDuration(t.expires - now)).padEnd(9);
      const expires = t.expires === undefined ? '<never>' : rfc3339(t.expires);
      return [`${t.id}.${t.secret}`, ttl, expires, [...t.usages].sort().join(','), t.description ?? '<none>', t.groups.join(',')].join('\t');
    });
    return { stdout: tabwrite(['TOKEN\tTTL\tEXPIRES\tUSAGES\tDESCRIPTION\tEXTRA GROUPS', ...rows].join('\n') + '\n', { minwidth: 10, padding: 3 }), stderr: '', exitCode: 0 };
  }
  if (verb === 'delete') {
    if (operands.length === 0) return fail('missing argument; \'token delete\' is missing token of form "[a-z0-9]{6}" or "[a-z0-9]{6}\\.[a-z0-9]{16}"');
    const lines: string[] = [];
    for (const operand of operands) {
      const id = operand.split('.')[0];
      if (!deleteToken(store, id)) return fail(`failed to delete bootstrap token with name "bootstrap-token-${id}": secrets "bootstrap-token-${id}" not found`);
      lines.push(`bootstrap token "${id}" deleted\n`);
    }
    return { stdout: lines.join(''), stderr: '', exitCode: 0 };
  }
  const token = operands[0] ?? generateToken(host.random);
  if (!TOKEN_PATTERN.test(token)) return fail(`the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const ttl = parseDuration(flags.ttl ?? '24h0m0s');
  if (ttl === undefined) return fail(`invalid argument "${flags.ttl}" for "--ttl" flag: time: invalid duration "${flags.ttl}"`);
  const [id, secret] = token.split('.');
  if (store.get('Secret', 'kube-system', `bootstrap-token-${id}`)) return fail(`failed to create bootstrap token with name "bootstrap-token-${id}": secrets "bootstrap-token-${id}" already exists`);
  storeToken(store, { id, secret, expires: ttl > 0 ? now + ttl : undefined, usages: ['authentication', 'signing'], description: flags.description, groups: [DEFAULT_GROUPS] });
  if (!flags.printJoinCommand) return { stdout: `${token}\n`, stderr: '', exitCode: 0 };
  return { stdout: `kubeadm join ${connection.server.replace('https://', '')} --token ${token} --discovery-token-ca-cert-hash ${caCertHash(connection.caPem)} \n`, stderr: '', exitCode: 0 };
}
