/**
 * `kk`, KubeSphere's installer (KubeKey v3.1), as the binary its docs download into the current
 * directory (`curl -sfL https://get-kk.kubesphere.io | sh -`, then `./kk`). On the cluster
 * course's control plane it is already there: `./kk` is a small script that runs this command,
 * which the shell keeps off PATH (kk is not installed system-wide by its download).
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { asProcess } from '../../shell/commands/as-process';
import { formatDate } from '../../shell/commands/date';
import { HIDDEN_PREFIX } from '../../shell/hidden-commands';
import { parsePflags } from '../../shell/pflag';
import { takeTtyFlag } from '../../shell/plugins/tty-mark';
import type { Live } from '../../docker/cli/output';
import { Printer, type KubeadmResult } from '../kubeadm/printer';
import { DEFAULT_KUBE_VERSION, KUBEKEY_VERSION, readClusterConfig, sampleConfig, type KkCluster } from './config';
import { createCluster } from './pipeline';

export const KK_COMMAND = `${HIDDEN_PREFIX}kk`;
/** The file `./kk` is: a launcher for the command above. */
export const KK_LAUNCHER = `#!/bin/bash\n# KubeKey ${KUBEKEY_VERSION} (linux/amd64), as modelled by Dockyard.\n${KK_COMMAND} "$@"\n`;

const USAGE = `Deploy a Kubernetes or KubeSphere cluster efficiently, flexibly and easily. There are three scenarios to use KubeKey.
1. Install Kubernetes only
2. Install Kubernetes and KubeSphere together in one command
3. Install Kubernetes first, then deploy KubeSphere on it using https://github.com/kubesphere/ks-installer

Usage:
  kk [command]

Available Commands:
  add         Add nodes to kubernetes cluster
  alpha       Commands for features in alpha
  artifact    Manage a KubeKey offline installation package
  certs       cluster certs
  completion  Generate shell completion scripts
  create      Create a cluster or a cluster configuration file
  delete      Delete node or cluster
  help        Help about any command
  init        Initializes the installation environment
  plugin      Provides utilities for interacting with plugins
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     print the client version information

Flags:
  -h, --help   help for kk

Use "kk [command] --help" for more information about a command.
`;

const VALUED = new Set(['filename', 'with-kubernetes', 'with-kubesphere', 'container-manager', 'artifact', 'name', 'download-cmd', 'namespace', 'skip-pull-images']);
const SWITCHES = new Set(['yes', 'help', 'debug', 'with-local-storage', 'with-packages', 'skip-push-images', 'ignore-err', 'in-cluster']);
const SHORT: Record<string, string> = { f: 'filename', y: 'yes', h: 'help', a: 'artifact' };

const FLAGS = { valued: VALUED, switches: SWITCHES, short: SHORT };

/** `kk create cluster` without -f: an all-in-one cluster on this host. */
function allInOne(ctx: ShellContext, version: string): KkCluster {
  const self = { name: ctx.host.hostname, address: ctx.host.address, internalAddress: ctx.host.address };
  return { name: 'sample', hosts: [self], etcd: [self], controlPlane: [self], worker: [self], endpoint: { domain: 'lb.kubesphere.local', address: '', port: 6443 }, version, plugin: 'calico', podCidr: '10.233.64.0/18', serviceCidr: '10.233.0.0/18' };
}

export function kkCommand(ctx: ShellContext) {
  return defineCommand(KK_COMMAND, async (ttyArgs, commandContext) => {
    const { tty, args } = takeTtyFlag(ttyArgs);
    return asProcess(ctx, ['./kk', ...args], async ({ pid }): Promise<KubeadmResult> => {
      const parsed = parsePflags(args, FLAGS);
      if ('error' in parsed) return { stdout: '', stderr: `Error: ${parsed.error}\n`, exitCode: 1 };
      const { words } = parsed;
      // kk reads each flag once: the last value given wins, as pflag's string flags do.
      const flags = new Map([...parsed.flags].map(([name, values]) => [name, values.at(-1)!]));
      const [verb, object] = words;
      if (!verb || verb === 'help' || (flags.has('help') && !verb)) return { stdout: USAGE, stderr: '', exitCode: 0 };
      if (verb === 'version') return { stdout: `kk version: &version.Info{Major:"3", Minor:"1", GitVersion:"${KUBEKEY_VERSION}", GitTreeState:"clean", Compiler:"gc", Platform:"linux/amd64"}\n`, stderr: '', exitCode: 0 };
      if (verb !== 'create' || (object !== 'config' && object !== 'cluster')) {
        return { stdout: '', stderr: `dockyard: kk ${words.join(' ')} is not modelled in this sandbox yet; try ./kk create config or ./kk create cluster\n`, exitCode: 1 };
      }
      const fs = commandContext.fs;
      const version = flags.get('with-kubernetes') ?? DEFAULT_KUBE_VERSION;
      if (object === 'config') {
        const file = flags.get('filename') ?? 'config-sample.yaml';
        await fs.writeFile(fs.resolvePath(commandContext.cwd, file), sampleConfig(version));
        return { stdout: 'Generate KubeKey config file successfully\n', stderr: '', exitCode: 0 };
      }
      let config: KkCluster;
      const file = flags.get('filename');
      if (file) {
        let text: string;
        try {
          text = await fs.readFile(fs.resolvePath(commandContext.cwd, file));
        } catch {
          return { stdout: '', stderr: `error: Failed to download cluster config: open ${file}: no such file or directory\n`, exitCode: 1 };
        }
        const read = readClusterConfig(text);
        if ('error' in read) return { stdout: '', stderr: `${formatDate(ctx.kernel.clock.now(), '%H:%M:%S')} UTC [FATA] ${read.error}\n`, exitCode: 1 };
        config = flags.has('with-kubernetes') ? { ...read, version } : read;
      } else config = allInOne(ctx, version);
      const live: Live | null = tty && ctx.host.console.canStream ? { write: (text) => ctx.host.console.stream(text), clock: ctx.kernel.clock, signal: commandContext.signal } : null;
      const print = new Printer(ctx.kernel.clock, live, pid, commandContext.signal);
      const stdin = commandContext.stdin ? String(commandContext.stdin as unknown) : '';
      return createCluster(ctx.host, config, { yes: flags.has('yes'), answer: stdin === '' ? null : stdin }, print);
    });
  });
}
