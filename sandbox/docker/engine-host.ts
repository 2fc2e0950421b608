/** What the Docker engine needs from the host it runs on (kept narrow to avoid a cycle with Host). */
import type { IFileSystem } from 'just-bash';
import type { Random } from '../core/random';
import type { MountTable, MountSpec } from '../fs/mount-table';
import type { Kernel } from '../kernel/kernel';
import type { ServiceManager } from '../kernel/services';
import type { Network } from '../net/network';
import type { ShellSession } from '../shell/session';

export interface EngineHost {
  kernel: Kernel;
  services: ServiceManager;
  network: Network;
  random: Random;
  /** The host's root filesystem as layers see it (raw device markers, clocked writes). */
  layerRoot(): IFileSystem;
  /** The root filesystem view tools see. */
  rootView(): IFileSystem;
  mountsOf(mntNamespace: number): MountTable;
  setMountTable(mntNamespace: number, table: MountTable): void;
  mountFilesystem(spec: MountSpec): IFileSystem;
  /** A shell bound to a process, seeing `root` as its filesystem (a container's). */
  openShell(pid: number, cwd: string | undefined, root: IFileSystem, style: 'bash' | 'ash'): ShellSession;
}
