/**
 * `docker build`: every stage of a Dockerfile executed for real. COPY takes files from the build
 * context; RUN runs its command in a build container (an overlay of the layers so far, with its own
 * upper directory), and whatever it changed becomes the next layer. Steps are cached by BuildKit's
 * rule: the parent, the instruction, and the checksums of the files it copies.
 */
import type { IFileSystem } from 'just-bash';
import { sha256 } from '../../core/sha256';
import { MountTable, type MountSpec } from '../../fs/mount-table';
import { SpecialFiles } from '../../fs/special-files';
import type { EngineHost } from '../engine-host';
import { canonical } from '../image-ids';
import type { PullLayer } from '../images';
import type { ImageConfig, LayerFile } from '../image-spec';
import type { ImageStore } from '../images';
import { linkName, OVERLAY2, writeLayerDirectory } from '../layer-store';
import type { StoredImage, StoredLayer } from '../state';
import type { ContextFile } from './context';
import { parseDockerfile, type CommandForm, type ParsedInstruction, type Stage } from './dockerfile';

export interface BuildRequest {
  dockerfile: string;
  context: ContextFile[];
  buildArgs: Record<string, string>;
  noCache: boolean;
  target?: string;
  /** Told of each step as it completes, for progress shown live. */
  onStep?: (step: BuildStep) => void;
}

export interface BuildStep {
  title: string;
  /** What the step's command printed (shown with BuildKit's timestamps). */
  lines: string[];
  cached: boolean;
  /** BuildKit's own progress lines for the step, shown as they are (a base image's download). */
  progress?: string[];
}

/** How a build gets a base image it does not have: pulled, with the layers that came down. */
export type PullBase = (reference: string) => Promise<{ image: StoredImage; layers: PullLayer[] }>;

/** BuildKit's byte counts: two decimals and a go-units unit (`29.13MB`). */
function buildkitSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)}MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(2)}kB` : `${bytes}B`;
}

export interface CacheEntry {
  layer: string | null;
  config: ImageConfig;
  /** `created` only on steps inherited from the base image (new steps date from the build). */
  history: { createdBy: string; size: number; emptyLayer: boolean; created?: number };
}

export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly steps: BuildStep[],
    readonly line?: number,
    readonly failedStep?: BuildStep,
  ) {
    super(message);
    this.name = 'BuildFailure';
  }
}

interface StageState {
  layers: string[];
  config: ImageConfig;
  history: CacheEntry['history'][];
  key: string;
  args: Record<string, string>;
  bash: boolean;
}

const FILESYSTEM_STEPS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);

function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (_, a: string, fallback: string | undefined, b: string) => vars[a ?? b] ?? fallback ?? '');
}

function envMap(config: ImageConfig): Record<string, string> {
  return Object.fromEntries(config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

function commandArgv(command: CommandForm): string[] {
  return command.form === 'exec' ? command.argv : ['/bin/sh', '-c', command.script];
}

function historyText(instruction: ParsedInstruction): string {
  switch (instruction.keyword) {
    case 'RUN':
      return `RUN ${instruction.command.form === 'exec' ? `[${instruction.command.argv.map((a) => JSON.stringify(a)).join(' ')}]` : `/bin/sh -c ${instruction.command.script}`} # buildkit`;
    case 'CMD':
    case 'ENTRYPOINT':
      return `${instruction.keyword} [${commandArgv(instruction.command).map((a) => JSON.stringify(a)).join(' ')}]`;
    case 'COPY':
    case 'ADD':
      return `${instruction.original.replace(/\s+/g, ' ')} # buildkit`;
    case 'EXPOSE':
      return `EXPOSE map[${instruction.ports.map((p) => `${p.includes('/') ? p : `${p}/tcp`}:{}`).join(' ')}]`;
    default:
      return instruction.original.replace(/\s+/g, ' ');
  }
}

export class Builder {
  readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly host: EngineHost,
    private readonly images: ImageStore,
    saved?: [string, CacheEntry][],
  ) {
    for (const [key, entry] of saved ?? []) this.cache.set(key, entry);
  }

  async build(request: BuildRequest, pull: PullBase): Promise<{ image: StoredImage; steps: BuildStep[] }> {
    const parsed = parseDockerfile(request.dockerfile);
    const targetIndex = request.target ? parsed.stages.findIndex((s) => s.alias === request.target) : parsed.stages.length - 1;
    if (targetIndex < 0) throw new BuildFailure(`target stage "${request.target}" could not be found`, []);
    const globalArgs: Record<string, string> = {};
    for (const arg of parsed.globalArgs) if (arg.keyword === 'ARG') globalArgs[arg.name] = request.buildArgs[arg.name] ?? arg.defaultValue ?? '';
    const steps: BuildStep[] = [];
    const results: StageState[] = [];
    for (let i = 0; i <= targetIndex; i++) results.push(await this.buildStage(parsed.stages[i], i === targetIndex, parsed.stages, results, globalArgs, request, steps, pull));
    const final = results[targetIndex];
    const configJson = { architecture: 'amd64', os: 'linux', config: final.config, rootfs: { type: 'layers', diff_ids: final.layers }, history: final.history };
    const id = `sha256:${sha256(canonical(configJson))}`;
    const size = final.layers.reduce((sum, d) => sum + (this.images.layers.get(d)?.size ?? 0), 0);
    const image: StoredImage = { id, repoTags: [], repoDigests: [], source: { kind: 'built', buildId: id }, layers: final.layers, created: this.host.kernel.clock.now(), size, config: final.config, history: final.history };
    return { image, steps };
  }

  private async buildStage(
    stage: Stage,
    isTarget: boolean,
    stages: Stage[],
    done: StageState[],
    globalArgs: Record<string, string>,
    request: BuildRequest,
    steps: BuildStep[],
    pull: PullBase,
  ): Promise<StageState> {
    const from = stage.instructions[0] as ParsedInstruction & { keyword: 'FROM' };
    const baseName = expand(from.image, globalArgs);
    const total = stage.instructions.filter((i) => FILESYSTEM_STEPS.has(i.keyword)).length;
    let n = 1;
    const label = (text: string) => `[${isTarget ? '' : `${stage.alias ?? `stage-${done.length}`} `}${n}/${total}] ${text}`;
    let state: StageState;
    const earlier = done.find((_, i) => stages[i].alias === baseName.toLowerCase());
    if (earlier) state = { ...earlier, config: structuredClone(earlier.config), history: [...earlier.history], args: {} };
    else if (baseName === 'scratch') state = { layers: [], config: { Env: [], Cmd: null, Entrypoint: null, WorkingDir: '' }, history: [], key: 'scratch', args: {}, bash: false };
    else {
      let base: StoredImage;
      let downloaded: PullLayer[] = [];
      try {
        const present = this.images.resolve(baseName);
        if (present) base = present;
        else {
          const pulled = await pull(baseName);
          base = pulled.image;
          downloaded = pulled.layers.filter((l) => !l.alreadyExists);
        }
      } catch (error) {
        throw new BuildFailure(`${baseName}: failed to resolve source metadata for docker.io/library/${baseName}: ${(error as Error).message}`, steps, from.line);
      }
      const definition = this.images.definitionOf(base);
      const history = definition ? definition.steps.map((s) => ({ createdBy: s.createdBy, size: 'files' in s ? s.size : 0, emptyLayer: !('files' in s), created: definition.created })) : (base.history ?? []).map((h) => ({ ...h, created: h.created ?? base.created }));
      state = { layers: [...base.layers], config: structuredClone(this.images.configOf(base)!), history, key: base.id, args: {}, bash: this.images.hasBash(base) };
      const digest = base.repoDigests[0]?.split('@')[1] ?? base.id;
      const reference = `docker.io/library/${baseName.includes(':') ? baseName : `${baseName}:latest`}@${digest}`;
      const fromStep: BuildStep = { title: label(`FROM ${reference}`), lines: [], cached: false };
      // A base that had to be pulled: BuildKit resolves it, downloads each new blob and extracts it.
      if (downloaded.length > 0) {
        fromStep.progress = [
          `resolve ${reference} 0.0s done`,
          ...downloaded.map((l) => `${l.digest} ${buildkitSize(l.size)} / ${buildkitSize(l.size)} 0.4s done`),
          ...downloaded.map((l) => `extracting ${l.digest} 0.2s done`),
        ];
      }
      steps.push(fromStep);
      request.onStep?.(fromStep);
    }
    n++;
    for (const instruction of stage.instructions.slice(1)) {
      const vars = { ...globalArgs, ...state.args, ...envMap(state.config) };
      if (instruction.keyword === 'ARG') {
        state.args[instruction.name] = request.buildArgs[instruction.name] ?? globalArgs[instruction.name] ?? instruction.defaultValue ?? '';
        continue;
      }
      const isStep = FILESYSTEM_STEPS.has(instruction.keyword);
      const title = isStep ? label(instruction.original.replace(/\s+/g, ' ')) : '';
      const extra = await this.cacheExtra(instruction, request, vars, done, stages);
      const key = sha256(`${state.key}\n${instruction.original}\n${extra}\n${canonical(state.args)}`);
      const cached = !request.noCache ? this.cache.get(key) : undefined;
      const step: BuildStep = { title, lines: [], cached: !!cached };
      if (isStep) steps.push(step);
      if (cached && (cached.layer === null || this.images.layers.has(cached.layer))) {
        if (cached.layer) state.layers.push(cached.layer);
        state = { ...state, config: structuredClone(cached.config), key };
        state.history.push(cached.history);
      } else {
        step.cached = false;
        let entry: CacheEntry;
        try {
          entry = await this.execute(instruction, state, vars, request, step, done, stages);
        } catch (error) {
          // Report the whole build so far, not only the step that failed.
          if (error instanceof BuildFailure) throw new BuildFailure(error.message, steps, error.line, error.failedStep);
          throw error;
        }
        this.cache.set(key, entry);
        if (entry.layer) state.layers.push(entry.layer);
        state = { ...state, config: entry.config, key };
        state.history.push(entry.history);
      }
      if (isStep) {
        request.onStep?.(step);
        n++;
      }
    }
    return state;
  }

  /** What besides the instruction text decides a step's cache key: the files it copies. */
  private async cacheExtra(instruction: ParsedInstruction, request: BuildRequest, vars: Record<string, string>, done: StageState[], stages: Stage[]): Promise<string> {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return '';
    if (instruction.from) return `from:${done[stages.findIndex((s) => s.alias === instruction.from)]?.key ?? instruction.from}`;
    const files = selectFiles(request.context, instruction.sources.map((s) => expand(s, vars)));
    return sha256(files.map((f) => `${f.path}\0${sha256(f.content)}`).join('\n') + instruction.heredocs.map((h) => h.content).join('\n'));
  }

  private async execute(instruction: ParsedInstruction, state: StageState, vars: Record<string, string>, request: BuildRequest, step: BuildStep, done: StageState[], stages: Stage[]): Promise<CacheEntry> {
    const config = structuredClone(state.config);
    const workdir = config.WorkingDir || '/';
    const empty = (createdBy = historyText(instruction)) => ({ layer: null, config, history: { createdBy, size: 0, emptyLayer: true } });
    switch (instruction.keyword) {
      case 'ENV':
        for (const [name, value] of instruction.pairs) {
          const expanded = expand(value, vars);
          config.Env = [...config.Env.filter((e) => !e.startsWith(`${name}=`)), `${name}=${expanded}`];
          vars[name] = expanded;
        }
        return empty(`ENV ${instruction.pairs.map(([k, v]) => `${k}=${expand(v, vars)}`).join(' ')}`);
      case 'LABEL':
        config.Labels = { ...config.Labels, ...Object.fromEntries(instruction.pairs.map(([k, v]) => [k, expand(v, vars)])) };
        return empty();
      case 'EXPOSE':
        config.ExposedPorts = { ...config.ExposedPorts, ...Object.fromEntries(instruction.ports.map((p) => [p.includes('/') ? p : `${expand(p, vars)}/tcp`, {}])) };
        return empty();
      case 'CMD':
        config.Cmd = commandArgv(instruction.command);
        return empty();
      case 'ENTRYPOINT':
        config.Entrypoint = commandArgv(instruction.command);
        // Setting an entrypoint resets the CMD inherited from the base image.
        config.Cmd = null;
        return empty();
      case 'USER':
        config.User = expand(instruction.value, vars);
        return empty();
      case 'STOPSIGNAL':
        config.StopSignal = instruction.value;
        return empty();
      case 'VOLUME':
      case 'SHELL':
      case 'HEALTHCHECK':
      case 'ONBUILD':
      case 'MAINTAINER':
      case 'ARG':
      case 'FROM':
        return empty();
      case 'WORKDIR': {
        const path = resolvePath(workdir, expand(instruction.value, vars));
        config.WorkingDir = path;
        return this.commitLayer(state, { [path]: { dir: true } }, config, historyText(instruction));
      }
      case 'COPY':
      case 'ADD': {
        const rawDestination = expand(instruction.destination, vars);
        let destination = resolvePath(workdir, rawDestination);
        // `.` and an existing directory mean "into this directory", as a trailing slash does.
        if (!destination.endsWith('/') && (/^\.\/?$/.test(rawDestination) || (await this.isDirectory(state.layers, destination)))) destination += '/';
        const files: Record<string, LayerFile> = {};
        if (instruction.heredocs.length > 0) {
          for (const doc of instruction.heredocs) files[destination.endsWith('/') ? `${destination}${doc.name}` : destination] = doc.expand ? expand(doc.content, vars) : doc.content;
        } else if (instruction.from) {
          const index = stages.findIndex((s) => s.alias === instruction.from);
          const source = done[index];
          if (!source) throw new BuildFailure(`failed to resolve stage "${instruction.from}"`, [step], instruction.line, step);
          const view = this.layersView(source.layers);
          for (const src of instruction.sources) await copyFromView(view, resolvePath('/', src), destination, files);
        } else {
          const sources = instruction.sources.map((s) => expand(s, vars));
          if (sources.some((s) => /^https?:\/\//.test(s))) throw new BuildFailure('ADD from a URL is not modelled in this sandbox (no network)', [step], instruction.line, step);
          const selected = selectFiles(request.context, sources);
          for (const source of sources) {
            const norm = normaliseSource(source);
            if (norm !== '' && !/[*?]/.test(norm) && !request.context.some((f) => f.path === norm || f.path.startsWith(`${norm}/`))) {
              throw new BuildFailure(`failed to compute cache key: failed to calculate checksum of ref: "/${norm}": not found`, [step], instruction.line, step);
            }
          }
          const intoDir = destination.endsWith('/') || sources.length > 1 || sources.some((s) => normaliseSource(s) === '' || request.context.some((f) => f.path.startsWith(`${normaliseSource(s)}/`)) || /[*?]/.test(s));
          for (const file of selected) {
            const base = sources.map(normaliseSource).find((s) => s && file.path.startsWith(`${s}/`));
            const relative = base ? file.path.slice(base.length + 1) : intoDir ? file.path.split('/').slice(sources.some((s) => normaliseSource(s) === '') ? 0 : -1).join('/') : '';
            const target = intoDir ? `${destination.replace(/\/$/, '')}/${relative}` : destination;
            files[target] = { content: new TextDecoder().decode(file.content), mode: file.mode || 0o644 };
          }
        }
        return this.commitLayer(state, files, config, historyText(instruction));
      }
      case 'RUN':
        return this.run(instruction, state, config, step);
    }
  }

  private async run(instruction: ParsedInstruction & { keyword: 'RUN' }, state: StageState, config: ImageConfig, step: BuildStep): Promise<CacheEntry> {
    const cacheId = this.host.random.hex(64);
    const raw = this.host.layerRoot();
    const upper = `${OVERLAY2}/${cacheId}/diff`;
    await raw.mkdir(upper, { recursive: true });
    await raw.mkdir(`${OVERLAY2}/${cacheId}/work`, { recursive: true });
    const rootSpec: MountSpec = { kind: 'overlay', lower: [...state.layers].reverse().map((d) => `${OVERLAY2}/${this.images.layers.get(d)!.cacheId}/diff`), upper, work: `${OVERLAY2}/${cacheId}/work` };
    const root = this.host.mountFilesystem(rootSpec);
    const process = this.host.kernel.spawn({ parent: 1, argv: commandArgv(instruction.command), newNamespaces: ['pid', 'mnt', 'uts', 'ipc'], hostname: 'buildkitsandbox', cgroup: '/system.slice/docker.service', rssKiB: 4_096 });
    const procSpec: MountSpec = { kind: 'proc', pidNamespace: process.ns.pid };
    this.host.setMountTable(process.ns.mnt, new MountTable(root, [{ source: 'overlay', target: '/', fstype: 'overlay', options: 'rw', spec: rootSpec }, { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw', fs: this.host.mountFilesystem(procSpec), spec: procSpec }], rootSpec));
    const session = this.host.openShell(process.pid, config.WorkingDir || '/', this.host.mountsOf(process.ns.mnt).view, state.bash ? 'bash' : 'ash');
    const exports = Object.entries({ ...state.args, ...envMap(config) }).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`).join('; ');
    const heredoc = instruction.heredocs?.[0];
    const script = heredoc ? heredoc.content : instruction.command.form === 'exec' ? instruction.command.argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ') : instruction.command.script;
    const result = await session.run(`${exports ? `${exports}; ` : ''}${script}`);
    if (this.host.kernel.get(process.pid)) this.host.kernel.exit(process.pid, result.exitCode);
    step.lines = `${result.stdout}${result.stderr}`.split('\n').filter((l) => l !== '');
    if (result.exitCode !== 0) {
      throw new BuildFailure(`process "${commandArgv(instruction.command).join(' ')}" did not complete successfully: exit code: ${result.exitCode}`, [step], instruction.line, step);
    }
    return this.registerUpper(state, cacheId, upper, config, historyText(instruction));
  }

  /** A layer from files: written under overlay2 like a pulled layer. */
  private async commitLayer(state: StageState, files: Record<string, LayerFile>, config: ImageConfig, createdBy: string): Promise<CacheEntry> {
    const diffId = `sha256:${sha256(canonical({ parent: state.layers.at(-1) ?? null, files }))}`;
    const size = Object.values(files).reduce((sum, f) => sum + (typeof f === 'string' ? f.length : 'content' in f ? f.content.length : 0), 0);
    if (!this.images.layers.has(diffId)) {
      const layer: StoredLayer = { diffId, cacheId: sha256(`${diffId}:${this.host.random.hex(8)}`), link: linkName(this.host.random), size, parent: state.layers.at(-1) ?? null };
      const lowerLinks = [...state.layers].reverse().map((d) => this.images.layers.get(d)!.link);
      await writeLayerDirectory(this.host.layerRoot(), layer.cacheId, layer.link, lowerLinks, files);
      this.images.addLayer(layer);
    }
    return { layer: diffId, config, history: { createdBy, size, emptyLayer: false } };
  }

  /**
   * A directory under overlay2 (a RUN's upper directory, a committed container's changes) becomes
   * a layer as it is, on top of `state.layers`; its DiffID hashes what it holds.
   */
  async registerUpper(state: Pick<StageState, 'layers'>, cacheId: string, upper: string, config: ImageConfig, createdBy: string): Promise<CacheEntry> {
    const raw = this.host.layerRoot();
    const special = new SpecialFiles(raw);
    const listing: string[] = [];
    let size = 0;
    const walk = async (dir: string) => {
      for (const name of (await raw.readdir(upper + dir)).sort()) {
        const path = `${dir}/${name}`;
        const stat = await raw.lstat(upper + path);
        if (stat.isDirectory) {
          listing.push(`d ${path}`);
          await walk(path);
        } else if (await special.device(upper + path)) listing.push(`w ${path}`);
        else if (stat.isSymbolicLink) listing.push(`l ${path} ${await raw.readlink(upper + path)}`);
        else {
          const content = await raw.readFileBuffer(upper + path);
          size += content.length;
          listing.push(`f ${path} ${sha256(content)}`);
        }
      }
    };
    await walk('');
    const diffId = `sha256:${sha256(`${state.layers.at(-1) ?? ''}\n${listing.join('\n')}`)}`;
    const lowerLinks = [...state.layers].reverse().map((d) => this.images.layers.get(d)!.link);
    const link = linkName(this.host.random);
    await writeLayerDirectory(raw, cacheId, link, lowerLinks, {});
    this.images.addLayer({ diffId, cacheId, link, size, parent: state.layers.at(-1) ?? null });
    return { layer: diffId, config, history: { createdBy, size, emptyLayer: false } };
  }

  private async isDirectory(layers: string[], path: string): Promise<boolean> {
    if (layers.length === 0) return false;
    try {
      return (await this.layersView(layers).stat(path)).isDirectory;
    } catch {
      return false;
    }
  }

  private layersView(layers: string[]): IFileSystem {
    return this.host.mountFilesystem({ kind: 'overlay', lower: [...layers].reverse().map((d) => `${OVERLAY2}/${this.images.layers.get(d)!.cacheId}/diff`) });
  }

  snapshot(): [string, CacheEntry][] {
    return structuredClone([...this.cache.entries()]);
  }
}

function resolvePath(workdir: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}${path.endsWith('/') && parts.length > 0 ? '/' : ''}`;
}

function normaliseSource(source: string): string {
  return source.replace(/^\.\/?/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

/** The context files a COPY's sources name: files, directories (everything under), globs, `.`. */
export function selectFiles(context: ContextFile[], sources: string[]): ContextFile[] {
  const chosen = new Set<ContextFile>();
  for (const source of sources) {
    const norm = normaliseSource(source);
    const re = /[*?]/.test(norm) ? globToRegExp(norm) : null;
    for (const file of context) {
      if (norm === '' || file.path === norm || file.path.startsWith(`${norm}/`) || re?.test(file.path)) chosen.add(file);
    }
  }
  return [...chosen];
}

async function copyFromView(view: IFileSystem, source: string, destination: string, files: Record<string, LayerFile>): Promise<void> {
  const stat = await view.stat(source);
  if (!stat.isDirectory) {
    files[destination.endsWith('/') ? `${destination}${source.split('/').pop()}` : destination] = { content: await view.readFile(source), mode: stat.mode & 0o7777 };
    return;
  }
  for (const name of await view.readdir(source)) await copyFromView(view, `${source}/${name}`, `${destination.replace(/\/$/, '')}/${name}`, files);
}

