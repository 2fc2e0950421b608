/**
 * A filesystem mounted read-only (`docker run -v src:/dst:ro`): reads pass through, and every
 * write fails with EROFS as the kernel would, naming the path as the process sees it.
 */
import type { IFileSystem } from 'just-bash';
import { ERRNO_TEXT, KernelError } from '../core/errors';

/** Writing methods, and the syscall each one's error names. */
const WRITES: Record<string, string> = { writeFile: 'open', appendFile: 'open', mkdir: 'mkdir', rm: 'unlink', chmod: 'chmod', utimes: 'utime', symlink: 'symlink', link: 'link', cp: 'open', mv: 'rename' };
/** These write their second path; the rest their first. */
const WRITES_SECOND = new Set(['symlink', 'link', 'cp', 'mv']);

export function readOnlyFs(fs: IFileSystem, mountPoint: string): IFileSystem {
  const outer = (path: string) => (mountPoint === '/' ? path : `${mountPoint}${path === '/' ? '' : path}`);
  return new Proxy(fs, {
    get(target, property, receiver) {
      const name = String(property);
      const syscall = WRITES[name];
      if (syscall) {
        return async (first: string, second?: string) => {
          const error = new KernelError('EROFS', syscall, outer(WRITES_SECOND.has(name) ? (second ?? first) : first));
          // Tools print an error's message after their own words ("touch: cannot touch 'x': ..."),
          // so it carries just the kernel's text; the shell reads path and text from the error.
          error.message = ERRNO_TEXT.EROFS;
          throw error;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
