import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';
import { fstabSwaps, procSwaps, SWAP_FILE_AREA } from '../../kernel/swap';
import { findScenario } from '../../scenarios';
import { humanSize } from './swap';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}

describe('swap on the hosts', () => {
  it('formats /proc/swaps as the kernel does and sizes as util-linux does', () => {
    expect(procSwaps([SWAP_FILE_AREA])).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img                               file\t4194300\t\t0\t\t-2\n');
    expect([humanSize(4194300 * 1024), humanSize(0), humanSize(2 * 1024 ** 3), humanSize(1536 * 1024 ** 2)]).toEqual(['4G', '0B', '2G', '1.5G']);
    expect(fstabSwaps('# c\n/swap.img\tnone\tswap\tsw\t0\t0\n#/x none swap sw 0 0\n/y none swap noauto 0 0\n')).toEqual(['/swap.img']);
  });

  it('has none on the Docker lab host: free, swapon and /proc/swaps say so', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    expect((await run(sandbox, 'free | tail -1')).out).toBe('Swap:              0           0           0\n');
    expect(await run(sandbox, 'swapon --show')).toEqual({ out: '', code: 0 });
    expect((await run(sandbox, 'cat /proc/swaps')).out).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    expect((await run(sandbox, 'ls /etc/fstab')).code).toBe(2);
  });

  it('is on for fresh cluster hosts, off with swapoff -a, back with swapon -a unless fstab comments it out', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 1 });
    expect((await run(sandbox, 'grep -c "^SwapTotal: *4194300 kB" /proc/meminfo')).out).toBe('1\n');
    expect(await run(sandbox, 'swapoff -a')).toEqual({ out: '', code: 0 });
    expect(await run(sandbox, 'swapoff /swap.img')).toEqual({ out: 'swapoff: /swap.img: swapoff failed: Invalid argument\n', code: 4 });
    expect((await run(sandbox, 'top -bn1 | grep Swap')).out).toMatch(/^MiB Swap: {6}0\.0 total, {6}0\.0 free/);
    // Snapshot → restore keeps what is on.
    const restored = await Sandbox.restore(await sandbox.snapshot());
    expect(restored.host.kernel.swaps).toEqual([]);
    expect(restored.hostNamed('node01')!.kernel.swaps).toEqual([SWAP_FILE_AREA]);
    await run(sandbox, "sed -i '/swap/ s/^/#/' /etc/fstab");
    expect(await run(sandbox, 'swapon -a; swapon --show')).toEqual({ out: '', code: 0 });
    await run(sandbox, "sed -i 's/^#//' /etc/fstab");
    expect((await run(sandbox, 'swapon -a; swapon --show --bytes')).out).toBe('NAME      TYPE       SIZE USED PRIO\n/swap.img file 4294963200    0   -2\n');
    expect(await run(sandbox, 'swapon /swap.img')).toEqual({ out: 'swapon: /swap.img: swapon failed: Device or resource busy\n', code: 255 });
    expect(await run(sandbox, 'swapon /nope')).toEqual({ out: 'swapon: cannot open /nope: No such file or directory\n', code: 255 });
    expect(await run(sandbox, 'swapoff')).toEqual({ out: "swapoff: bad usage\nTry 'swapoff --help' for more information.\n", code: 16 });
  });

  it('keeps the kubelet from starting until swapoff, as failSwapOn does', async () => {
    const sandbox = await findScenario('three-fresh-hosts')!.build({ seed: 1 });
    await run(sandbox, 'kubeadm init >/dev/null 2>&1');
    expect((await run(sandbox, 'systemctl is-active kubelet')).out).toBe('activating\n');
    expect((await run(sandbox, 'journalctl -u kubelet | grep -c "running with swap on is not supported, please disable swap or set --fail-swap-on flag to false"')).out).toBe('1\n');
    await run(sandbox, 'swapoff -a');
    expect((await run(sandbox, 'systemctl is-active kubelet')).out).toBe('active\n');
  });
});
