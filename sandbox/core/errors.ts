/**
 * Errors as the kernel reports them: an errno code whose text every tool prints in its own frame
 * (`write error: Invalid argument`, `mkdir: cannot create directory 'x': File exists`).
 */
export const ERRNO_TEXT = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  ENXIO: 'No such device or address',
  ELOOP: 'Too many levels of symbolic links',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  EOPNOTSUPP: 'Operation not supported',
} as const;

export type Errno = keyof typeof ERRNO_TEXT;

export class KernelError extends Error {
  constructor(
    readonly code: Errno,
    /** What failed, for messages in the style of Node's fs errors: `EINVAL: invalid argument, write '/x'`. */
    readonly syscall: string = '',
    readonly path: string = '',
  ) {
    super(path ? `${code}: ${ERRNO_TEXT[code].toLowerCase()}, ${syscall} '${path}'` : `${code}: ${ERRNO_TEXT[code]}`);
    this.name = 'KernelError';
  }

  get text(): string {
    return ERRNO_TEXT[this.code];
  }
}
