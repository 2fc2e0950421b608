/** docker pull, images, rmi, tag, history: the image store through the docker 28 CLI's words. */
import { normaliseReference } from '../catalogue/images';
import type { DockerEngine } from '../engine';
import { DockerError } from '../errors';
import { shortId } from '../image-ids';
import { isLayer } from '../image-spec';
import type { PullLayer } from '../images';
import type { StoredImage } from '../state';
import { formatListing, humanDuration, humanSize, table } from './format';
import type { CommandOutput, Live } from './output';
import { streamPull } from './pull-progress';

/** `registry.k8s.io/pause`: a repository that names its registry (a host with a dot or a port). */
function registryOf(repository: string): string | undefined {
  const first = repository.split('/')[0];
  return repository.includes('/') && /[.:]/.test(first) ? first : undefined;
}

/** The path docker prints after "Pulling from": Docker Hub's official images under `library/`, a registry's without its host. */
export function qualified(repository: string): string {
  const registry = registryOf(repository);
  if (registry) return repository.slice(registry.length + 1);
  return repository.includes('/') ? repository : `library/${repository}`;
}

/** The image's full reference, as `docker pull` ends with it. */
export function fullReference(repository: string, tag: string): string {
  return registryOf(repository) ? `${repository}:${tag}` : `docker.io/${qualified(repository)}:${tag}`;
}

export interface PulledLines {
  /** `Using default tag`, `TAG: Pulling from REPO`. */
  header: string[];
  layers: PullLayer[];
  /** Digest and Status. */
  footer: string[];
  /** Everything as printed off a terminal: each layer's final state. */
  lines: string[];
  image: StoredImage;
}

/** What `docker pull` prints: a header, one line per layer, then the digest and status. */
export async function pullLines(engine: DockerEngine, reference: string): Promise<PulledLines> {
  const hasTag = normaliseReference(reference).tag !== 'latest' || /:latest$/.test(reference);
  const result = await engine.images.pull(reference);
  const header = [...(hasTag ? [] : ['Using default tag: latest']), `${result.tag}: Pulling from ${qualified(result.repository)}`];
  const footer = [`Digest: ${result.digest}`, result.upToDate ? `Status: Image is up to date for ${result.repository}:${result.tag}` : `Status: Downloaded newer image for ${result.repository}:${result.tag}`];
  const layerLines = result.layers.map((layer) => `${layer.short}: ${layer.alreadyExists ? 'Already exists' : 'Pull complete'} `);
  return { header, layers: result.layers, footer, lines: [...header, ...layerLines, ...footer], image: result.image };
}

export async function pull(engine: DockerEngine, args: string[], live: Live | null = null): Promise<CommandOutput> {
  const reference = args.find((a) => !a.startsWith('-'));
  if (!reference) return { stdout: '', stderr: '"docker pull" requires exactly 1 argument.\nSee \'docker pull --help\'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry\n', exitCode: 1 };
  const pulled = await pullLines(engine, reference);
  const { repository, tag } = normaliseReference(reference);
  const fullName = fullReference(repository, tag);
  // -q: only the image's full reference.
  if (args.includes('-q') || args.includes('--quiet')) return { stdout: `${fullName}\n`, stderr: '', exitCode: 0 };
  if (live && (await streamPull(live, pulled.header, pulled.layers, [...pulled.footer, fullName]))) return { stdout: '', stderr: '', exitCode: 0 };
  return { stdout: [...pulled.lines, fullName].join('\n') + '\n', stderr: '', exitCode: 0 };
}

export function images(engine: DockerEngine, args: string[], now: number): CommandOutput {
  const quiet = args.includes('-q') || args.includes('--quiet');
  const digests = args.includes('--digests');
  const filterIndex = args.findIndex((a) => a === '--filter' || a === '-f');
  const filter = filterIndex >= 0 ? args[filterIndex + 1] : undefined;
  const repoFilter = args.find((a, i) => !a.startsWith('-') && (filterIndex < 0 || i !== filterIndex + 1));
  let list = engine.images.list();
  if (repoFilter) list = list.filter((image) => image.repoTags.some((t) => t.startsWith(`${normaliseReference(repoFilter).repository}:`)));
  if (filter?.startsWith('dangling=')) list = list.filter((image) => (image.repoTags.length === 0) === (filter.endsWith('true')));
  if (filter?.startsWith('reference=')) list = list.filter((image) => image.repoTags.some((t) => t.startsWith(filter.slice(10).replace('*', ''))));
  const rows: string[][] = [];
  for (const image of list) {
    const tags = image.repoTags.length > 0 ? image.repoTags : ['<none>:<none>'];
    for (const repoTag of tags) {
      const cut = repoTag.lastIndexOf(':');
      const repository = repoTag.slice(0, cut);
      const digest = image.repoDigests.find((d) => d.startsWith(`${repository}@`))?.split('@')[1] ?? '<none>';
      rows.push([repository, repoTag.slice(cut + 1), ...(digests ? [digest] : []), shortId(image.id), `${humanDuration(now - image.created)} ago`, humanSize(image.size)]);
    }
  }
  if (quiet) return { stdout: [...new Set(list.map((i) => shortId(i.id)))].map((id) => `${id}\n`).join(''), stderr: '', exitCode: 0 };
  return { stdout: table([['REPOSITORY', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'CREATED', 'SIZE'], ...rows]), stderr: '', exitCode: 0 };
}

export function rmi(engine: DockerEngine, args: string[]): CommandOutput {
  const force = args.includes('-f') || args.includes('--force');
  const targets = args.filter((a) => !a.startsWith('-'));
  if (targets.length === 0) return { stdout: '', stderr: '"docker rmi" requires at least 1 argument.\nSee \'docker rmi --help\'.\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n', exitCode: 1 };
  let stdout = '';
  let stderr = '';
  for (const target of targets) {
    const image = engine.images.resolve(target);
    if (!image) {
      stderr += `Error response from daemon: No such image: ${target.includes(':') || /^[0-9a-f]{12,}$/.test(target) ? target : `${target}:latest`}\n`;
      continue;
    }
    const users = engine.list(true).filter((c) => c.imageId === image.id);
    const byTag = !target.replace(/^sha256:/, '').match(/^[0-9a-f]{4,}$/) && image.repoTags.length > 1;
    if (byTag) {
      const { repository, tag } = normaliseReference(target);
      image.repoTags = image.repoTags.filter((t) => t !== `${repository}:${tag}`);
      stdout += `Untagged: ${repository}:${tag}\n`;
      continue;
    }
    if (users.length > 0 && !force) {
      stderr += `Error response from daemon: conflict: unable to remove repository reference "${target}" (must force) - container ${users[0].id.slice(0, 12)} is using its referenced image ${shortId(image.id)}\n`;
      continue;
    }
    for (const tag of image.repoTags) stdout += `Untagged: ${tag}\n`;
    for (const digest of image.repoDigests) stdout += `Untagged: ${digest}\n`;
    engine.images.images.delete(image.id);
    stdout += `Deleted: ${image.id}\n`;
    for (const diff of [...image.layers].reverse()) {
      const stillUsed = [...engine.images.images.values()].some((other) => other.layers.includes(diff));
      if (!stillUsed) {
        engine.images.layers.delete(diff);
        stdout += `Deleted: ${diff}\n`;
      }
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

export function tag(engine: DockerEngine, args: string[]): CommandOutput {
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands.length !== 2) return { stdout: '', stderr: '"docker tag" requires exactly 2 arguments.\nSee \'docker tag --help\'.\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n', exitCode: 1 };
  const image = engine.images.resolve(operands[0]);
  if (!image) throw new DockerError(`No such image: ${operands[0]}`);
  engine.images.tag(image, operands[1]);
  return { stdout: '', stderr: '', exitCode: 0 };
}

export function history(engine: DockerEngine, args: string[], now: number): CommandOutput {
  const noTrunc = args.includes('--no-trunc');
  const quiet = args.includes('-q') || args.includes('--quiet');
  const formatAt = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  const format = formatAt === -1 ? undefined : args[formatAt].startsWith('--format=') ? args[formatAt].slice(9) : args[formatAt + 1];
  const target = args.find((a, i) => !a.startsWith('-') && (formatAt === -1 || i !== formatAt + 1));
  if (!target) return { stdout: '', stderr: '"docker history" requires exactly 1 argument.\nSee \'docker history --help\'.\n\nUsage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image\n', exitCode: 1 };
  const image = engine.images.resolve(target);
  if (!image) throw new DockerError(`No such image: ${target}`);
  const definition = engine.images.definitionOf(image);
  const steps = definition
    ? definition.steps.map((step) => ({ createdBy: step.createdBy, size: isLayer(step) ? step.size : 0, emptyLayer: !isLayer(step), created: definition.created }))
    : (image.history ?? []);
  // `docker commit -m` puts its message in COMMENT; Dockerfile steps say where they came from.
  const comments = definition ? [] : (image.history ?? []).map((h) => h.comment);
  const created = definition?.created ?? image.created;
  const reversed = [...steps].reverse();
  const rows = reversed.map((step, i) => {
    const createdBy = noTrunc ? step.createdBy : truncate(step.createdBy, 45);
    const size = step.emptyLayer ? '0B' : humanSize(step.size);
    const own = comments[steps.length - 1 - i];
    const comment = own !== undefined ? own : i === reversed.length - 1 && !step.emptyLayer && !step.createdBy.includes('buildkit') ? '' : 'buildkit.dockerfile.v0';
    return [i === 0 ? (noTrunc ? image.id : shortId(image.id)) : '<missing>', `${humanDuration(now - (step.created ?? created))} ago`, createdBy, size, comment];
  });
  if (quiet) return { stdout: rows.map((r) => `${r[0]}\n`).join(''), stderr: '', exitCode: 0 };
  if (format !== undefined) {
    const fields = rows.map(([id, since, createdBy, size, comment]) => ({ ID: id, CreatedSince: since, CreatedAt: new Date(created).toISOString().replace(/\.\d+Z$/, 'Z'), CreatedBy: createdBy, Size: size, Comment: comment }));
    const headers = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };
    return { stdout: formatListing(format, fields, headers), stderr: '', exitCode: 0 };
  }
  return { stdout: table([['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], ...rows]), stderr: '', exitCode: 0 };
}

export function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
