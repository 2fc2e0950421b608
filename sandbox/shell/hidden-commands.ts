/**
 * just-bash runs a registered command only when PATH lookup finds a file for it at /usr/bin/NAME
 * (or /bin/NAME). The session's internal helpers (`$?` restoration, loop yields, exit marks) must
 * resolve that way too, yet never appear in `ls /usr/bin` or Tab completion. This wrapper answers
 * `exists`/`stat` for those names and leaves everything else to the real filesystem.
 */
import type { FsStat, IFileSystem } from 'just-bash';

export const HIDDEN_PREFIX = '__dockyard_';

const STUB_STAT: FsStat = { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100755, size: 0, mtime: new Date(0) };

function isHidden(path: string): boolean {
  return path.startsWith(`/usr/bin/${HIDDEN_PREFIX}`) || path.startsWith(`/bin/${HIDDEN_PREFIX}`);
}

export function withHiddenCommands(fs: IFileSystem): IFileSystem {
  return new Proxy(fs, {
    get(target, property, receiver) {
      if (property === 'exists') return async (path: string) => isHidden(path) || target.exists(path);
      if (property === 'stat' || property === 'lstat') {
        return async (path: string) => (isHidden(path) ? STUB_STAT : target[property](path));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
