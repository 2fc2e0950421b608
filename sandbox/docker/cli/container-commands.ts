/** docker run, create, start, stop, restart, kill, rm, ps, logs and exec. */
import type { ShellContext } from '../../shell/context';
import { SIGNALS } from '../../kernel/process';
import type { DockerEngine } from '../engine';
import { DockerError } from '../errors';
import type { ContainerRecord } from '../state';
import { humanDuration, table } from './format';
import { pullLines, truncate } from './image-commands';
import { streamPull } from './pull-progress';
import { parseFlags, type FlagSpec } from './options';
import type { CommandOutput, Live } from './output';
import { createOptions, RUN_FLAGS } from './run-options';

const ok = (stdout = ''): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });

/** A failed pull during run: docker has already said it could not find the image locally. */
class PullFailed extends DockerError {
  constructor(
    readonly said: string,
    cause: DockerError,
  ) {
    super(cause.message, cause.exitCode);
  }
}

/** The image to run, pulled first when missing: drawn live on a terminal, else returned as text. */
async function imageFor(engine: DockerEngine, reference: string, live: Live | null): Promise<{ image: NonNullable<ReturnType<DockerEngine['images']['resolve']>>; pulled: string }> {
  const found = engine.images.resolve(reference);
  if (found) return { image: found, pulled: '' };
  const shown = reference.includes(':') || reference.includes('@') ? reference : `${reference}:latest`;
  const notFound = `Unable to find image '${shown}' locally\n`;
  try {
    const { header, layers, footer, lines, image } = await pullLines(engine, reference);
    const withoutDefault = (list: string[]) => list.filter((l) => !l.startsWith('Using default tag'));
    if (live && live.write(notFound) && (await streamPull(live, withoutDefault(header), layers, footer))) return { image, pulled: '' };
    return { image, pulled: `${notFound}${withoutDefault(lines).join('\n')}\n` };
  } catch (error) {
    if (error instanceof DockerError) throw new PullFailed(notFound, error);
    throw error;
  }
}

export async function run(ctx: ShellContext, engine: DockerEngine, args: string[], createOnly: boolean, live: Live | null = null, toTerminal = true): Promise<CommandOutput> {
  const command = createOnly ? 'create' : 'run';
  const parsed = parseFlags(command, args, RUN_FLAGS, true);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  const [reference, ...cmd] = parsed.operands;
  if (!reference) return { stdout: '', stderr: `"docker ${command}" requires at least 1 argument.\nSee 'docker ${command} --help'.\n\nUsage:  docker ${command} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n${createOnly ? 'Create a new container' : 'Create and run a new container from an image'}\n`, exitCode: 125 };
  let pulled = '';
  let record: ContainerRecord;
  try {
    const found = await imageFor(engine, reference, live);
    pulled = found.pulled;
    record = engine.create({ ...createOptions(parsed, reference, cmd), image: found.image });
  } catch (error) {
    if (error instanceof PullFailed) pulled = error.said;
    if (error instanceof DockerError) return { stdout: '', stderr: pulled + (error.bare ? `${error.message}\nSee 'docker ${command} --help'.\n` : `docker: Error response from daemon: ${error.message}\n\nRun 'docker ${command} --help' for more information\n`), exitCode: 125 };
    throw error;
  }
  await engine.prepare(record);
  if (live && live.write(pulled)) pulled = '';
  // docker writes a pull's progress to stderr: `docker run IMAGE | cmd` pipes only the container's
  // output. On a terminal that cannot stream (the headless transcript) the lines stay on stdout, so
  // they come before the container's output, as they did in time.
  const pulledOut = toTerminal ? pulled : '';
  const pulledErr = toTerminal ? '' : pulled;
  if (createOnly) return { stdout: `${pulledOut}${record.id}\n`, stderr: pulledErr, exitCode: 0 };
  const detach = parsed.flags.has('detach');
  // Attached to a terminal, everything the container logs is shown as it happens.
  const unfollow = live && !detach ? engine.followLogs(record, (line) => live.write(`${line.text}\n`)) : null;
  let outcome: Awaited<ReturnType<DockerEngine['start']>>;
  try {
    outcome = await engine.start(record, !detach, live?.signal);
  } catch (error) {
    unfollow?.();
    if (error instanceof DockerError && !error.bare) return { stdout: pulledOut, stderr: `${pulledErr}docker: Error response from daemon: ${error.message}\n\nRun 'docker ${command} --help' for more information\n`, exitCode: 125 };
    throw error;
  }
  // Only a server still running in the foreground keeps following its logs (below).
  if (outcome.kind !== 'running') unfollow?.();
  if (detach) return { stdout: `${pulledOut}${record.id}\n`, stderr: pulledErr, exitCode: 0 };
  if (outcome.kind === 'interactive') {
    attachShell(ctx, engine, record, outcome.pid, outcome.style, outcome.workdir);
    return { stdout: '', stderr: pulled, exitCode: 0 };
  }
  if (outcome.kind === 'exited') {
    if (record.hostConfig.autoRemove) engine.remove(record, true);
    // Attached to a terminal, the container's output was shown as it was logged; what was never
    // logged (runc failing to start the program) still needs saying.
    if (unfollow) return { stdout: '', stderr: outcome.exitCode === 127 ? outcome.stderr : '', exitCode: outcome.exitCode };
    return { stdout: pulledOut + outcome.stdout, stderr: pulledErr + outcome.stderr, exitCode: outcome.exitCode };
  }
  if (live && unfollow) {
    // A server in the foreground holds the terminal, printing its logs, until Ctrl-C stops it.
    live.write(record.logs.map((l) => `${l.text}\n`).join(''));
    await live.clock.sleep(Number.POSITIVE_INFINITY, live.signal);
    unfollow();
    if (live.signal?.aborted) await engine.stop(record);
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  // Without a terminal to hold: show what it printed; it keeps running until stopped.
  return { stdout: pulledOut + record.logs.map((l) => `${l.text}\n`).join(''), stderr: pulledErr, exitCode: 0 };
}

/** The terminal now belongs to a shell inside the container, until it exits. */
function attachShell(ctx: ShellContext, engine: DockerEngine, record: ContainerRecord, pid: number, style: 'bash' | 'ash', workdir: string) {
  const root = ctx.host.mountsOf(ctx.kernel.require(pid).ns.mnt).view;
  const session = ctx.host.openShell(pid, workdir, root, style);
  ctx.kernel.require(pid).argv = [style === 'ash' ? 'sh' : 'bash'];
  ctx.kernel.require(pid).comm = style === 'ash' ? 'sh' : 'bash';
  ctx.host.console.push(ctx.host.shellFrame(pid, session, () => engine.reconcile()));
}

const SIMPLE: FlagSpec = { time: { short: 't', value: true }, signal: { short: 's', value: true }, force: { short: 'f' }, volumes: { short: 'v' }, attach: { short: 'a' }, interactive: { short: 'i' } };

export async function lifecycle(ctx: ShellContext, engine: DockerEngine, verb: 'start' | 'stop' | 'restart' | 'kill' | 'rm', args: string[], signal?: AbortSignal): Promise<CommandOutput> {
  const parsed = parseFlags(verb, args, SIMPLE, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  if (parsed.operands.length === 0) return { stdout: '', stderr: `"docker ${verb}" requires at least 1 argument.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} [OPTIONS] CONTAINER [CONTAINER...]\n`, exitCode: 1 };
  let stdout = '';
  let stderr = '';
  for (const target of parsed.operands) {
    try {
      const record = engine.resolve(target);
      const grace = Number(parsed.values.get('time')?.at(-1) ?? 10);
      if (verb === 'stop') await engine.stop(record, grace, signal);
      else if (verb === 'kill') engine.kill(record, signalOf(parsed.values.get('signal')?.at(-1) ?? 'KILL'));
      else if (verb === 'rm') engine.remove(record, parsed.flags.has('force'));
      else {
        if (verb === 'restart') await engine.stop(record, grace, signal);
        const outcome = await engine.start(record, parsed.flags.has('attach') || parsed.flags.has('interactive'));
        if (outcome.kind === 'interactive') attachShell(ctx, engine, record, outcome.pid, outcome.style, outcome.workdir);
      }
      stdout += `${target}\n`;
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      stderr += `Error response from daemon: ${error.message}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function signalOf(name: string): number {
  const n = /^\d+$/.test(name) ? Number(name) : SIGNALS[name.toUpperCase().replace(/^SIG/, '')];
  if (!n) throw new DockerError(`Invalid signal: ${name}`);
  return n;
}

function statusText(record: ContainerRecord, now: number): string {
  if (record.status === 'running') return `Up ${humanDuration(now - (record.startedAt ?? now))}`;
  if (record.status === 'created') return 'Created';
  return `Exited (${record.exitCode}) ${humanDuration(now - (record.finishedAt ?? now))} ago`;
}

function portsText(record: ContainerRecord): string {
  if (record.status !== 'running') return '';
  const published = record.hostConfig.portBindings.flatMap((p) => [`0.0.0.0:${p.hostPort}->${p.containerPort}/${p.protocol}`, `[::]:${p.hostPort}->${p.containerPort}/${p.protocol}`]);
  return published.join(', ');
}

function commandText(record: ContainerRecord, noTrunc: boolean): string {
  const text = [...(record.config.entrypoint ?? []), ...(record.config.cmd ?? [])].join(' ');
  return `"${noTrunc ? text : truncate(text, 20)}"`;
}

export function ps(engine: DockerEngine, args: string[], now: number): CommandOutput {
  const parsed = parseFlags('ps', args, { all: { short: 'a' }, quiet: { short: 'q' }, 'no-trunc': {}, filter: { short: 'f', value: true, repeat: true }, format: { value: true }, latest: { short: 'l' }, size: { short: 's' } }, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  let list = engine.list(parsed.flags.has('all') || (parsed.values.get('filter') ?? []).some((f) => f.startsWith('status=')));
  for (const filter of parsed.values.get('filter') ?? []) {
    const [key, value = ''] = filter.split(/=(.*)/s, 2);
    if (key === 'status') list = list.filter((c) => c.status === value);
    else if (key === 'name') list = list.filter((c) => matchesName(c.name, value));
    else if (key === 'ancestor') list = list.filter((c) => c.image === value || c.image.startsWith(`${value}:`));
    else if (key === 'id') list = list.filter((c) => c.id.startsWith(value));
    else return { stdout: '', stderr: `invalid argument "${filter}" for "-f, --filter" flag: invalid filter '${key}'\nSee 'docker ps --help'.\n`, exitCode: 125 };
  }
  if (parsed.flags.has('latest')) list = list.slice(0, 1);
  if (parsed.flags.has('quiet')) return ok(list.map((c) => `${c.id.slice(0, 12)}\n`).join(''));
  const format = parsed.values.get('format')?.at(-1);
  const fields = (c: ContainerRecord): Record<string, string> => ({
    ID: parsed.flags.has('no-trunc') ? c.id : c.id.slice(0, 12),
    Image: c.image,
    Command: commandText(c, parsed.flags.has('no-trunc')),
    CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    RunningFor: `${humanDuration(now - c.created)} ago`,
    Status: statusText(c, now),
    State: c.status,
    Ports: portsText(c),
    Names: c.name,
  });
  if (format) {
    const tableMode = format.startsWith('table ');
    const template = tableMode ? format.slice(6) : format;
    const render = (values: Record<string, string>) => template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => values[key] ?? `<no value>`).replace(/\\t/g, '\t');
    const lines = list.map((c) => render(fields(c)));
    if (!tableMode) return ok(lines.map((l) => `${l}\n`).join(''));
    const header = render(Object.fromEntries(Object.keys(fields(list[0] ?? engine.list(true)[0] ?? ({} as ContainerRecord))).map((k) => [k, k.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase().replace('ID', 'CONTAINER ID').replace('NAMES', 'NAMES')])));
    return ok(table([header, ...lines].map((l) => l.split('\t'))));
  }
  const rows = list.map((c) => {
    const f = fields(c);
    return [f.ID, f.Image, f.Command, f.RunningFor, f.Status, f.Ports, f.Names];
  });
  return ok(table([['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], ...rows]));
}

/** `--filter name=` is a regular expression searched in the name, as the daemon matches it. */
function matchesName(name: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return name.includes(pattern);
  }
}

export async function logs(ctx: ShellContext, engine: DockerEngine, args: string[], signal?: AbortSignal, live: Live | null = null): Promise<CommandOutput> {
  const parsed = parseFlags('logs', args, { follow: { short: 'f' }, tail: { short: 'n', value: true }, timestamps: { short: 't' }, since: { value: true } }, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  const target = parsed.operands[0];
  if (!target) return { stdout: '', stderr: `"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n`, exitCode: 1 };
  const record = engine.resolve(target);
  let lines = engine.logs(record);
  const tail = parsed.values.get('tail')?.at(-1);
  if (tail && tail !== 'all') lines = lines.slice(-Number(tail));
  const show = (l: (typeof lines)[number]) => `${parsed.flags.has('timestamps') ? `${new Date(l.time).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`;
  if (parsed.flags.has('follow') && record.status === 'running' && live) {
    // -f: what is there, then each new line as the container writes it, until Ctrl-C.
    live.write(lines.map(show).join(''));
    const unfollow = engine.followLogs(record, (line) => live.write(show(line)));
    await live.clock.sleep(Number.POSITIVE_INFINITY, signal);
    unfollow();
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  if (parsed.flags.has('follow') && record.status === 'running') await ctx.kernel.clock.sleep(Number.POSITIVE_INFINITY, signal);
  // On a terminal both streams arrive in the order they were written.
  if (live && live.write(lines.map(show).join(''))) return { stdout: '', stderr: '', exitCode: 0 };
  return { stdout: lines.filter((l) => l.stream === 'stdout').map(show).join(''), stderr: lines.filter((l) => l.stream === 'stderr').map(show).join(''), exitCode: 0 };
}

export async function exec(ctx: ShellContext, engine: DockerEngine, args: string[]): Promise<CommandOutput> {
  const parsed = parseFlags('exec', args, { interactive: { short: 'i' }, tty: { short: 't' }, detach: { short: 'd' }, env: { short: 'e', value: true, repeat: true }, workdir: { short: 'w', value: true }, user: { short: 'u', value: true } }, true);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  const [target, ...command] = parsed.operands;
  if (!target || command.length === 0) return { stdout: '', stderr: `"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`, exitCode: 1 };
  const record = engine.resolve(target);
  if (record.status !== 'running') throw new DockerError(`container ${record.id} is not running`);
  const shim = ctx.kernel.list().find((p) => p.comm === 'containerd-shim' && p.argv.includes(record.id));
  // runc exec: join every namespace of the container's init, then fork the command there.
  const child = ctx.kernel.spawn({ parent: shim?.pid ?? 1, namespacesOf: record.pid, argv: command, cgroup: `/system.slice/docker-${record.id}.scope`, tty: parsed.flags.has('tty') ? 'pts/1' : null, rssKiB: 2_048 });
  const root = ctx.host.mountsOf(ctx.kernel.require(record.pid).ns.mnt).view;
  const isShell = ['sh', 'bash', '/bin/sh', '/bin/bash', 'ash'].includes(command[0]) && command.length === 1;
  if (isShell && parsed.flags.has('interactive')) {
    const session = ctx.host.openShell(child.pid, parsed.values.get('workdir')?.at(-1) ?? (record.config.workingDir || '/'), root, command[0].endsWith('bash') ? 'bash' : 'ash');
    ctx.host.console.push(ctx.host.shellFrame(child.pid, session));
    return ok();
  }
  const session = ctx.host.openShell(child.pid, record.config.workingDir || '/', root, 'ash');
  // Without -t the program writes to a pipe back to the client, not to a terminal.
  session.stdoutIsTerminal = parsed.flags.has('tty');
  const script = command[0] === 'sh' && command[1] === '-c' ? (command[2] ?? '') : command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  // While it runs, the exec'd process is the one reading /proc/self.
  const previous = ctx.host.runningPid;
  ctx.host.runningPid = child.pid;
  // One simple command is exec'd by runc (or by `sh -c`), so it is the exec'd process itself.
  if (!/[;&|\n`$(<>]/.test(script)) ctx.host.execInto = child.pid;
  let result;
  try {
    result = await session.run(script);
  } finally {
    ctx.host.runningPid = previous !== null && ctx.kernel.get(previous) ? previous : null;
    ctx.host.execInto = null;
  }
  if (ctx.kernel.get(child.pid)) ctx.kernel.exit(child.pid, result.exitCode);
  // runc looks the program up itself: a missing one never reaches a shell.
  const viaShell = command[0] === 'sh' && command[1] === '-c';
  if (result.exitCode === 127 && !viaShell && result.stderr.startsWith(`sh: ${command[0]}: not found`)) {
    return { stdout: '', stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown\n`, exitCode: 127 };
  }
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}
