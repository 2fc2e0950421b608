/**
 * df (coreutils 9.4): space on the mounted filesystems of the caller's mount namespace. Sizes are
 * those of a 30 GB cloud disk; what students write into the root filesystem counts as used.
 */
import { defineCommand } from 'just-bash';
import type { MountEntry } from '../../fs/mount-table';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { fail, ok } from './result';

const PSEUDO = new Set(['proc', 'sysfs', 'cgroup2', 'devpts', 'mqueue', 'securityfs', 'debugfs', 'bpf', 'tracefs']);
const ROOT_BASE_USED_KIB = 2_345_124;

interface Usage {
  totalKiB: number;
  usedKiB: number;
}

function usage(ctx: ShellContext, entry: MountEntry): Usage {
  switch (entry.target) {
    case '/run':
      return { totalKiB: 401_304, usedKiB: 1_036 };
    case '/run/lock':
      return { totalKiB: 5_120, usedKiB: 0 };
    case '/dev':
      return { totalKiB: 2_003_740, usedKiB: 0 };
    case '/boot/efi':
      return { totalKiB: 106_858, usedKiB: 6_182 };
  }
  if (entry.fstype === 'tmpfs') return { totalKiB: 2_006_508, usedKiB: 0 };
  // The root disk, and overlays and bind mounts that live on it.
  const written = ctx.host.rootfs.getAllPaths().length * 4;
  return { totalKiB: 30_298_176, usedKiB: ROOT_BASE_USED_KIB + written };
}

function human(kib: number): string {
  if (kib === 0) return '0';
  const units = ['K', 'M', 'G', 'T'];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value))) + units[unit];
}

export function dfCommand(ctx: ShellContext) {
  return defineCommand('df', async (args, commandContext) =>
    asProcess(ctx, ['df', ...args], async () => {
      const humanReadable = args.includes('-h') || args.includes('--human-readable');
      const showType = args.includes('-T') || args.includes('--print-type');
      const bad = args.find((a) => a.startsWith('-') && !['-h', '--human-readable', '-T', '--print-type', '-a', '--all', '-k'].includes(a));
      if (bad) return fail(`df: invalid option -- '${bad.replace(/^-+/, '')}'\nTry 'df --help' for more information.\n`);
      const paths = args.filter((a) => !a.startsWith('-'));
      let entries = ctx.mounts.list().filter((m) => !PSEUDO.has(m.fstype) || args.includes('-a'));
      if (paths.length > 0) {
        const chosen: MountEntry[] = [];
        for (const p of paths) {
          const path = ctx.mounts.view.resolvePath(commandContext.cwd, p);
          if (!(await ctx.mounts.view.exists(path))) return fail(`df: ${p}: No such file or directory\n`);
          const owner = [...entries].filter((m) => path === m.target || path.startsWith(m.target === '/' ? '/' : `${m.target}/`)).sort((a, b) => b.target.length - a.target.length)[0];
          if (owner) chosen.push(owner);
        }
        entries = chosen;
      }
      const header = ['Filesystem', ...(showType ? ['Type'] : []), humanReadable ? 'Size' : '1K-blocks', 'Used', humanReadable ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
      const rows = entries.map((m) => {
        const { totalKiB, usedKiB } = usage(ctx, m);
        const avail = totalKiB - usedKiB;
        const pct = totalKiB === 0 ? '-' : `${Math.ceil((usedKiB / (usedKiB + avail)) * 100)}%`;
        const n = (kib: number) => (humanReadable ? human(kib) : String(kib));
        return [m.source, ...(showType ? [m.fstype] : []), n(totalKiB), n(usedKiB), n(avail), pct, m.target];
      });
      const minimum = [14, ...(showType ? [4] : []), 5, 5, 5, 4, 0];
      const widths = header.map((h, i) => Math.max(minimum[i], h.length, ...rows.map((r) => r[i].length)));
      const leftAligned = (i: number) => i === 0 || (showType && i === 1) || i === header.length - 1;
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : leftAligned(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
      return ok([header, ...rows].map(line).join('\n') + '\n');
    }),
  );
}
