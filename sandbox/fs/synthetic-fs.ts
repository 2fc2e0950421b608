/**
 * A filesystem whose tree is computed from the model on every access: procfs and cgroupfs are
 * views of the kernel, not stored files. Subclasses describe one path at a time; this class turns
 * that into just-bash's IFileSystem with the errors the kernel gives (ENOENT, EACCES, EROFS...).
 */
import type { FsStat, IFileSystem } from 'just-bash';
import { KernelError } from '../core/errors';
import { normalisePath } from './paths';

export type SyntheticNode =
  | { kind: 'dir'; entries: () => string[]; mode?: number }
  | { kind: 'file'; read: () => string; write?: (data: string) => void; mode?: number }
  | { kind: 'link'; target: () => string };

const EPOCH = new Date(0);

export abstract class SyntheticFs implements IFileSystem {
  /** Describes `path` (absolute, normalised, relative to this filesystem's root) or returns null. */
  protected abstract node(path: string): SyntheticNode | null;

  /** When the files "changed": procfs shows boot time, cgroupfs the group's creation. */
  protected mtime(path: string): Date {
    void path;
    return EPOCH;
  }

  protected normalise(path: string): string {
    return normalisePath(path);
  }

  /** The node at `path`, following links in every component but the last (as lstat does). */
  private lookup(path: string, syscall: string): SyntheticNode {
    const parts = this.normalise(path).split('/').filter(Boolean);
    let current = '';
    for (let i = 0; i < parts.length; i++) {
      current = `${current}/${parts[i]}`;
      const node = this.node(current);
      if (!node) throw new KernelError('ENOENT', syscall, path);
      if (i === parts.length - 1) return node;
      if (node.kind === 'link') current = this.resolve(current, syscall).path;
    }
    const root = this.node('/');
    if (!root) throw new KernelError('ENOENT', syscall, path);
    return root;
  }

  /** Follows symlinks inside this filesystem (e.g. /proc/self → /proc/1342). */
  private resolve(path: string, syscall: string, depth = 0): { path: string; node: SyntheticNode } {
    const normalised = this.normalise(path);
    const node = this.lookup(normalised, syscall);
    if (node.kind !== 'link' || depth > 8) return { path: this.physical(normalised, syscall), node };
    const target = node.target();
    // Links that leave this filesystem (ns:[...] and the like) cannot be followed.
    if (!target.startsWith('/') && !/^[\w.-]+(\/[\w.-]+)*$/.test(target)) throw new KernelError('ENOENT', syscall, path);
    const base = normalised.slice(0, normalised.lastIndexOf('/')) || '/';
    return this.resolve(target.startsWith('/') ? target : `${base}/${target}`, syscall, depth + 1);
  }

  /** `path` with the links in its directory part replaced by their targets. */
  private physical(path: string, syscall: string): string {
    const cut = path.lastIndexOf('/');
    if (cut <= 0) return path;
    return `${this.resolve(path.slice(0, cut), syscall).path}/${path.slice(cut + 1)}`.replace(/^\/\//, '/');
  }

  private statOf(path: string, node: SyntheticNode): FsStat {
    const mtime = this.mtime(path);
    if (node.kind === 'dir') return { isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o40000 | (node.mode ?? 0o555), size: 0, mtime };
    if (node.kind === 'link') return { isFile: false, isDirectory: false, isSymbolicLink: true, mode: 0o120000 | 0o777, size: 0, mtime };
    return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100000 | (node.mode ?? 0o444), size: 0, mtime };
  }

  async readFile(path: string): Promise<string> {
    const { node } = this.resolve(path, 'open');
    if (node.kind === 'dir') throw new KernelError('EISDIR', 'read', path);
    if (node.kind !== 'file') throw new KernelError('ENOENT', 'open', path);
    return node.read();
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.readFile(path));
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const { node } = this.resolve(path, 'open');
    if (node.kind === 'dir') throw new KernelError('EISDIR', 'open', path);
    if (node.kind !== 'file' || !node.write) throw new KernelError('EACCES', 'open', path);
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    // Opening with O_TRUNC (the shell's `>`) writes nothing; only the data written is checked.
    if (text === '') return;
    node.write(text);
  }

  async appendFile(path: string, content: string | Uint8Array): Promise<void> {
    // Kernel files have no "end" to append to: `echo x >> file` is a plain write.
    return this.writeFile(path, content);
  }

  async exists(path: string): Promise<boolean> {
    try {
      this.resolve(path, 'stat');
      return true;
    } catch {
      return false;
    }
  }

  async stat(path: string): Promise<FsStat> {
    const { path: real, node } = this.resolve(path, 'stat');
    return this.statOf(real, node);
  }

  async lstat(path: string): Promise<FsStat> {
    const normalised = this.normalise(path);
    return this.statOf(this.physical(normalised, 'lstat'), this.lookup(normalised, 'lstat'));
  }

  async readdir(path: string): Promise<string[]> {
    const { node } = this.resolve(path, 'scandir');
    if (node.kind !== 'dir') throw new KernelError('ENOTDIR', 'scandir', path);
    return node.entries();
  }

  async readdirWithFileTypes(path: string) {
    const { path: dir } = this.resolve(path, 'scandir');
    const names = await this.readdir(path);
    return names.map((name) => {
      const node = this.node(this.normalise(`${dir}/${name}`));
      return { name, isFile: node?.kind === 'file', isDirectory: node?.kind === 'dir', isSymbolicLink: node?.kind === 'link' };
    });
  }

  async readlink(path: string): Promise<string> {
    const node = this.lookup(path, 'readlink');
    if (node.kind !== 'link') throw new KernelError('EINVAL', 'readlink', path);
    return node.target();
  }

  async realpath(path: string): Promise<string> {
    return this.resolve(path, 'realpath').path;
  }

  resolvePath(base: string, path: string): string {
    return this.normalise(path.startsWith('/') ? path : `${base}/${path}`);
  }

  getAllPaths(): string[] {
    return [];
  }

  async mkdir(path: string): Promise<void> {
    throw new KernelError('EPERM', 'mkdir', path);
  }

  async rm(path: string): Promise<void> {
    throw new KernelError('EPERM', 'rm', path);
  }

  async cp(_src: string, dest: string): Promise<void> {
    throw new KernelError('EPERM', 'cp', dest);
  }

  async mv(_src: string, dest: string): Promise<void> {
    throw new KernelError('EPERM', 'rename', dest);
  }

  async chmod(path: string): Promise<void> {
    throw new KernelError('EPERM', 'chmod', path);
  }

  async symlink(_target: string, path: string): Promise<void> {
    throw new KernelError('EPERM', 'symlink', path);
  }

  async link(_existing: string, path: string): Promise<void> {
    throw new KernelError('EPERM', 'link', path);
  }

  async utimes(path: string): Promise<void> {
    this.lookup(path, 'utime');
  }
}
