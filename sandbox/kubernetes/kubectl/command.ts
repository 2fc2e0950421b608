/**
 * The `kubectl` command (v1.31): finds the cluster through the kubeconfig, brings the cluster up
 * to the present (controllers and kubelets catch up on the simulated clock), then runs the verb.
 * What is not modelled yet says so plainly.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { apiResourceTable } from '../api/resources';
import { KUBERNETES_VERSION } from '../node/kubelet';
import { lastValue, parseKubectlArgs } from './args';
import { connect } from './connection';
import { tabwrite, GET_TABWRITER } from './print/tabwriter';
import { apply } from './verbs/apply';
import { describe } from './verbs/describe';
import { configView, cordon, drain, labelOrAnnotate, logs, taint } from './verbs/manage';
import { rollout, setImage } from './verbs/rollout';
import { get } from './verbs/get';
import { wait, watch } from './verbs/watch';
import { create, expose, remove, run, scale } from './verbs/mutate';
import type { KubectlResult } from './verbs/result';

const CLIENT_VERSION = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: v5.4.2\n`;

export function kubectlCommand(ctx: ShellContext) {
  return defineCommand('kubectl', async (argv, commandContext) => {
    const [verb, ...rest] = argv;
    if (!verb || verb === '--help' || verb === '-h') return { stdout: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nUsage:\n  kubectl [flags] [options]\n', stderr: '', exitCode: 0 };
    const args = parseKubectlArgs(rest, verb);
    if ('error' in args) return { stdout: '', stderr: args.error, exitCode: 1 };
    if (verb === 'version' && args.flags.has('client')) return { stdout: CLIENT_VERSION, stderr: '', exitCode: 0 };
    const now = ctx.kernel.clock.now();
    const cluster = ctx.host.lan?.cluster;
    const connection = await connect({ fs: commandContext.fs, cwd: commandContext.cwd, env: commandContext.env, kubeconfigFlag: lastValue(args, 'kubeconfig'), now, pid: ctx.shellPid, cluster: cluster?.cluster, apiServerAddress: cluster?.apiServerAddress });
    if (!connection.ok) {
      if (verb === 'version') return { stdout: CLIENT_VERSION, stderr: connection.stderr.split('\n').filter((l) => !l.startsWith('E')).join('\n'), exitCode: 1 };
      return { stdout: '', stderr: connection.stderr, exitCode: 1 };
    }
    const live = connection.cluster;
    live.settle();
    const store = live.store;
    const namespace = lastValue(args, 'namespace') ?? 'default';
    // Waiting verbs sleep on the clock (Ctrl-C ends them) and print as they go on a terminal.
    const waiting = {
      sleep: async (ms: number) => {
        await ctx.kernel.clock.sleep(ms, commandContext.signal);
        return !commandContext.signal?.aborted;
      },
      write: (text: string) => ctx.host.console.stream(text),
    };
    const result: KubectlResult = await (async (): Promise<KubectlResult> => {
      switch (verb) {
        case 'apply':
          // At run time stdin is a byte string (see docker prune): a manifest is ASCII or UTF-8 text.
          return apply(store, args, namespace, commandContext.fs, commandContext.cwd, commandContext.stdin ? String(commandContext.stdin as unknown) : '', { clusterIP: () => live.allocateClusterIP(), nodePort: () => live.allocateNodePort() });
        case 'get':
          if (args.flags.has('watch')) return watch(live, args, namespace, waiting);
          return get(store, args, namespace, ctx.kernel.clock.now());
        case 'wait':
          return wait(live, args, namespace, waiting);
        case 'version':
          return { stdout: `${CLIENT_VERSION}Server Version: ${KUBERNETES_VERSION}\n`, stderr: '', exitCode: 0 };
        case 'cluster-info':
          return { stdout: `\u001b[0;32mKubernetes control plane\u001b[0m is running at \u001b[0;33m${connection.server}\u001b[0m\n\u001b[0;32mCoreDNS\u001b[0m is running at \u001b[0;33m${connection.server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\u001b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`, stderr: '', exitCode: 0 };
        case 'api-resources':
          return { stdout: tabwrite(apiResourceTable().map((row) => row.join('\t')).join('\n') + '\n', GET_TABWRITER), stderr: '', exitCode: 0 };
        case 'rollout':
          return rollout(live, args, namespace, async (ms) => {
            await ctx.kernel.clock.sleep(ms, commandContext.signal);
            return !commandContext.signal?.aborted;
          }, (text) => ctx.host.console.stream(text));
        case 'set':
          return setImage(store, args, namespace);
        case 'label':
          return labelOrAnnotate(store, args, namespace, 'labels');
        case 'annotate':
          return labelOrAnnotate(store, args, namespace, 'annotations');
        case 'cordon':
        case 'uncordon':
          return cordon(store, args, verb === 'cordon');
        case 'drain':
          return drain(store, args);
        case 'taint':
          return taint(store, args);
        case 'logs':
          return logs(store, args, namespace, ctx.kernel.clock.now());
        case 'config':
          if (args.operands[0] === 'view') return configView(commandContext.fs, commandContext.fs.resolvePath(commandContext.cwd, lastValue(args, 'kubeconfig') ?? commandContext.env.get('KUBECONFIG') ?? `${commandContext.env.get('HOME') ?? '/root'}/.kube/config`));
          return { stdout: '', stderr: `dockyard: kubectl config ${args.operands[0] ?? ''} is not modelled in this sandbox yet; try kubectl config view\n`, exitCode: 1 };
        case 'describe':
          return describe(store, args, namespace, ctx.kernel.clock.now());
        case 'create':
          return create(store, args, namespace);
        case 'run':
          return run(store, args, namespace);
        case 'scale':
          return scale(store, args, namespace);
        case 'delete': {
          const removed = remove(store, args, namespace);
          // kubectl waits until what it deleted is gone (a pod: until its kubelet has stopped it).
          for (let step = 0; step < 100 && removed.exitCode === 0 && store.list('Pod').some((p) => p.metadata.deletionTimestamp && removed.stdout.includes(`"${p.metadata.name}"`)); step++) {
            const next = live.nextChange();
            if (next === undefined) break;
            await ctx.kernel.clock.sleep(Math.max(1, next - live.now()), commandContext.signal);
            if (commandContext.signal?.aborted) break;
            live.settle();
          }
          return removed;
        }
        case 'expose':
          return expose(store, args, namespace, () => live.allocateNodePort(), () => live.allocateClusterIP());
        default:
          return { stdout: '', stderr: `dockyard: kubectl ${verb} is not modelled in this sandbox yet\n`, exitCode: 1 };
      }
    })();
    // What the command changed, the controllers act on before the prompt returns.
    live.settle();
    return result;
  });
}
