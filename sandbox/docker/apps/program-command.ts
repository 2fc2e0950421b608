/**
 * The programs image files hand over to (`exec __dockyard_program python3 "$@"`): python3 and pip
 * for the Python images, node and npm for the Node one, version answers for the others. A server program registers what it
 * answers with on its container and then runs until it is stopped (docker stop, Ctrl-C).
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { fail, ok } from '../../shell/commands/result';
import { node, npm } from './node';
import { pip, python, type ProgramEnv } from './python';
import { redisCli } from './redis-cli';
import { reach } from '../../net/connect';
import { takeTtyFlag } from '../../shell/plugins/tty-mark';
import { podProgramHook } from '../../kubernetes/node/pod-program';

export const PROGRAM_COMMAND = '__dockyard_program';

export function programCommand(ctx: ShellContext) {
  return defineCommand(PROGRAM_COMMAND, async (markedArgs, commandContext) => {
    const [name, ...marked] = markedArgs;
    const { tty, args: rest } = takeTtyFlag(marked);
    const engine = ctx.host.docker;
    const record = engine.containerOfProcess(ctx.host.activePid) ?? engine.containerOfProcess(ctx.shellPid);
    // A pod's container on a cluster node: the kubelet's containerd runs it, not dockerd.
    const pod = record ? undefined : podProgramHook(ctx.host, ctx.shellPid);
    const program: ProgramEnv = {
      fs: commandContext.fs,
      cwd: commandContext.cwd,
      env: Object.fromEntries(commandContext.env),
      address: record?.network?.ipAddress ?? pod?.address() ?? '127.0.0.1',
      serve: async (server, startup) => {
        if (!record && pod) return pod.serve(server, startup, commandContext.signal);
        if (!record) return fail('dockyard: in this sandbox, servers run inside containers\n', 1);
        engine.setServer(record, server);
        engine.appendLog(record, 'stdout', startup.stdout);
        engine.appendLog(record, 'stderr', startup.stderr);
        await ctx.kernel.clock.sleep(Number.POSITIVE_INFINITY, commandContext.signal);
        if (record.server === server) engine.setServer(record, null);
        return { stdout: '', stderr: '', exitCode: 130 };
      },
    };
    switch (name) {
      case 'python3':
        return python(rest, program);
      case 'pip':
        return pip(rest, program);
      case 'nginx':
        return rest.includes('-v') || rest.includes('-V') ? fail('nginx version: nginx/1.27.2\n', 0) : fail('dockyard: nginx runs as the container\'s main process here; start it with docker run nginx\n', 1);
      case 'node':
        return node(rest, program);
      case 'npm':
        return npm(rest, program);
      case 'redis-cli':
        // The client connects from its container: the shell that runs it may be the container's own.
        return redisCli(rest, tty, (host, port) => reach(ctx.host, engine.containerOfProcess(ctx.host.activePid) ? ctx.host.activePid : ctx.shellPid, host, port));
      case 'httpd':
        return rest.includes('-v') ? ok('Server version: Apache/2.4.62 (Unix)\nServer built:   Oct 15 2024 02:05:58\n') : fail("dockyard: httpd runs as the container's main process here\n", 1);
      default:
        return fail(`dockyard: ${name ?? ''} is not modelled in this sandbox\n`, 1);
    }
  });
}
