/**
 * The `kubectl` command (v1.31): finds the cluster through the kubeconfig, brings the cluster up
 * to the present (controllers and kubelets catch up on the simulated clock), then runs the verb.
 * What is not modelled yet says so plainly.
 */
import { nodeLogLines } from '../node/container-logs';
import { programsSettled } from '../node/pod-program';
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { apiResourceTable } from '../api/resources';
import { KUBERNETES_VERSION } from '../node/kubelet';
import { takeTtyFlag } from '../../shell/plugins/tty-mark';
import { lastValue, parseKubectlArgs, splitVerb } from './args';
import { connect, resolveHost } from './connection';
import { tabwrite, GET_TABWRITER } from './print/tabwriter';
import { apply } from './verbs/apply';
import { describe } from './verbs/describe';
import { cordon, drain, labelOrAnnotate, taint } from './verbs/manage';
import { config, contextNamespace } from './verbs/config';
import { events } from './verbs/events';
import { explain } from './verbs/explain';
import { logs, type Follow } from './verbs/logs';
import { portForward } from './verbs/port-forward';
import { rollout, setImage } from './verbs/rollout';
import { get } from './verbs/get';
import { wait, watch } from './verbs/watch';
import { remove, scale } from './verbs/mutate';
import { create, expose, run, type CreateEnv } from './verbs/create';
import { exec } from './verbs/exec';
import type { KubectlResult } from './verbs/result';

const CLIENT_VERSION = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: v5.4.2\n`;

export function kubectlCommand(ctx: ShellContext) {
  return defineCommand('kubectl', async (ttyArgv, commandContext) => {
    // What kubectl streams as it waits or follows goes to the terminal only when its stdout is one.
    const { tty, args: argv } = takeTtyFlag(ttyArgv);
    const stream = (text: string) => tty && ctx.host.console.stream(text);
    const { verb, rest } = splitVerb(argv);
    if (!verb || verb === '--help' || verb === '-h') return { stdout: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nUsage:\n  kubectl [flags] [options]\n', stderr: '', exitCode: 0 };
    const args = parseKubectlArgs(rest, verb);
    if ('error' in args) return { stdout: '', stderr: args.error, exitCode: 1 };
    if (verb === 'version' && args.flags.has('client')) return { stdout: CLIENT_VERSION, stderr: '', exitCode: 0 };
    // The kubeconfig verbs are the client's own: they work without a cluster.
    const kubeconfigPath = commandContext.fs.resolvePath(commandContext.cwd, lastValue(args, 'kubeconfig') ?? commandContext.env.get('KUBECONFIG')?.split(':')[0] ?? `${commandContext.env.get('HOME') ?? '/root'}/.kube/config`);
    if (verb === 'config') return config(commandContext.fs, kubeconfigPath, args);
    const now = ctx.kernel.clock.now();
    const cluster = ctx.host.lan?.cluster;
    const connection = await connect({ fs: commandContext.fs, cwd: commandContext.cwd, env: commandContext.env, kubeconfigFlag: lastValue(args, 'kubeconfig'), now, pid: ctx.shellPid, cluster: cluster?.cluster, apiServerAddress: cluster?.apiServerAddress, resolve: (name) => resolveHost(commandContext.fs, ctx.host, name) });
    if (!connection.ok) {
      if (verb === 'version') return { stdout: CLIENT_VERSION, stderr: connection.stderr.split('\n').filter((l) => !l.startsWith('E')).join('\n'), exitCode: 1 };
      return { stdout: '', stderr: connection.stderr, exitCode: 1 };
    }
    const live = connection.cluster;
    // Apps the kubelets just started get their moment to listen or to fail, as before a connection.
    await programsSettled(ctx.host);
    live.settle();
    const store = live.store;
    const namespace = lastValue(args, 'namespace') ?? contextNamespace(await commandContext.fs.readFile(kubeconfigPath).catch(() => '')) ?? 'default';
    // Verbs that stream until Ctrl-C (logs -f, port-forward) do so only on a terminal.
    const follow: Follow = {
      live: tty && ctx.host.console.canStream,
      write: (text) => void stream(text),
      block: () => ctx.kernel.clock.sleep(Number.POSITIVE_INFINITY, commandContext.signal),
    };
    // Waiting verbs fast-forward the clock to the next change (Ctrl-C ends them) and print as they go on a terminal.
    const waiting = {
      sleep: async (ms: number) => {
        await ctx.kernel.clock.fastForward(ms, commandContext.signal);
        return !commandContext.signal?.aborted;
      },
      write: stream,
    };
    const createEnv = (): CreateEnv => ({ store, namespace, now: ctx.kernel.clock.now(), allocate: { clusterIP: () => live.allocateClusterIP(), nodePort: () => live.allocateNodePort() }, afterDash: rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : [] });
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
            await ctx.kernel.clock.fastForward(ms, commandContext.signal);
            return !commandContext.signal?.aborted;
          }, stream);
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
          return logs(store, args, namespace, ctx.kernel.clock.now(), follow, async (pod, container) => (await programsSettled(ctx.host), nodeLogLines(ctx.host.lan, pod, container)));
        case 'events':
          return events(store, args, namespace, ctx.kernel.clock.now());
        case 'explain':
          return explain(args);
        case 'port-forward':
          return portForward(store, args, namespace, follow);
        case 'edit':
          // The editor pane saves files but cannot hand kubectl the result to apply.
          return { stdout: '', stderr: `dockyard: kubectl edit is not modelled in this sandbox yet; instead run\n  kubectl get ${args.operands.join(' ') || 'TYPE NAME'} -o yaml > obj.yaml\n  nano obj.yaml\n  kubectl apply -f obj.yaml\n`, exitCode: 1 };
        case 'describe':
          return describe(store, args, namespace, ctx.kernel.clock.now());
        case 'create':
          return create(args, createEnv());
        case 'run':
          return run(args, createEnv());
        case 'exec':
          return exec(ctx, store, rest, args, namespace);
        case 'scale':
          return scale(store, args, namespace);
        case 'delete': {
          const removed = remove(store, args, namespace);
          // kubectl waits until what it deleted is gone (a pod: until its kubelet has stopped it).
          for (let step = 0; step < 100 && removed.exitCode === 0 && store.list('Pod').some((p) => p.metadata.deletionTimestamp && removed.stdout.includes(`"${p.metadata.name}"`)); step++) {
            const next = live.nextChange();
            if (next === undefined) break;
            await ctx.kernel.clock.fastForward(Math.max(1, next - live.now()), commandContext.signal);
            if (commandContext.signal?.aborted) break;
            live.settle();
          }
          return removed;
        }
        case 'expose':
          return expose(args, createEnv());
        default:
          return { stdout: '', stderr: `dockyard: kubectl ${verb} is not modelled in this sandbox yet\n`, exitCode: 1 };
      }
    })();
    // What the command changed, the controllers act on before the prompt returns.
    live.settle();
    return result;
  });
}
