/**
 * A directory of a filesystem seen as a filesystem of its own: overlay layers (`lowerdir`,
 * `upperdir`), bind mounts and chroot all look at part of the host's tree this way.
 */
import type { IFileSystem } from 'just-bash';

export function subtreeFs(fs: IFileSystem, root: string): IFileSystem {
  const base = root === '/' ? '' : root.replace(/\/+$/, '');
  const inner = (path: string) => base + (path.startsWith('/') ? path : `/${path}`);
  const outer = (path: string) => (path.startsWith(base) ? path.slice(base.length) || '/' : path);
  const pathMethods = new Set(['readFile', 'readFileBuffer', 'readFileBytes', 'writeFile', 'appendFile', 'exists', 'stat', 'lstat', 'mkdir', 'readdir', 'readdirWithFileTypes', 'rm', 'chmod', 'readlink', 'utimes']);
  return new Proxy(fs, {
    get(target, property, receiver) {
      const name = String(property);
      // Only what the target has: callers test for optional methods (readFileBytes) before using them.
      if (pathMethods.has(name) && typeof Reflect.get(target, property) === 'function') {
        return (path: string, ...rest: unknown[]) => (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name](inner(path), ...rest);
      }
      if (pathMethods.has(name)) return undefined;
      if (name === 'cp' || name === 'mv' || name === 'link') return (a: string, b: string, ...rest: unknown[]) => (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name](inner(a), inner(b), ...rest);
      if (name === 'symlink') return (linkTarget: string, path: string) => target.symlink(linkTarget, inner(path));
      if (name === 'realpath') return async (path: string) => outer(await target.realpath(inner(path)));
      if (name === 'resolvePath') return (from: string, path: string) => target.resolvePath(from, path);
      if (name === 'getAllPaths') return () => target.getAllPaths().filter((p) => p.startsWith(base + '/')).map(outer);
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
