/**
 * docker container prune, image prune and system prune: what they remove comes from the engine's
 * state (stopped containers, dangling or unused images, the build cache), listed as docker 28 does.
 */
import type { IFileSystem } from 'just-bash';
import { sha256 } from '../../core/sha256';
import type { DockerEngine } from '../engine';
import { humanSize } from './format';
import { rmi } from './image-commands';
import { pruneNetworks } from './network';
import type { CommandOutput } from './output';

const CONTAINERS_WARNING = 'WARNING! This will remove all stopped containers.';
const DANGLING_WARNING = 'WARNING! This will remove all dangling images.';
const ALL_IMAGES_WARNING = 'WARNING! This will remove all images without at least one container associated to them.';
const SYSTEM_WARNING = `WARNING! This will remove:
  - all stopped containers
  - all networks not used by at least one container
  - all dangling images
  - unused build cache
`;
const QUESTION = 'Are you sure you want to continue? [y/N] ';

/** docker asks first unless -f; the answer is read from stdin (`echo y | docker system prune`). */
function confirmed(args: string[], stdin: string): boolean {
  if (args.includes('-f') || args.includes('--force')) return true;
  return /^\s*y(es)?\s*$/i.test(stdin.split('\n')[0] ?? '');
}

function asked(args: string[], warning: string): string {
  return args.includes('-f') || args.includes('--force') ? '' : `${warning}\n${QUESTION}`;
}

const NOT_ANSWERED: CommandOutput = { stdout: '', stderr: '\ndockyard: nothing was removed; answer on stdin (echo y | docker ... prune) or pass -f\n', exitCode: 1 };

async function sizeOf(fs: IFileSystem, dir: string): Promise<number> {
  let total = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = `${dir}/${name}`;
    const stat = await fs.lstat(path);
    if (stat.isDirectory) total += await sizeOf(fs, path);
    else if (stat.isFile) total += stat.size;
  }
  return total;
}

async function pruneContainers(engine: DockerEngine, layers: IFileSystem): Promise<{ lines: string[]; bytes: number }> {
  const stopped = engine.list(true).filter((c) => c.status !== 'running');
  let bytes = 0;
  for (const record of stopped) {
    bytes += await sizeOf(layers, `/var/lib/docker/overlay2/${record.layerCacheId}/diff`);
    engine.remove(record, false);
  }
  return { lines: stopped.map((c) => c.id), bytes };
}

function pruneImages(engine: DockerEngine, all: boolean): { lines: string[]; bytes: number } {
  const used = new Set(engine.list(true).map((c) => c.imageId));
  const doomed = engine.images.list().filter((i) => !used.has(i.id) && (all || i.repoTags.length === 0));
  let bytes = 0;
  const lines: string[] = [];
  for (const image of doomed) {
    if (!engine.images.images.has(image.id)) continue;
    // Only layers no other image shares are freed.
    const before = new Map(image.layers.map((diff) => [diff, engine.images.layers.get(diff)?.size ?? 0]));
    const removed = rmi(engine, ['--force', image.id]).stdout.split('\n').filter(Boolean);
    for (const [diff, size] of before) if (!engine.images.layers.has(diff)) bytes += size;
    lines.push(...removed.map((l) => l.replace(/^Untagged: /, 'untagged: ').replace(/^Deleted: /, 'deleted: ')));
  }
  return { lines, bytes };
}

/** BuildKit prints each cache record's id: 25 lowercase letters and digits. */
function pruneBuildCache(engine: DockerEngine): string[] {
  const keys = [...engine.builder.cache.keys()];
  engine.builder.cache.clear();
  return keys.map((key) => [...sha256(key).slice(0, 50)].map((c, i, all) => (i % 2 === 0 ? (parseInt(c + all[i + 1], 16) % 36).toString(36) : '')).join(''));
}

const section = (title: string, lines: string[]) => (lines.length > 0 ? `${title}:\n${lines.join('\n')}\n\n` : '');

export async function containerPrune(engine: DockerEngine, layers: IFileSystem, args: string[], stdin: string): Promise<CommandOutput> {
  const prompt = asked(args, CONTAINERS_WARNING);
  if (!confirmed(args, stdin)) return { ...NOT_ANSWERED, stdout: prompt };
  const { lines, bytes } = await pruneContainers(engine, layers);
  return { stdout: `${prompt}${section('Deleted Containers', lines)}Total reclaimed space: ${humanSize(bytes)}\n`, stderr: '', exitCode: 0 };
}

export function imagePrune(engine: DockerEngine, args: string[], stdin: string): CommandOutput {
  const all = args.includes('-a') || args.includes('--all');
  const prompt = asked(args, all ? ALL_IMAGES_WARNING : DANGLING_WARNING);
  if (!confirmed(args, stdin)) return { ...NOT_ANSWERED, stdout: prompt };
  const { lines, bytes } = pruneImages(engine, all);
  return { stdout: `${prompt}${section('Deleted Images', lines)}Total reclaimed space: ${humanSize(bytes)}\n`, stderr: '', exitCode: 0 };
}

export async function systemPrune(engine: DockerEngine, layers: IFileSystem, args: string[], stdin: string): Promise<CommandOutput> {
  const all = args.includes('-a') || args.includes('--all');
  const warning = all ? SYSTEM_WARNING.replace('all dangling images', 'all images without at least one container associated to them').replace('unused build cache', 'all build cache') : SYSTEM_WARNING;
  const prompt = asked(args, warning);
  if (!confirmed(args, stdin)) return { ...NOT_ANSWERED, stdout: prompt };
  const containers = await pruneContainers(engine, layers);
  const networks = pruneNetworks(engine);
  const images = pruneImages(engine, all);
  const cache = pruneBuildCache(engine);
  const body = section('Deleted Containers', containers.lines) + section('Deleted Networks', networks) + section('Deleted Images', images.lines) + section('Deleted build cache objects', cache);
  return { stdout: `${prompt}${body}Total reclaimed space: ${humanSize(containers.bytes + images.bytes)}\n`, stderr: '', exitCode: 0 };
}
