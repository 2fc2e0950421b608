import { Bash, InMemoryFs, MountableFs } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../core/clock';
import { bootHost } from '../kernel/boot';
import { ServiceManager } from '../kernel/services';
import { Kernel } from '../kernel/kernel';
import { INITIAL_NAMESPACE_INODES } from '../kernel/namespaces';
import { CgroupFs } from './cgroupfs';

async function setup() {
  const kernel = new Kernel(createManualClock(), 'lab');
  const { shellPid } = bootHost(kernel, new ServiceManager(kernel, 'lab'));
  const base = new InMemoryFs();
  base.mkdirSync('/sys/fs/cgroup', { recursive: true });
  const fs = new MountableFs({ base, mounts: [{ mountPoint: '/sys/fs/cgroup', filesystem: new CgroupFs(kernel, INITIAL_NAMESPACE_INODES.pid) }] });
  const bash = new Bash({ fs, cwd: '/', processInfo: { pid: shellPid, ppid: 1, uid: 0, gid: 0 } });
  const run = async (script: string) => {
    const r = await bash.exec(script);
    return r.stdout + r.stderr;
  };
  return { kernel, shellPid, run };
}

describe('cgroupfs', () => {
  it('makes a group with mkdir and shows the controller files its parent enabled', async () => {
    const { run } = await setup();
    await run('mkdir /sys/fs/cgroup/demo');
    const listing = await run('ls /sys/fs/cgroup/demo');
    expect(listing).toContain('memory.max');
    expect(listing).toContain('cpu.max');
    expect(listing).toContain('pids.max');
    expect(await run('cat /sys/fs/cgroup/demo/memory.max /sys/fs/cgroup/demo/cpu.max /sys/fs/cgroup/demo/cgroup.controllers')).toBe('max\nmax 100000\ncpuset cpu io memory pids\n');
  });

  it('moves a process by writing its pid to cgroup.procs', async () => {
    const { run, kernel, shellPid } = await setup();
    await run(`mkdir /sys/fs/cgroup/demo && echo ${shellPid} > /sys/fs/cgroup/demo/cgroup.procs`);
    expect(kernel.get(shellPid)!.cgroup).toBe('/demo');
    expect(await run('cat /sys/fs/cgroup/demo/cgroup.procs')).toBe(`${shellPid}\n`);
    expect(await run('cat /sys/fs/cgroup/demo/pids.current')).toBe('1\n');
  });

  it('validates limits as the kernel does', async () => {
    const { run, kernel } = await setup();
    await run('mkdir /sys/fs/cgroup/demo');
    await run('echo 50M > /sys/fs/cgroup/demo/memory.max; echo "50000 100000" > /sys/fs/cgroup/demo/cpu.max');
    expect(kernel.cgroups.require('/demo').memoryMax).toBe(52428800);
    expect(await run('cat /sys/fs/cgroup/demo/memory.max /sys/fs/cgroup/demo/cpu.max')).toBe('52428800\n50000 100000\n');
    await expect(run('echo abc > /sys/fs/cgroup/demo/memory.max')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(run('echo "1 2 3" > /sys/fs/cgroup/demo/cpu.max')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(run('echo 99999 > /sys/fs/cgroup/demo/cgroup.procs')).rejects.toMatchObject({ code: 'ESRCH' });
    await expect(run('echo 2 > /sys/fs/cgroup/demo/cgroup.procs')).rejects.toMatchObject({ code: 'EINVAL' });
    expect(kernel.cgroups.require('/demo').memoryMax).toBe(52428800);
    expect(kernel.cgroups.require('/demo').cpuMax).toEqual({ quotaUs: 50000, periodUs: 100000 });
  });
});
