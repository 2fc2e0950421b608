import { InMemoryFs } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { MountTable } from './mount-table';

describe('MountTable', () => {
  it('refuses writes to any filesystem mounted ro, not only binds (a container sees /sys/fs/cgroup read-only)', async () => {
    const root = new InMemoryFs();
    const cgroup = new InMemoryFs();
    await cgroup.writeFile('/memory.max', '67108864\n');
    const table = new MountTable(root, [
      { source: 'cgroup', target: '/sys/fs/cgroup', fstype: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime', fs: cgroup, spec: { kind: 'cgroup2', root: '/system.slice/docker-1.scope' } },
    ]);
    expect(await table.view.readFile('/sys/fs/cgroup/memory.max')).toBe('67108864\n');
    await expect(table.view.writeFile('/sys/fs/cgroup/memory.max', '1G\n')).rejects.toMatchObject({ code: 'EROFS' });
    expect(await cgroup.readFile('/memory.max')).toBe('67108864\n');
  });

  it('lets a rw mount be written', async () => {
    const tmp = new InMemoryFs();
    const table = new MountTable(new InMemoryFs(), [{ source: 'tmpfs', target: '/run', fstype: 'tmpfs', options: 'rw,nosuid,nodev', fs: tmp, spec: { kind: 'tmpfs' } }]);
    await table.view.writeFile('/run/x', 'y');
    expect(await tmp.readFile('/x')).toBe('y');
  });
});
