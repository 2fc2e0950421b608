/**
 * docker commit (the container's upper layer, without the init layer, becomes a new image layer)
 * and docker cp (files between the host and a container's filesystem, running or stopped).
 */
import type { IFileSystem } from 'just-bash';
import { sha256 } from '../../core/sha256';
import { normaliseReference } from '../catalogue/images';
import type { DockerEngine } from '../engine';
import type { EngineHost } from '../engine-host';
import { DockerError } from '../errors';
import { canonical } from '../image-ids';
import { OVERLAY2 } from '../layer-store';
import { overlaySpec } from '../runtime';
import type { ContainerRecord, StoredImage } from '../state';
import { humanSize } from './format';
import type { CommandOutput } from './output';

export async function commit(engine: DockerEngine, host: EngineHost, args: string[]): Promise<CommandOutput> {
  const operands: string[] = [];
  let message = '';
  const changes: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-m' || args[i] === '--message') message = args[++i] ?? '';
    else if (args[i] === '-c' || args[i] === '--change') changes.push(args[++i] ?? '');
    else if (args[i] === '-a' || args[i] === '--author') i++;
    else if (!args[i].startsWith('-')) operands.push(args[i]);
  }
  if (operands.length === 0) return { stdout: '', stderr: '"docker commit" requires at least 1 and at most 2 arguments.\nSee \'docker commit --help\'.\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nCreate a new image from a container\'s changes\n', exitCode: 1 };
  const record = engine.resolve(operands[0]);
  const base = engine.images.images.get(record.imageId);
  if (!base) throw new DockerError(`No such image: ${record.imageId}`);
  // Freeze the container's changes: copy its upper directory into a layer of its own.
  const raw = host.layerRoot();
  const cacheId = host.random.hex(64);
  await raw.mkdir(`${OVERLAY2}/${cacheId}`, { recursive: true });
  await raw.cp(`${OVERLAY2}/${record.layerCacheId}/diff`, `${OVERLAY2}/${cacheId}/diff`, { recursive: true });
  const config = structuredClone(engine.images.configOf(base)!);
  for (const change of changes) {
    const [keyword, ...rest] = change.trim().split(/\s+/);
    const value = rest.join(' ');
    const argv = value.startsWith('[') ? (JSON.parse(value) as string[]) : ['/bin/sh', '-c', value];
    if (keyword.toUpperCase() === 'CMD') config.Cmd = argv;
    else if (keyword.toUpperCase() === 'ENTRYPOINT') config.Entrypoint = argv;
    else if (keyword.toUpperCase() === 'ENV') config.Env = [...config.Env, value.replace(/\s+/, '=')];
    else if (keyword.toUpperCase() === 'WORKDIR') config.WorkingDir = value;
    else throw new DockerError(`dockerfile parse error on line 1: unknown instruction: ${keyword}`);
  }
  const command = [...(record.config.entrypoint ?? []), ...(record.config.cmd ?? [])].join(' ');
  const entry = await engine.builder.registerUpper({ layers: base.layers }, cacheId, `${OVERLAY2}/${cacheId}/diff`, config, command);
  const definition = engine.images.definitionOf(base);
  const history = [
    ...(definition ? definition.steps.map((s) => ({ createdBy: s.createdBy, size: 'files' in s ? s.size : 0, emptyLayer: !('files' in s), created: definition.created })) : (base.history ?? []).map((h) => ({ ...h, created: h.created ?? base.created }))),
    { ...entry.history, createdBy: command, comment: message },
  ];
  const layers = [...base.layers, entry.layer!];
  const id = `sha256:${sha256(canonical({ architecture: 'amd64', os: 'linux', config, rootfs: { type: 'layers', diff_ids: layers }, history }))}`;
  const image: StoredImage = { id, repoTags: [], repoDigests: [], source: { kind: 'built', buildId: id }, layers, created: host.kernel.clock.now(), size: base.size + entry.history.size, config, history };
  const tags = operands[1] ? [(() => { const { repository, tag } = normaliseReference(operands[1]); return `${repository}:${tag}`; })()] : [];
  engine.images.add(image, tags);
  return { stdout: `${id}\n`, stderr: '', exitCode: 0 };
}

/** A container's filesystem as its processes see it, or (stopped) as its layers hold it. */
function containerFs(engine: DockerEngine, host: EngineHost, record: ContainerRecord): IFileSystem {
  const init = record.status === 'running' ? host.kernel.get(record.pid) : undefined;
  if (init) return host.mountsOf(init.ns.mnt).view;
  const image = engine.images.images.get(record.imageId);
  if (!image) throw new DockerError(`No such image: ${record.imageId}`);
  return host.mountFilesystem(overlaySpec(record, engine.images.lowerDirs(image)));
}

async function copyTree(from: IFileSystem, source: string, to: IFileSystem, destination: string): Promise<number> {
  const stat = await from.stat(source);
  if (stat.isDirectory) {
    await to.mkdir(destination, { recursive: true });
    let bytes = 0;
    for (const name of await from.readdir(source)) bytes += await copyTree(from, `${source === '/' ? '' : source}/${name}`, to, `${destination}/${name}`);
    return bytes;
  }
  const content = await from.readFileBuffer(source);
  await to.writeFile(destination, content);
  return content.length;
}

export async function cp(engine: DockerEngine, host: EngineHost, fs: IFileSystem, cwd: string, args: string[]): Promise<CommandOutput> {
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands.length !== 2) return { stdout: '', stderr: '"docker cp" requires exactly 2 arguments.\nSee \'docker cp --help\'.\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nCopy files/folders between a container and the local filesystem\n', exitCode: 1 };
  const [source, destination] = operands;
  const inContainer = (arg: string) => /^[^/.][^:]*:/.test(arg);
  if (inContainer(source) === inContainer(destination)) throw new DockerError('copying between containers is not supported', 1, true);
  const split = (arg: string) => [arg.slice(0, arg.indexOf(':')), arg.slice(arg.indexOf(':') + 1)] as const;
  const [fromFs, fromPath, toFs, toPathRaw] = inContainer(source)
    ? [containerFs(engine, host, engine.resolve(split(source)[0])), split(source)[1], fs, fs.resolvePath(cwd, destination)]
    : [fs, fs.resolvePath(cwd, source), containerFs(engine, host, engine.resolve(split(destination)[0])), split(destination)[1]];
  try {
    await fromFs.stat(fromPath);
  } catch {
    throw new DockerError(inContainer(source) ? `Could not find the file ${fromPath} in container ${split(source)[0]}` : `lstat ${fromPath}: no such file or directory`, 1, !inContainer(source));
  }
  let toPath = toPathRaw;
  try {
    if ((await toFs.stat(toPath)).isDirectory) toPath = `${toPath.replace(/\/$/, '')}/${fromPath.split('/').filter(Boolean).pop() ?? ''}`;
  } catch {
    // a new name: copied as that name
  }
  const bytes = await copyTree(fromFs, fromPath, toFs, toPath);
  return { stdout: '', stderr: `Successfully copied ${humanSize(bytes)} to ${inContainer(destination) ? destination : toPath}\n`, exitCode: 0 };
}
