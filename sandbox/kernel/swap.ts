/**
 * Swap areas, as the kernel keeps them (swapon(2)/swapoff(2)) and /proc/swaps shows them. A fresh
 * Ubuntu server from the installer has a 4 GiB swap file, /swap.img, listed in /etc/fstab and
 * active: the cluster course's fresh hosts start that way, because the kubelet refuses to run on
 * a host that swaps and turning it off is part of installing Kubernetes. Nothing here ever swaps
 * a page out: Used stays 0.
 */
export interface SwapArea {
  path: string;
  type: 'file' | 'partition';
  /** Usable size: the file less its one-page header (4 GiB → 4194300 KiB). */
  sizeKiB: number;
  usedKiB: number;
  priority: number;
}

/** The installer's swap file (subiquity sizes it by RAM; a 4 GiB VM gets 4 GiB). */
export const SWAP_FILE = '/swap.img';
export const SWAP_FILE_AREA: SwapArea = { path: SWAP_FILE, type: 'file', sizeKiB: 4 * 1024 * 1024 - 4, usedKiB: 0, priority: -2 };

/** The swap line of the installer's /etc/fstab. */
export const FSTAB_SWAP_LINE = `${SWAP_FILE}\tnone\tswap\tsw\t0\t0`;

/**
 * /etc/fstab of a server installed from the Ubuntu 24.04 ISO; `swapCommented` is how the host
 * looks once someone ran `sed -i '/ swap / s/^/#/' /etc/fstab` (swap stays off after a reboot).
 */
export function fstab(swapCommented: boolean): string {
  return `# /etc/fstab: static file system information.
#
# Use 'blkid' to print the universally unique identifier for a
# device; this may be used with UUID= as a more robust way to name devices
# that works even if disks are added and removed. See fstab(5).
#
# <file system> <mount point>   <type>  <options>       <dump>  <pass>
# / was on /dev/sda2 during curtin installation
/dev/disk/by-uuid/4d5b1f0e-8c2a-4b67-9a0e-2f3c1d7e9b41 / ext4 defaults 0 1
${swapCommented ? '#' : ''}${FSTAB_SWAP_LINE}
`;
}

/** The swap entries /etc/fstab asks `swapon -a` for: uncommented, type swap, not noauto. */
export function fstabSwaps(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 3 && !fields[0].startsWith('#') && fields[2] === 'swap' && !(fields[3] ?? '').split(',').includes('noauto'))
    .map((fields) => fields[0]);
}

/** /proc/swaps, as mm/swapfile.c's swap_show() prints it. */
export function procSwaps(areas: readonly SwapArea[]): string {
  const rows = areas.map((a) => {
    const pad = ' '.repeat(a.path.length < 40 ? 40 - a.path.length : 1);
    const type = a.type === 'file' ? 'file\t' : 'partition';
    return `${a.path}${pad}${type}${a.sizeKiB}\t${a.sizeKiB < 10_000_000 ? '\t' : ''}${a.usedKiB}\t${a.usedKiB < 10_000_000 ? '\t' : ''}${a.priority}\n`;
  });
  return `Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n${rows.join('')}`;
}

export function swapTotals(areas: readonly SwapArea[]): { totalKiB: number; usedKiB: number } {
  return { totalKiB: areas.reduce((s, a) => s + a.sizeKiB, 0), usedKiB: areas.reduce((s, a) => s + a.usedKiB, 0) };
}
