/**
 * The `kubeadm` command (v1.31.4): parses argv as cobra would, then hands each subcommand to its
 * module. init and join print their phases live when the terminal listens; everything else
 * returns its text.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { asProcess } from '../../shell/commands/as-process';
import { takeTtyFlag } from '../../shell/plugins/tty-mark';
import type { Live } from '../../docker/cli/output';
import { parsePflags } from '../../shell/pflag';
import { runInit } from './init-command';
import { checkExpiration, INIT_DEFAULTS, version } from './info';
import { runJoin } from './join';
import { parseIgnored, STACK_TRACE } from './preflight';
import { Printer, type KubeadmResult } from './printer';
import { runReset } from './reset';
import { tokenCommand } from './token-command';

const USAGE = `

    ┌──────────────────────────────────────────────────────────┐
    │ KUBEADM                                                  │
    │ Easily bootstrap a secure Kubernetes cluster             │
    │                                                          │
    │ Please give us feedback at:                              │
    │ https://github.com/kubernetes/kubeadm/issues             │
    └──────────────────────────────────────────────────────────┘

Example usage:

    Create a two-machine cluster with one control-plane node
    (which controls the cluster), and one worker node
    (where your workloads, like Pods and Deployments run).

    ┌──────────────────────────────────────────────────────────┐
    │ On the first machine:                                    │
    ├──────────────────────────────────────────────────────────┤
    │ control-plane# kubeadm init                              │
    └──────────────────────────────────────────────────────────┘

    ┌──────────────────────────────────────────────────────────┐
    │ On the second machine:                                   │
    ├──────────────────────────────────────────────────────────┤
    │ worker# kubeadm join <arguments-returned-from-init>      │
    └──────────────────────────────────────────────────────────┘

    You can then repeat the second step on as many other machines as you like.

Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling kubernetes certificates
  completion  Output shell completion code for the specified shell (bash or zsh)
  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster
  help        Help about any command
  init        Run this command in order to set up the Kubernetes control plane
  join        Run this on any machine you wish to join an existing cluster
  kubeconfig  Kubeconfig file utilities
  reset       Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm

Flags:
  -h, --help                     help for kubeadm
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.

Use "kubeadm [command] --help" for more information about a command.
`;

/** Flags that take a value; every other `--flag` is a switch. */
const VALUED = new Set(['pod-network-cidr', 'service-cidr', 'apiserver-advertise-address', 'apiserver-bind-port', 'kubernetes-version', 'control-plane-endpoint', 'ignore-preflight-errors', 'token', 'discovery-token-ca-cert-hash', 'ttl', 'token-ttl', 'description', 'kubeconfig', 'config', 'cri-socket', 'node-name', 'v', 'output', 'image-repository', 'skip-phases', 'cert-dir', 'service-dns-domain', 'groups', 'usages', 'rootfs', 'certificate-key', 'discovery-file', 'discovery-token', 'tls-bootstrap-token']);
const SWITCHES = new Set(['upload-certs', 'dry-run', 'discovery-token-unsafe-skip-ca-verification', 'print-join-command', 'force', 'help', 'skip-token-print', 'skip-certificate-key-print', 'control-plane', 'cleanup-tmp-dir', 'allow-missing-template-keys', 'show-managed-fields']);
const SHORT: Record<string, string> = { f: 'force', v: 'v', o: 'output', h: 'help' };

const FLAGS = { valued: VALUED, switches: SWITCHES, short: SHORT };

/** A few InitConfiguration/ClusterConfiguration fields from --config (the rest keep their defaults). */
async function readConfigFile(ctx: ShellContext, path: string, cwd: string): Promise<Record<string, string> | { error: string }> {
  const fs = ctx.host.rootView();
  let text: string;
  try {
    text = await fs.readFile(fs.resolvePath(cwd, path));
  } catch {
    return { error: `unable to read config from "${path}" : open ${path}: no such file or directory` };
  }
  const field = (key: string) => new RegExp(`^\\s*${key}:\\s*"?([^"\\s]+)"?`, 'm').exec(text)?.[1];
  return Object.fromEntries(Object.entries({ podSubnet: field('podSubnet'), serviceSubnet: field('serviceSubnet'), advertiseAddress: field('advertiseAddress'), controlPlaneEndpoint: field('controlPlaneEndpoint'), kubernetesVersion: field('kubernetesVersion') }).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export function kubeadmCommand(ctx: ShellContext) {
  return defineCommand('kubeadm', async (ttyArgs, commandContext) => {
    const { tty, args } = takeTtyFlag(ttyArgs);
    return asProcess(ctx, ['kubeadm', ...args], async ({ pid }): Promise<KubeadmResult> => {
      const parsed = parsePflags(args, FLAGS);
      if ('error' in parsed) return { stdout: '', stderr: `${parsed.error}\n${STACK_TRACE}`, exitCode: 1 };
      const { words, flags } = parsed;
      const last = (name: string) => flags.get(name)?.at(-1);
      const [sub, ...operands] = words;
      if (!sub || sub === 'help' || (flags.has('help') && !sub)) return { stdout: USAGE.slice(1), stderr: '', exitCode: 0 };
      if (flags.has('help')) return { stdout: `Run 'kubeadm ${sub} --help' on a real host for every option; this sandbox models the common ones.\n`, stderr: '', exitCode: 0 };
      const live: Live | null = tty && ctx.host.console.canStream ? { write: (text) => ctx.host.console.stream(text), clock: ctx.kernel.clock, signal: commandContext.signal } : null;
      const print = new Printer(ctx.kernel.clock, live, pid, commandContext.signal);
      const uid = ctx.kernel.require(ctx.shellPid).uid;
      const ignored = parseIgnored(flags.get('ignore-preflight-errors') ?? []);
      switch (sub) {
        case 'version':
          return version(args);
        case 'init': {
          const file = last('config') ? await readConfigFile(ctx, last('config')!, commandContext.cwd) : {};
          if ('error' in file) return { stdout: '', stderr: `${file.error}\n${STACK_TRACE}`, exitCode: 1 };
          // Of init's phases, preflight runs alone; the others say so rather than running the whole init.
          if (operands[0] === 'phase' && operands[1] !== 'preflight') return { stdout: '', stderr: `dockyard: kubeadm init phase ${operands.slice(1).join(' ')} is not modelled in this sandbox; kubeadm init runs every phase, and kubeadm init phase preflight runs the checks alone\n`, exitCode: 1 };
          return runInit(ctx.host, uid, { preflightOnly: operands[0] === 'phase', podNetworkCidr: last('pod-network-cidr') ?? file.podSubnet, serviceCidr: last('service-cidr') ?? file.serviceSubnet, advertiseAddress: last('apiserver-advertise-address') ?? file.advertiseAddress, kubernetesVersion: last('kubernetes-version') ?? file.kubernetesVersion, controlPlaneEndpoint: last('control-plane-endpoint') ?? file.controlPlaneEndpoint, ignored }, print);
        }
        case 'join':
          if (operands.length > 1) return { stdout: '', stderr: `accepts at most 1 arg(s), received ${operands.length}\n${STACK_TRACE}`, exitCode: 1 };
          return runJoin(ctx.host, uid, { endpoint: operands[0], token: last('discovery-token') ?? last('token'), hashes: flags.get('discovery-token-ca-cert-hash') ?? [], unsafeSkipCaVerification: flags.has('discovery-token-unsafe-skip-ca-verification'), ignored }, print);
        case 'reset':
          return runReset(ctx.host, flags.has('force'), commandContext.stdin ? String(commandContext.stdin as unknown) : '', print);
        case 'token':
          return tokenCommand(ctx.host, operands[0], operands.slice(1), { kubeconfig: last('kubeconfig'), ttl: last('ttl'), description: last('description'), printJoinCommand: flags.has('print-join-command') });
        case 'certs':
          if (operands[0] === 'check-expiration') return checkExpiration(ctx.host, ctx.kernel.clock.now());
          return { stdout: '', stderr: `dockyard: kubeadm certs ${operands.join(' ')} is not modelled; try kubeadm certs check-expiration\n`, exitCode: 1 };
        case 'config':
          if (operands[0] === 'print' && operands[1] === 'init-defaults') return { stdout: INIT_DEFAULTS, stderr: '', exitCode: 0 };
          if (operands[0] === 'images' && operands[1] === 'list') return { stdout: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((n) => `registry.k8s.io/${n}:v1.31.4\n`).join('') + 'registry.k8s.io/coredns/coredns:v1.11.3\nregistry.k8s.io/pause:3.10\nregistry.k8s.io/etcd:3.5.15-0\n', stderr: '', exitCode: 0 };
          return { stdout: '', stderr: `dockyard: kubeadm config ${operands.join(' ')} is not modelled; try kubeadm config print init-defaults or config images list\n`, exitCode: 1 };
        case 'upgrade':
        case 'kubeconfig':
        case 'completion':
          return { stdout: '', stderr: `dockyard: kubeadm ${sub} is not modelled in this sandbox yet\n`, exitCode: 1 };
        default:
          return { stdout: '', stderr: `unknown command "${sub}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`, exitCode: 1 };
      }
    });
  });
}
