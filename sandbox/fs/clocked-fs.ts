/**
 * just-bash stamps new and changed files with the real time, which would make `ls -l` differ from
 * run to run. This wrapper re-stamps every write with the sandbox's clock.
 */
import type { IFileSystem } from 'just-bash';
import type { Clock } from '../core/clock';

const STAMPED = new Set(['writeFile', 'appendFile', 'mkdir', 'cp', 'mv', 'symlink', 'link']);

/**
 * Symlink times cannot be set in just-bash's filesystem, so they are kept beside it: when each
 * link was made, by the clock; links older than the record show the host's boot time.
 */
export interface LinkTimes {
  made: Map<string, number>;
  bootedAt: number;
}

export function withClockTimes(fs: IFileSystem, clock: Clock, links: LinkTimes): IFileSystem {
  return new Proxy(fs, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'lstat') {
        return async (path: string) => {
          const stat = await target.lstat(path);
          return stat.isSymbolicLink ? { ...stat, mtime: new Date(links.made.get(path) ?? links.bootedAt) } : stat;
        };
      }
      if (property === 'symlink') {
        return async (linkTarget: string, path: string) => {
          await target.symlink(linkTarget, path);
          links.made.set(path, clock.now());
        };
      }
      // `touch` asks for "now" in real time; the sandbox's now is the clock's. (A consequence:
      // explicit dates, `touch -d 2020-01-01`, are not honoured yet.)
      if (property === 'utimes') return (path: string) => target.utimes(path, new Date(clock.now()), new Date(clock.now()));
      if (!STAMPED.has(String(property))) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        // The changed path: the destination for cp/mv/symlink/link, else the first argument.
        const path = String(['cp', 'mv', 'symlink', 'link'].includes(String(property)) ? args[1] : args[0]);
        const now = new Date(clock.now());
        try {
          if (property !== 'symlink') await target.utimes(path, now, now);
        } catch {
          // the path may be gone already (a racing rm); nothing to stamp
        }
        return result;
      };
    },
  });
}

/** Stamps every existing entry with the clock's time: a freshly built host has no history. */
export async function stampAll(fs: IFileSystem, clock: Clock): Promise<void> {
  const now = new Date(clock.now());
  for (const path of fs.getAllPaths()) {
    try {
      if (!(await fs.lstat(path)).isSymbolicLink) await fs.utimes(path, now, now);
    } catch {
      // skip entries that cannot be stamped
    }
  }
}
