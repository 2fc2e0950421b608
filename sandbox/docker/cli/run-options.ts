/** `docker run` / `docker create` flags turned into the engine's create options. */
import { DockerError } from '../errors';
import type { CreateOptions } from '../engine';
import type { PortBinding, VolumeMount } from '../state';
import { last, type FlagSpec, type ParsedFlags } from './options';

export const RUN_FLAGS: FlagSpec = {
  detach: { short: 'd' },
  interactive: { short: 'i' },
  tty: { short: 't' },
  rm: {},
  name: { value: true },
  publish: { short: 'p', value: true, repeat: true },
  'publish-all': { short: 'P' },
  env: { short: 'e', value: true, repeat: true },
  volume: { short: 'v', value: true, repeat: true },
  mount: { value: true, repeat: true },
  workdir: { short: 'w', value: true },
  hostname: { short: 'h', value: true },
  memory: { short: 'm', value: true },
  'memory-swap': { value: true },
  cpus: { value: true },
  'pids-limit': { value: true },
  restart: { value: true },
  network: { value: true },
  net: { value: true },
  entrypoint: { value: true },
  user: { short: 'u', value: true },
  label: { short: 'l', value: true, repeat: true },
  help: {},
};

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** docker's RAMInBytes: `64m`, `1g`, `512M`, a plain byte count. */
export function parseMemory(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgBKMG])?[bB]?$/.exec(text.trim());
  if (!match) throw new DockerError(`invalid argument "${text}" for "-m, --memory" flag: invalid size: '${text}'`, 125, true);
  return Math.floor(Number(match[1]) * (match[2] ? UNITS[match[2].toLowerCase()] : 1));
}

export function parsePorts(specs: string[]): PortBinding[] {
  const bindings: PortBinding[] = [];
  for (const spec of specs) {
    const [mapping, protocol = 'tcp'] = spec.split('/');
    const parts = mapping.split(':');
    const containerPort = Number(parts.at(-1));
    const hostPort = parts.length >= 2 ? Number(parts.at(-2)) : 0;
    const hostIp = parts.length === 3 ? parts[0] : '0.0.0.0';
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535 || !Number.isInteger(hostPort) || hostPort < 0 || hostPort > 65535) {
      throw new DockerError(`invalid argument "${spec}" for "-p, --publish" flag: invalid containerPort: ${parts.at(-1)}`, 125, true);
    }
    bindings.push({ hostIp, hostPort, containerPort, protocol: protocol === 'udp' ? 'udp' : 'tcp' });
  }
  return bindings;
}

/** `-v /host/dir:/in/container[:ro]` binds a host directory; `-v name:/path` mounts a named volume. */
export function parseVolumes(volumes: string[], mounts: string[]): VolumeMount[] {
  const result: VolumeMount[] = [];
  for (const spec of volumes) {
    const [source, destination, mode] = spec.split(':');
    if (!destination) throw new DockerError(`invalid argument "${spec}" for "-v, --volume" flag: anonymous volumes are not modelled in this sandbox; give a name or a host path`, 125, true);
    if (!destination.startsWith('/')) throw new DockerError(`invalid mount config for type "bind": invalid mount path: '${destination}' mount path must be absolute`, 125);
    result.push({ type: source.startsWith('/') ? 'bind' : 'volume', source, destination, readOnly: mode === 'ro' });
  }
  for (const spec of mounts) {
    const fields = Object.fromEntries(spec.split(',').map((kv) => [kv.split('=')[0], kv.split('=').slice(1).join('=') || 'true']));
    const type = fields.type ?? 'volume';
    const source = fields.source ?? fields.src;
    const destination = fields.target ?? fields.destination ?? fields.dst;
    if (type !== 'bind' && type !== 'volume') throw new DockerError(`invalid argument "${spec}" for "--mount" flag: mount type ${type} is not modelled in this sandbox`, 125, true);
    if (!source || !destination) throw new DockerError(`invalid argument "${spec}" for "--mount" flag: target is required`, 125, true);
    result.push({ type, source, destination, readOnly: fields.readonly === 'true' || fields.ro === 'true' });
  }
  return result;
}

export function createOptions(parsed: ParsedFlags, imageName: string, command: string[]): Omit<CreateOptions, 'image'> {
  const memory = last(parsed, 'memory');
  const swap = last(parsed, 'memory-swap');
  const cpus = last(parsed, 'cpus');
  const pids = last(parsed, 'pids-limit');
  const restart = (last(parsed, 'restart') ?? 'no').split(':')[0];
  if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(restart)) throw new DockerError(`invalid restart policy '${restart}'`, 125, true);
  const memoryBytes = memory ? parseMemory(memory) : 0;
  if (memory && memoryBytes < 6 * 1024 * 1024) throw new DockerError('Minimum memory limit allowed is 6MB', 125);
  const swapBytes = swap ? (swap === '-1' ? -1 : parseMemory(swap)) : 0;
  if (swap && swapBytes > 0 && swapBytes < memoryBytes) throw new DockerError('Minimum memoryswap limit should be larger than memory limit, see usage', 125);
  const nanoCpus = cpus ? Math.round(Number(cpus) * 1e9) : 0;
  if (cpus && !(Number(cpus) > 0)) throw new DockerError(`invalid argument "${cpus}" for "--cpus" flag: failed to parse ${cpus} as a rational number`, 125, true);
  const entrypoint = last(parsed, 'entrypoint');
  return {
    imageName,
    name: last(parsed, 'name'),
    cmd: command.length > 0 ? command : undefined,
    entrypoint: entrypoint !== undefined ? (entrypoint === '' ? [] : [entrypoint]) : undefined,
    env: parsed.values.get('env') ?? [],
    workdir: last(parsed, 'workdir'),
    hostname: last(parsed, 'hostname'),
    tty: parsed.flags.has('tty'),
    interactive: parsed.flags.has('interactive'),
    autoRemove: parsed.flags.has('rm'),
    memory: memoryBytes,
    memorySwap: swapBytes === 0 && memoryBytes > 0 ? memoryBytes * 2 : swapBytes,
    nanoCpus,
    pidsLimit: pids ? Number(pids) : null,
    restart: restart as CreateOptions['restart'],
    ports: parsePorts(parsed.values.get('publish') ?? []),
    network: last(parsed, 'network') ?? last(parsed, 'net') ?? 'bridge',
    user: last(parsed, 'user'),
    mounts: parseVolumes(parsed.values.get('volume') ?? [], parsed.values.get('mount') ?? []),
  };
}
