/** docker inspect (containers and images), with `-f` Go-template paths, and docker diff. */
import type { IFileSystem } from 'just-bash';
import { pathExists } from '../../fs/paths';
import { SpecialFiles } from '../../fs/special-files';
import type { DockerEngine } from '../engine';
import { DockerError } from '../errors';
import { imageConfigJson } from '../image-ids';
import { OVERLAY2 } from '../layer-store';
import { attachmentsOf, networkNameOf } from '../networks';
import type { ContainerRecord, StoredImage } from '../state';
import { renderTemplate } from './go-template';
import type { CommandOutput } from './output';

const iso = (ms: number | null) => (ms === null ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'));

export function containerJson(engine: DockerEngine, c: ContainerRecord): Record<string, unknown> {
  const image = engine.images.images.get(c.imageId);
  const lower = image ? [`${OVERLAY2}/${c.layerCacheId}-init/diff`, ...engine.images.lowerDirs(image).map((id) => `${OVERLAY2}/${id}/diff`)].join(':') : '';
  const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  const running = c.status === 'running';
  const onBridge = c.network && !c.network.name ? c.network : undefined;
  for (const p of c.hostConfig.portBindings) ports[`${p.containerPort}/${p.protocol}`] = [{ HostIp: '0.0.0.0', HostPort: String(p.hostPort) }, { HostIp: '::', HostPort: String(p.hostPort) }];
  return {
    Id: c.id,
    Created: iso(c.created),
    Path: (c.config.entrypoint ?? c.config.cmd ?? [''])[0],
    Args: [...(c.config.entrypoint ?? []), ...(c.config.cmd ?? [])].slice(1),
    State: {
      Status: c.status,
      Running: c.status === 'running',
      Paused: false,
      Restarting: false,
      OOMKilled: c.oomKilled,
      Dead: false,
      Pid: c.pid,
      ExitCode: c.exitCode,
      Error: '',
      StartedAt: iso(c.startedAt),
      FinishedAt: iso(c.finishedAt),
    },
    Image: c.imageId,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    HostConfig: {
      NetworkMode: c.hostConfig.networkMode,
      PortBindings: ports,
      RestartPolicy: { Name: c.hostConfig.restartPolicy, MaximumRetryCount: 0 },
      AutoRemove: c.hostConfig.autoRemove,
      Memory: c.hostConfig.memory,
      MemorySwap: c.hostConfig.memorySwap,
      NanoCpus: c.hostConfig.nanoCpus,
      PidsLimit: c.hostConfig.pidsLimit,
      CgroupnsMode: 'private',
    },
    GraphDriver: {
      Data: {
        LowerDir: lower,
        MergedDir: `${OVERLAY2}/${c.layerCacheId}/merged`,
        UpperDir: `${OVERLAY2}/${c.layerCacheId}/diff`,
        WorkDir: `${OVERLAY2}/${c.layerCacheId}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: (c.hostConfig.mounts ?? []).map((m) => ({
      Type: m.type,
      ...(m.type === 'volume' ? { Name: m.source, Source: `/var/lib/docker/volumes/${m.source}/_data`, Driver: 'local' } : { Source: m.source }),
      Destination: m.destination,
      Mode: m.readOnly ? 'ro' : '',
      RW: !m.readOnly,
      Propagation: m.type === 'bind' ? 'rprivate' : '',
    })),
    Config: {
      Hostname: c.config.hostname,
      User: c.config.user,
      Tty: c.config.tty,
      OpenStdin: c.config.openStdin,
      Env: c.config.env,
      Cmd: c.config.cmd,
      Image: c.image,
      WorkingDir: c.config.workingDir,
      Entrypoint: c.config.entrypoint,
    },
    NetworkSettings: {
      Ports: ports,
      // The top-level fields describe the default bridge only (deprecated in the API, still printed).
      Gateway: onBridge?.gateway ?? '',
      IPAddress: running ? (onBridge?.ipAddress ?? '') : '',
      IPPrefixLen: onBridge ? 16 : 0,
      MacAddress: running ? (onBridge?.macAddress ?? '') : '',
      Networks: Object.fromEntries(
        attachmentsOf(c).map((a) => [
          networkNameOf(a),
          { Aliases: a.name ? [c.name, c.id.slice(0, 12)] : null, NetworkID: engine.networks.find(networkNameOf(a))?.id ?? '', Gateway: running ? a.gateway : '', IPAddress: running ? a.ipAddress : '', IPPrefixLen: running ? 16 : 0, MacAddress: running ? a.macAddress : '', DNSNames: a.name ? [c.name, c.id.slice(0, 12)] : null },
        ]),
      ),
    },
  };
}

export function imageJson(engine: DockerEngine, image: StoredImage): Record<string, unknown> {
  const definition = engine.images.definitionOf(image);
  const config = definition ? (imageConfigJson(definition) as { config: unknown; created: string; rootfs: unknown }) : undefined;
  const dirs = engine.images.lowerDirs(image).map((id) => `${OVERLAY2}/${id}/diff`);
  return {
    Id: image.id,
    RepoTags: image.repoTags,
    RepoDigests: image.repoDigests,
    Created: config?.created ?? new Date(image.created).toISOString(),
    // A built or committed image keeps its own config; a pulled one's comes from the catalogue.
    Config: config?.config ?? image.config ?? engine.images.configOf(image) ?? {},
    Architecture: 'amd64',
    Os: 'linux',
    Size: image.size,
    GraphDriver: { Data: { ...(dirs.length > 1 ? { LowerDir: dirs.slice(1).join(':') } : {}), MergedDir: dirs[0].replace(/diff$/, 'merged'), UpperDir: dirs[0], WorkDir: dirs[0].replace(/diff$/, 'work') }, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers },
  };
}

export function inspect(engine: DockerEngine, args: string[]): CommandOutput {
  const formatIndex = args.findIndex((a) => a === '-f' || a === '--format' || a.startsWith('--format='));
  const format = formatIndex === -1 ? undefined : args[formatIndex].startsWith('--format=') ? args[formatIndex].slice(9) : args[formatIndex + 1];
  const targets = args.filter((a, i) => !a.startsWith('-') && (formatIndex === -1 || i !== formatIndex + 1) && a !== 'container' && a !== 'image');
  if (targets.length === 0) return { stdout: '', stderr: '"docker inspect" requires at least 1 argument.\nSee \'docker inspect --help\'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects\n', exitCode: 1 };
  const values: unknown[] = [];
  let stderr = '';
  for (const target of targets) {
    try {
      values.push(containerJson(engine, engine.resolve(target)));
    } catch {
      const image = engine.images.resolve(target);
      if (image) values.push(imageJson(engine, image));
      else stderr += `Error: No such object: ${target}\n`;
    }
  }
  const stdout = format ? values.map((v) => `${renderTemplate(format, v)}\n`).join('') : values.length > 0 ? `${JSON.stringify(values, null, 4)}\n` : '[]\n';
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** docker diff: A (added), C (changed), D (deleted) paths of the container's upper layer. */
export async function diff(engine: DockerEngine, fs: IFileSystem, args: string[]): Promise<CommandOutput> {
  const target = args.find((a) => !a.startsWith('-'));
  if (!target) return { stdout: '', stderr: '"docker diff" requires exactly 1 argument.\nSee \'docker diff --help\'.\n\nUsage:  docker diff CONTAINER\n\nInspect changes to files or directories on a container\'s filesystem\n', exitCode: 1 };
  const record = engine.resolve(target);
  const image = engine.images.images.get(record.imageId);
  if (!image) throw new DockerError(`No such image: ${record.imageId}`);
  const upper = `${OVERLAY2}/${record.layerCacheId}/diff`;
  const lowers = [`${OVERLAY2}/${record.layerCacheId}-init/diff`, ...engine.images.lowerDirs(image).map((id) => `${OVERLAY2}/${id}/diff`)];
  const special = new SpecialFiles(fs);
  const lines: string[] = [];
  const inLower = async (path: string) => {
    for (const lower of lowers) if (await exists(fs, lower + path)) return true;
    return false;
  };
  const walk = async (dir: string) => {
    for (const name of (await fs.readdir(upper + dir)).sort()) {
      if (name === '.dockyard-opaque') continue;
      const path = `${dir === '/' ? '' : dir}/${name}`;
      const device = await special.device(upper + path);
      if (device && device.major === 0 && device.minor === 0) lines.push(`D ${path}`);
      else lines.push(`${(await inLower(path)) ? 'C' : 'A'} ${path}`);
      if ((await fs.lstat(upper + path)).isDirectory) await walk(path);
    }
  };
  await walk('/');
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}

const exists = pathExists;
