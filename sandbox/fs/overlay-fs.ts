/**
 * overlayfs: read-only lower layers under a writable upper layer, seen as one tree ("merged").
 * Reads come from the topmost layer that has the path; the first write to a lower file copies it
 * up; deleting a lower file leaves a whiteout (a 0/0 character device) in the upper layer; a
 * directory deleted and made again is marked opaque, hiding what the lower layers had in it.
 */
import type { FsStat, IFileSystem } from 'just-bash';
import { KernelError } from '../core/errors';
import { normalisePath, pathExists } from './paths';
import { SpecialFiles } from './special-files';

export interface OverlayLayer {
  fs: IFileSystem;
  special: SpecialFiles;
}

export function overlayLayer(fs: IFileSystem): OverlayLayer {
  return { fs, special: new SpecialFiles(fs) };
}

const WHITEOUT = { major: 0, minor: 0 };

function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => '/' + parts.slice(0, i + 1).join('/'));
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

export class OverlayFs implements IFileSystem {
  /** `lowers` top first, as in `lowerdir=top:middle:bottom`. */
  constructor(
    readonly upper: OverlayLayer,
    readonly lowers: OverlayLayer[],
  ) {}

  private normalise(path: string): string {
    return normalisePath(path);
  }

  private async isWhiteout(layer: OverlayLayer, path: string): Promise<boolean> {
    const device = await layer.special.device(path);
    return !!device && device.major === 0 && device.minor === 0;
  }

  /** The topmost layer holding `path`, honouring whiteouts and opaque directories above it. */
  private async find(path: string): Promise<OverlayLayer | null> {
    const p = this.normalise(path);
    for (const layer of [this.upper, ...this.lowers]) {
      let stopBelow = false;
      for (const dir of ancestors(p)) {
        if (await this.isWhiteout(layer, dir)) return null;
        if ((await layer.fs.exists(dir)) && (await layer.special.isOpaque(dir))) stopBelow = true;
      }
      if (p !== '/' && (await this.isWhiteout(layer, p))) return null;
      if (await exists(layer.fs, p)) return layer;
      if (stopBelow) return null;
    }
    return null;
  }

  /**
   * Resolves symlinks at the overlay level, component by component, so a link in one layer can
   * point into another and absolute targets stay inside this root (`/bin/ps -> /bin/busybox`).
   * With `followLast` false the final component is left as it is (for lstat, readlink, rm).
   */
  private async resolve(path: string, followLast = true, depth = 0): Promise<string> {
    if (depth > 40) throw new KernelError('ELOOP', 'open', path);
    const parts = this.normalise(path).split('/').filter(Boolean);
    let current = '';
    for (let i = 0; i < parts.length; i++) {
      const next = `${current}/${parts[i]}`;
      const last = i === parts.length - 1;
      if (last && !followLast) return next;
      const layer = await this.find(next);
      if (!layer) return [next, ...parts.slice(i + 1)].join('/');
      const stat = await layer.fs.lstat(next);
      if (!stat.isSymbolicLink) {
        current = next;
        continue;
      }
      const target = await layer.fs.readlink(next);
      const rest = parts.slice(i + 1).join('/');
      const base = target.startsWith('/') ? target : `${current}/${target}`;
      return this.resolve(rest ? `${base}/${rest}` : base, followLast, depth + 1);
    }
    return current || '/';
  }

  private async require(path: string, syscall: string): Promise<OverlayLayer> {
    const layer = await this.find(path);
    if (!layer) throw new KernelError('ENOENT', syscall, path);
    return layer;
  }

  /** Copies `path` and its parent directories into the upper layer (copy-up). */
  private async copyUp(path: string): Promise<void> {
    const p = this.normalise(path);
    for (const dir of [...ancestors(p), p]) {
      if (dir === p && !(await this.find(dir))) return;
      if (await exists(this.upper.fs, dir)) continue;
      const layer = await this.require(dir, 'open');
      const stat = await layer.fs.lstat(dir);
      if (stat.isDirectory) {
        await this.upper.fs.mkdir(dir);
        await this.upper.fs.chmod(dir, stat.mode & 0o7777);
      } else if (stat.isSymbolicLink) {
        await this.upper.fs.symlink(await layer.fs.readlink(dir), dir);
      } else {
        await this.upper.fs.writeFile(dir, await layer.fs.readFileBuffer(dir));
        await this.upper.fs.chmod(dir, stat.mode & 0o7777);
      }
    }
  }

  private async prepareParent(path: string): Promise<void> {
    const parent = parentOf(this.normalise(path));
    const layer = await this.find(parent);
    if (!layer) throw new KernelError('ENOENT', 'open', path);
    if (!(await layer.fs.stat(parent)).isDirectory) throw new KernelError('ENOTDIR', 'open', path);
    await this.copyUp(parent);
  }

  async readFile(path: string, options?: never): Promise<string> {
    const p = await this.resolve(path);
    return (await this.require(p, 'open')).fs.readFile(p, options);
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    const p = await this.resolve(path);
    return (await this.require(p, 'open')).fs.readFileBuffer(p);
  }

  async writeFile(path: string, content: string | Uint8Array, options?: never): Promise<void> {
    const p = await this.resolve(path);
    await this.prepareParent(p);
    if (await this.isWhiteout(this.upper, p)) await this.upper.fs.rm(p);
    await this.copyUp(p);
    await this.upper.fs.writeFile(p, content, options);
  }

  async appendFile(path: string, content: string | Uint8Array, options?: never): Promise<void> {
    const p = await this.resolve(path);
    await this.prepareParent(p);
    if (await this.isWhiteout(this.upper, p)) await this.upper.fs.rm(p);
    await this.copyUp(p);
    await this.upper.fs.appendFile(p, content, options);
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await this.find(await this.resolve(path))) !== null;
    } catch {
      return false;
    }
  }

  async stat(path: string): Promise<FsStat> {
    const p = await this.resolve(path);
    return (await this.require(p, 'stat')).fs.lstat(p);
  }

  async lstat(path: string): Promise<FsStat> {
    const p = await this.resolve(path, false);
    return (await this.require(p, 'lstat')).fs.lstat(p);
  }

  async readdir(path: string): Promise<string[]> {
    const dir = await this.resolve(path);
    const top = await this.require(dir, 'scandir');
    if (!(await top.fs.stat(dir)).isDirectory) throw new KernelError('ENOTDIR', 'scandir', path);
    const names = new Set<string>();
    const hidden = new Set<string>();
    for (const layer of [this.upper, ...this.lowers]) {
      if (!(await exists(layer.fs, dir))) continue;
      for (const name of await layer.fs.readdir(dir)) {
        const child = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (hidden.has(name)) continue;
        if (await this.isWhiteout(layer, child)) hidden.add(name);
        else names.add(name);
      }
      if (await layer.special.isOpaque(dir)) break;
    }
    return [...names].sort();
  }

  async readdirWithFileTypes(path: string) {
    const dir = await this.resolve(path);
    const entries = [];
    for (const name of await this.readdir(dir)) {
      const stat = await this.lstat(dir === '/' ? `/${name}` : `${dir}/${name}`);
      entries.push({ name, isFile: stat.isFile, isDirectory: stat.isDirectory, isSymbolicLink: stat.isSymbolicLink });
    }
    return entries;
  }

  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    const p = await this.resolve(path);
    if (await this.find(p)) {
      if (options?.recursive) return;
      throw new KernelError('EEXIST', 'mkdir', path);
    }
    if (options?.recursive) for (const dir of ancestors(p)) if (!(await this.find(dir))) await this.mkdir(dir);
    await this.prepareParent(p);
    const wasWhiteout = await this.isWhiteout(this.upper, p);
    if (wasWhiteout) await this.upper.fs.rm(p);
    await this.upper.fs.mkdir(p);
    // A directory made where a lower one was deleted must not show the old contents again.
    if (wasWhiteout) await this.upper.special.setOpaque(p);
  }

  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    const p = await this.resolve(path, false);
    const layer = await this.find(p);
    if (!layer) {
      if (options?.force) return;
      throw new KernelError('ENOENT', 'rm', path);
    }
    const stat = await layer.fs.lstat(p);
    if (stat.isDirectory) {
      const children = await this.readdir(p);
      if (children.length > 0 && !options?.recursive) throw new KernelError('ENOTEMPTY', 'rmdir', path);
      for (const child of children) await this.rm(p === '/' ? `/${child}` : `${p}/${child}`, options);
    }
    const inLower = await this.inLowers(p);
    if (await exists(this.upper.fs, p)) await this.upper.fs.rm(p, { recursive: true, force: true });
    if (inLower) {
      await this.prepareParent(p);
      await this.upper.special.makeDevice(p, WHITEOUT);
    }
  }

  /** Does a lower layer show `path`? Then deleting it needs a whiteout in the upper layer. */
  private async inLowers(path: string): Promise<boolean> {
    for (const layer of this.lowers) {
      for (const dir of ancestors(path)) if (await this.isWhiteout(layer, dir)) return false;
      if (await this.isWhiteout(layer, path)) return false;
      if (await exists(layer.fs, path)) return true;
    }
    return false;
  }

  async cp(src: string, dest: string, options?: { recursive?: boolean }): Promise<void> {
    const stat = await this.stat(src);
    if (stat.isDirectory) {
      if (!options?.recursive) throw new KernelError('EISDIR', 'cp', src);
      await this.mkdir(dest, { recursive: true });
      for (const name of await this.readdir(src)) await this.cp(`${src}/${name}`, `${dest}/${name}`, options);
      return;
    }
    await this.writeFile(dest, await this.readFileBuffer(src));
    await this.chmod(dest, stat.mode & 0o7777);
  }

  async mv(src: string, dest: string): Promise<void> {
    await this.cp(src, dest, { recursive: true });
    await this.rm(src, { recursive: true });
  }

  resolvePath(base: string, path: string): string {
    return this.normalise(path.startsWith('/') ? path : `${base}/${path}`);
  }

  getAllPaths(): string[] {
    return [];
  }

  async chmod(path: string, mode: number): Promise<void> {
    const p = await this.resolve(path);
    await this.copyUp(p);
    await this.upper.fs.chmod(p, mode);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const p = await this.resolve(linkPath, false);
    if (await this.find(p)) throw new KernelError('EEXIST', 'symlink', linkPath);
    await this.prepareParent(p);
    if (await this.isWhiteout(this.upper, p)) await this.upper.fs.rm(p);
    await this.upper.fs.symlink(target, p);
  }

  async link(existing: string, newPath: string): Promise<void> {
    await this.writeFile(newPath, await this.readFileBuffer(existing));
  }

  async readlink(path: string): Promise<string> {
    const p = await this.resolve(path, false);
    return (await this.require(p, 'readlink')).fs.readlink(p);
  }

  async realpath(path: string): Promise<string> {
    const p = await this.resolve(path);
    await this.require(p, 'realpath');
    return p;
  }

  async utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    const p = await this.resolve(path);
    await this.copyUp(p);
    await this.upper.fs.utimes(p, atime, mtime);
  }
}

const exists = pathExists;
