/** docker top, stats --no-stream and port: read from the kernel model and the container record. */
import type { Kernel } from '../../kernel/kernel';
import { MACHINE } from '../../kernel/machine';
import type { DockerEngine } from '../engine';
import { DockerError } from '../errors';
import { formatListing, table } from './format';
import type { CommandOutput } from './output';

const scope = (id: string) => `/system.slice/docker-${id}.scope`;

function binary(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 2 : unit === 0 ? 0 : 1).replace(/\.0+$/, '')}${units[unit]}`;
}

export function top(engine: DockerEngine, kernel: Kernel, args: string[]): CommandOutput {
  const target = args.find((a) => !a.startsWith('-'));
  if (!target) return { stdout: '', stderr: '"docker top" requires at least 1 argument.\nSee \'docker top --help\'.\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nDisplay the running processes of a container\n', exitCode: 1 };
  const record = engine.resolve(target);
  if (record.status !== 'running') throw new DockerError(`container ${record.id} is not running`);
  const processes = kernel.subtree(scope(record.id));
  const rows = processes.map((p) => {
    const parent = kernel.get(p.ppid);
    const started = new Date(p.startedAt);
    return ['root', String(p.pid), String(parent?.pid ?? 0), '0', `${String(started.getUTCHours()).padStart(2, '0')}:${String(started.getUTCMinutes()).padStart(2, '0')}`, p.tty ?? '?', '00:00:00', p.argv.join(' ')];
  });
  return { stdout: table([['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ...rows]), stderr: '', exitCode: 0 };
}

export function stats(engine: DockerEngine, kernel: Kernel, args: string[]): CommandOutput {
  if (!args.includes('--no-stream')) return { stdout: '', stderr: 'dockyard: live `docker stats` is a full-screen view this terminal does not run; use docker stats --no-stream\n', exitCode: 1 };
  const formatAt = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  const format = formatAt === -1 ? undefined : args[formatAt].startsWith('--format=') ? args[formatAt].slice(9) : args[formatAt + 1];
  const names = args.filter((a, i) => !a.startsWith('-') && (formatAt === -1 || i !== formatAt + 1));
  const list = names.length > 0 ? names.map((n) => engine.resolve(n)) : engine.list(false);
  const rows = list.map((c) => {
    const group = kernel.cgroups.get(scope(c.id));
    const usage = c.status === 'running' ? kernel.memoryCurrent(scope(c.id)) : 0;
    const limit = group?.memoryMax ?? MACHINE.memTotalKiB * 1024;
    const pids = c.status === 'running' ? kernel.subtree(scope(c.id)).length : 0;
    return [c.id.slice(0, 12), c.name, '0.00%', `${binary(usage)} / ${binary(limit)}`, `${((usage / limit) * 100).toFixed(2)}%`, '1.05kB / 0B', '0B / 0B', String(pids)];
  });
  if (format !== undefined) {
    const fields = rows.map(([id, name, cpu, mem, memPerc, net, block, pids]) => ({ ID: id, Container: id, Name: name, CPUPerc: cpu, MemUsage: mem, MemPerc: memPerc, NetIO: net, BlockIO: block, PIDs: pids }));
    const headers = { ID: 'CONTAINER ID', Container: 'CONTAINER', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS' };
    return { stdout: formatListing(format, fields, headers), stderr: '', exitCode: 0 };
  }
  return { stdout: table([['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'], ...rows]), stderr: '', exitCode: 0 };
}

export function port(engine: DockerEngine, args: string[]): CommandOutput {
  const [target, filter] = args.filter((a) => !a.startsWith('-'));
  if (!target) return { stdout: '', stderr: '"docker port" requires at least 1 argument.\nSee \'docker port --help\'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container\n', exitCode: 1 };
  const record = engine.resolve(target);
  const bindings = record.status === 'running' ? record.hostConfig.portBindings : [];
  const chosen = filter ? bindings.filter((b) => `${b.containerPort}/${b.protocol}` === (filter.includes('/') ? filter : `${filter}/tcp`)) : bindings;
  if (filter && chosen.length === 0) throw new DockerError(`No public port '${filter.includes('/') ? filter : `${filter}/tcp`}' published for ${target}`);
  const lines = chosen.flatMap((b) => (filter ? [`0.0.0.0:${b.hostPort}`, `[::]:${b.hostPort}`] : [`${b.containerPort}/${b.protocol} -> 0.0.0.0:${b.hostPort}`, `${b.containerPort}/${b.protocol} -> [::]:${b.hostPort}`]));
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
