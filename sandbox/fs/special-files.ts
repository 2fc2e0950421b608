/**
 * Device nodes and overlayfs's opaque-directory mark on top of just-bash's in-memory filesystem,
 * which has neither. A character device is stored as a small marker file and presented as the real
 * thing (`crw-rw-rw- ... 1, 3 /dev/null`; `c--------- ... 0, 0 name` for an overlay whiteout); an
 * opaque directory carries a hidden marker entry, never listed. The stored form is plain files, so
 * snapshots need nothing special.
 */
import type { FsStat, IFileSystem } from 'just-bash';
import { KernelError } from '../core/errors';

const DEVICE_PREFIX = '\u0000dockyard:chardev:';
const OPAQUE_MARK = '.dockyard-opaque';
const S_IFCHR = 0o020000;

export interface DeviceNumber {
  major: number;
  minor: number;
}

export function deviceMarker({ major, minor }: DeviceNumber): string {
  return `${DEVICE_PREFIX}${major}:${minor}\u0000`;
}

/** The files that behave as `/dev/null` and `/dev/zero` do; other devices refuse I/O (ENXIO). */
const READABLE_EMPTY = new Set(['1:3', '1:5', '1:7', '1:8', '1:9', '5:0']);

export class SpecialFiles {
  constructor(private readonly fs: IFileSystem) {}

  /** The device number of `path` if it is a character device, else null. */
  async device(path: string): Promise<DeviceNumber | null> {
    let stat: FsStat;
    try {
      stat = await this.fs.lstat(path);
    } catch {
      return null;
    }
    if (!stat.isFile || stat.size > 40 || stat.size < DEVICE_PREFIX.length) return null;
    const content = await this.fs.readFile(path);
    if (!content.startsWith(DEVICE_PREFIX)) return null;
    const [major, minor] = content.slice(DEVICE_PREFIX.length, -1).split(':').map(Number);
    return { major, minor };
  }

  async makeDevice(path: string, device: DeviceNumber): Promise<void> {
    await this.fs.writeFile(path, deviceMarker(device));
    await this.fs.chmod(path, 0);
  }

  async isOpaque(dir: string): Promise<boolean> {
    return this.fs.exists(`${dir === '/' ? '' : dir}/${OPAQUE_MARK}`);
  }

  async setOpaque(dir: string): Promise<void> {
    await this.fs.writeFile(`${dir === '/' ? '' : dir}/${OPAQUE_MARK}`, 'y');
  }
}

/** The view of a filesystem that tools see: devices look like devices, markers are invisible. */
export function withSpecialFiles(fs: IFileSystem): IFileSystem {
  const special = new SpecialFiles(fs);
  const asDevice = async (path: string, stat: FsStat): Promise<FsStat> => {
    const device = stat.isFile ? await special.device(path) : null;
    return device ? { ...stat, isFile: false, size: 0, mode: S_IFCHR | (stat.mode & 0o7777), rdev: device } as FsStat : stat;
  };
  const guardRead = async (path: string) => {
    const device = await special.device(path);
    if (device && !READABLE_EMPTY.has(`${device.major}:${device.minor}`)) throw new KernelError('ENXIO', 'open', path);
    return device;
  };
  return new Proxy(fs, {
    get(target, property, receiver) {
      switch (property) {
        case 'stat':
          return async (path: string) => asDevice(path, await target.stat(path));
        case 'lstat':
          return async (path: string) => asDevice(path, await target.lstat(path));
        case 'readdir':
          return async (path: string) => (await target.readdir(path)).filter((name) => name !== OPAQUE_MARK);
        case 'readdirWithFileTypes':
          return async (path: string) => (await target.readdirWithFileTypes!(path)).filter((entry) => entry.name !== OPAQUE_MARK);
        case 'readFile':
          return async (path: string, options?: never) => ((await guardRead(path)) ? '' : target.readFile(path, options));
        case 'readFileBytes':
          return async (path: string) => ((await guardRead(path)) ? '' : target.readFileBytes ? target.readFileBytes(path) : target.readFile(path, 'latin1' as never));
        case 'readFileBuffer':
          return async (path: string) => ((await guardRead(path)) ? new Uint8Array(0) : target.readFileBuffer(path));
        case 'writeFile':
        case 'appendFile':
          return async (path: string, content: never, options?: never) => {
            // Writing to /dev/null discards; writing to other devices fails as the kernel would.
            if (await guardRead(path)) return;
            return target[property](path, content, options);
          };
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

export function isCharDevice(stat: FsStat): boolean {
  return (stat.mode & 0o170000) === S_IFCHR;
}

export function deviceOf(stat: FsStat): DeviceNumber | undefined {
  return (stat as FsStat & { rdev?: DeviceNumber }).rdev;
}
