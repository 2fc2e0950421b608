/** What a command running in a shell can reach: its host, its kernel and the shell's own process. */
import type { Host } from '../host';
import type { MountTable } from '../fs/mount-table';
import type { Kernel } from '../kernel/kernel';

export interface ShellContext {
  host: Host;
  kernel: Kernel;
  /** Host pid of the shell that runs the command (the command's parent). */
  shellPid: number;
  /** The mount table the shell sees (its mount namespace's). */
  mounts: MountTable;
}
