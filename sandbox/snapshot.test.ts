import { describe, expect, it } from 'vitest';
import { Sandbox } from './index';

async function run(sandbox: Sandbox, line: string) {
  const r = await sandbox.console.run(line);
  return r.stdout + r.stderr;
}

describe('snapshot and restore', () => {
  it('bring back processes, namespaces, cgroups, mounts, services, networks and nested shells', async () => {
    const before = await Sandbox.create({ seed: 9 });
    for (const line of [
      'mkdir /sys/fs/cgroup/demo && echo 64M > /sys/fs/cgroup/demo/memory.max',
      'mkdir /lower /upper /work /merged /scratch && echo a > /lower/a && echo b > /lower/b',
      'mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper,workdir=/work /merged && rm /merged/b',
      'mount -t tmpfs tmpfs /scratch && echo kept > /scratch/note',
      'systemctl stop containerd',
      'ip netns add blue',
      'docker run -d --name web nginx',
      'docker run --name box alpine sh -c "echo hi > /greeting; rm /etc/os-release"',
      'cd /tmp && export MARK=yes',
      'unshare --uts --pid --fork --mount-proc bash',
      'hostname demo',
    ]) await run(before, line);
    const expected = await run(before, 'ps aux');

    const after = await Sandbox.restore(JSON.parse(JSON.stringify(await before.snapshot())));
    expect(after.console.prompt()).toBe('root@demo:/tmp# ');
    // The same processes, apart from each listing's own `ps`, which has a new pid.
    const withoutPs = (text: string) => text.split('\n').filter((l) => !l.endsWith('ps aux'));
    expect(withoutPs(await run(after, 'ps aux'))).toEqual(withoutPs(expected));
    expect(await run(after, 'cat /sys/fs/cgroup/demo/memory.max')).toBe('67108864\n');
    expect(await run(after, 'ls /merged; cat /scratch/note')).toBe('a\nkept\n');
    expect(await run(after, 'systemctl is-active containerd; ip netns list')).toBe('inactive\nblue\n');
    expect(await run(after, 'exit')).toBe('exit\n');
    expect(await run(after, 'docker ps --format "{{.Names}} {{.State}}"; docker diff box')).toBe('web running\nC /etc\nD /etc/os-release\nA /greeting\n');
    expect(await run(after, 'docker exec web cat /usr/share/nginx/html/index.html | grep -c nginx')).toBe('6\n');
    await run(after, 'unshare --uts --pid --fork --mount-proc bash');
    await run(after, 'hostname demo');
    expect(await run(after, 'exit')).toBe('exit\n');
    expect(after.console.prompt()).toBe('root@lab:/tmp# ');
    expect(await run(after, 'hostname; echo $MARK')).toBe('lab\nyes\n');
  });

  it('bring back user-defined networks, their containers and a redis keyspace', async () => {
    const before = await Sandbox.create({ seed: 4 });
    for (const line of ['docker network create appnet', 'docker run -d --name cache --network appnet redis', 'docker exec cache redis-cli set visits 41']) await run(before, line);
    const after = await Sandbox.restore(JSON.parse(JSON.stringify(await before.snapshot())));
    expect(await run(after, 'docker network ls -q | wc -l')).toBe('4\n');
    expect(await run(after, 'docker run --rm --network appnet redis redis-cli -h cache incr visits')).toBe('42\n');
    expect(await run(after, 'docker run -d --name web --network appnet nginx >/dev/null 2>&1; docker inspect -f "{{.NetworkSettings.Networks.appnet.IPAddress}}" web')).toBe('172.18.0.3\n');
  });
});
