/**
 * The `docker` command (docker 28 CLI): parses, calls the engine, formats. Unknown commands and
 * flags get the CLI's own words and exit codes; with dockerd stopped, every call says it cannot
 * connect to the daemon.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../shell/context';
import { DockerError } from '../errors';
import * as containers from './container-commands';
import { build } from './build';
import { events } from './events';
import { commit, cp } from './commit-cp';
import { CANNOT_CONNECT } from './format';
import * as imageCommands from './image-commands';
import { diff, inspect } from './inspect';
import { port, stats, top } from './observe';
import { network } from './network';
import { info, systemDf, volume } from './system';
import { containerPrune, imagePrune, systemPrune } from './prune';
import type { CommandOutput, Live } from './output';
import { takeTtyFlag } from '../../shell/plugins/tty-mark';
import { load, save } from './save-load';

const VERSION = `Client: Docker Engine - Community
 Version:           28.0.4
 API version:       1.48
 Go version:        go1.23.7
 Git commit:        b8034c0
 Built:             Tue Mar 25 15:07:16 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          28.0.4
  API version:      1.48 (minimum version 1.24)
  Go version:       go1.23.7
  Git commit:       6430e49
  Built:            Tue Mar 25 15:07:16 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.27
  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da
 runc:
  Version:          1.2.5
  GitCommit:        v1.2.5-0-g59923ef
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`;

const USAGE = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  build       Build an image from a Dockerfile
  pull        Download an image from a registry
  images      List images
  version     Show the Docker version information

Management Commands:
  container   Manage containers
  image       Manage images

Commands:
  create      Create a new container
  diff        Inspect changes to files or directories on a container's filesystem
  history     Show the history of an image
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  rmi         Remove one or more images
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Run 'docker COMMAND --help' for more information on a command.
`;

const ALIASES: Record<string, string> = { 'image build': 'build', 'buildx build': 'build', 'container ls': 'ps', 'container top': 'top', 'container stats': 'stats', 'container port': 'port', 'container list': 'ps', 'container run': 'run', 'container rm': 'rm', 'container stop': 'stop', 'container start': 'start', 'container inspect': 'inspect', 'container logs': 'logs', 'container exec': 'exec', 'container create': 'create', 'container kill': 'kill', 'container diff': 'diff', 'container commit': 'commit', 'container cp': 'cp', 'image ls': 'images', 'image list': 'images', 'image pull': 'pull', 'image rm': 'rmi', 'image inspect': 'inspect', 'image history': 'history', 'image tag': 'tag' };

/** What this sandbox's docker does not model yet: said plainly, never a wrong answer. */
const NOT_YET = new Set(['pause', 'unpause', 'rename', 'update', 'wait', 'attach', 'login', 'logout', 'push', 'search', 'compose', 'buildx']);

export function dockerCommand(ctx: ShellContext) {
  return defineCommand('docker', async (ttyArgs, commandContext) => {
    // With its output on the terminal, docker prints as it goes (a pull's layers, a server's logs).
    const { tty, args: rawArgs } = takeTtyFlag(ttyArgs);
    const live: Live | null = tty && ctx.host.console.canStream ? { write: (text) => ctx.host.console.stream(text), clock: ctx.kernel.clock, signal: commandContext.signal } : null;
    let args = rawArgs;
    if (args.length >= 2 && ALIASES[`${args[0]} ${args[1]}`]) args = [ALIASES[`${args[0]} ${args[1]}`], ...args.slice(2)];
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h') return { stdout: USAGE.slice(1), stderr: '', exitCode: 0 };
    if (sub === '--version' || sub === '-v') return { stdout: 'Docker version 28.0.4, build b8034c0\n', stderr: '', exitCode: 0 };
    const engine = ctx.host.docker;
    const known = new Set(['container', 'image', 'commit', 'cp', 'info', 'system', 'network', 'volume', 'top', 'stats', 'port', 'build', 'version', 'pull', 'images', 'rmi', 'tag', 'history', 'run', 'create', 'start', 'stop', 'restart', 'kill', 'rm', 'ps', 'logs', 'exec', 'inspect', 'diff', 'events', 'save', 'load', ...NOT_YET]);
    if (!known.has(sub)) return { stdout: '', stderr: `docker: unknown command: docker ${sub}\n\nRun 'docker --help' for more information\n`, exitCode: 1 };
    if (NOT_YET.has(sub)) return { stdout: '', stderr: `docker ${sub}: not modelled in this sandbox yet\n`, exitCode: 1 };
    if (rest.includes('--help')) return { stdout: `\nUsage:  docker ${sub} [OPTIONS]\n\nRun 'docker ${sub} --help' on a real Docker host for every option; this sandbox models the common ones.\n`, stderr: '', exitCode: 0 };
    if (!engine.daemonRunning()) {
      if (sub === 'version') return { stdout: VERSION.split('\n\nServer')[0] + '\n', stderr: CANNOT_CONNECT, exitCode: 1 };
      return { stdout: '', stderr: CANNOT_CONNECT, exitCode: 1 };
    }
    const now = ctx.kernel.clock.now();
    try {
      const result: CommandOutput = await dispatch();
      return result;
    } catch (error) {
      if (error instanceof DockerError) return { stdout: '', stderr: error.bare ? `${error.message}\n` : `Error response from daemon: ${error.message}\n`, exitCode: error.exitCode };
      throw error;
    }
    /** What a prune's "Are you sure?" reads: the command's stdin (`echo y | docker system prune`). */
    function answer(): string {
      // At run time stdin is a latin1 byte string; the browser build of just-bash exports no
      // decoder, and an ASCII "y" reads the same either way.
      return commandContext.stdin ? String(commandContext.stdin as unknown) : '';
    }
    async function dispatch(): Promise<CommandOutput> {
      switch (sub) {
        case 'version':
          return { stdout: VERSION, stderr: '', exitCode: 0 };
        case 'build':
          return build(engine, commandContext.fs, commandContext.cwd, rest, (reference) => imageCommands.pullLines(engine, reference), live);
        case 'pull':
          return imageCommands.pull(engine, rest, live);
        case 'images':
          return imageCommands.images(engine, rest, now);
        case 'rmi':
          return imageCommands.rmi(engine, rest);
        case 'tag':
          return imageCommands.tag(engine, rest);
        case 'history':
          return imageCommands.history(engine, rest, now);
        case 'run':
        case 'create':
          return containers.run(ctx, engine, rest, sub === 'create', live, tty);
        case 'start':
        case 'stop':
        case 'restart':
        case 'kill':
        case 'rm':
          return containers.lifecycle(ctx, engine, sub, rest, commandContext.signal);
        case 'ps':
          return containers.ps(engine, rest, now);
        case 'logs':
          return containers.logs(ctx, engine, rest, commandContext.signal, live);
        case 'exec':
          return containers.exec(ctx, engine, rest);
        case 'inspect':
          return inspect(engine, rest);
        case 'top':
          return top(engine, ctx.kernel, rest);
        case 'info':
          return info(engine);
        case 'commit':
          return commit(engine, ctx.host, rest);
        case 'cp':
          return cp(engine, ctx.host, commandContext.fs, commandContext.cwd, rest);
        case 'container':
          if (rest[0] === 'prune') return containerPrune(engine, ctx.host.layerRoot(), rest.slice(1), answer());
          return { stdout: '', stderr: `docker container ${rest[0] ?? ''}: not modelled in this sandbox yet\n`, exitCode: 1 };
        case 'image':
          if (rest[0] === 'prune') return imagePrune(engine, rest.slice(1), answer());
          return { stdout: '', stderr: `docker image ${rest[0] ?? ''}: not modelled in this sandbox yet\n`, exitCode: 1 };
        case 'system':
          if (rest[0] === 'df') return systemDf(engine);
          if (rest[0] === 'prune') return systemPrune(engine, ctx.host.layerRoot(), rest.slice(1), answer());
          return { stdout: '', stderr: `docker system ${rest[0] ?? ''}: not modelled in this sandbox yet\n`, exitCode: 1 };
        case 'network':
          return network(engine, rest, answer(), now);
        case 'volume':
          return volume(engine, rest);
        case 'stats':
          return stats(engine, ctx.kernel, rest);
        case 'port':
          return port(engine, rest);
        case 'events':
          return events(engine, rest, now, live);
        case 'diff':
          return diff(engine, ctx.host.layerRoot(), rest);
        case 'save':
          return save(engine, commandContext.fs, commandContext.cwd, rest, tty);
        case 'load':
          return load(engine, commandContext.fs, commandContext.cwd, rest, answer(), tty);
        default:
          return { stdout: '', stderr: `docker ${sub}: not modelled in this sandbox yet\n`, exitCode: 1 };
      }
    }
  });
}
