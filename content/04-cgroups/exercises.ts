/**
 * Lesson 4's exercises: read a process's cgroup, turn limits into docker run flags, let the OOM
 * killer strike, and limit the shell's CPU with a cgroup made by hand. Every check reads the
 * kernel's cgroup model or the Docker engine's records, never what was typed.
 */
import type { Sandbox } from '@/sandbox/index';
import type { ContainerRecord } from '@/sandbox/docker/state';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';
import type { World } from '@/sandbox/exercises/world';

const MiB = 1024 * 1024;

function container(world: World, name: string): ContainerRecord | undefined {
  return world.sandbox.host.docker.list(true).find((c) => c.name === name);
}

function scopeFile(record: ContainerRecord, file: string): string {
  return `/sys/fs/cgroup/system.slice/docker-${record.id}.scope/${file}`;
}

/** The cgroup of the shell the student is typing into, e.g. `/user.slice/user-0.slice/session-1.scope`. */
function shellCgroup(sandbox: Sandbox): string {
  const host = sandbox.host;
  return host.kernel.require(host.console.top.pid).cgroup;
}

async function readTrimmed(world: World, path: string): Promise<string | null> {
  const text = await world.readFile(path);
  return text === null ? null : text.trim();
}

const exercises: LessonExercises = {
  scenario: 'fresh-host',
  ordered: false,
  exercises: [
    {
      id: 'dockerd-cgroup',
      title: { en: 'Find the cgroup of the Docker daemon, dockerd, and save its line from /proc into ~/dockerd-cgroup.txt' },
      hints: [
        { text: { en: 'Every process has a file /proc/PID/cgroup; its one line says which cgroup the process is in.' } },
        { text: { en: '`pidof dockerd` prints the daemon’s PID, and `$(…)` puts a command’s output into another command.' } },
        {
          text: { en: 'dockerd-cgroup.txt is there, but it does not hold a line like `0::/system.slice/…`. Did you read /proc/PID/cgroup of dockerd, and not of your shell ($$)?' },
          when: async (world) => {
            const text = await world.readFile('/root/dockerd-cgroup.txt');
            return text !== null && !/0::\/system\.slice\/docker\.service/.test(text);
          },
        },
        { text: { en: 'Run `cat /proc/$(pidof dockerd)/cgroup > ~/dockerd-cgroup.txt`.' } },
      ],
      async check(world) {
        const text = await world.readFile('/root/dockerd-cgroup.txt');
        if (text === null) return missing({ en: 'There is no dockerd-cgroup.txt in /root yet.' });
        const dockerd = world.processes().find((p) => p.comm === 'dockerd');
        if (!dockerd) return missing({ en: 'dockerd is not running (`systemctl start docker` starts it again).' });
        const expected = `0::${dockerd.cgroup}`;
        if (!text.split('\n').some((line) => line.trim() === expected)) return missing({ en: 'dockerd-cgroup.txt does not hold dockerd’s line from /proc/PID/cgroup.' });
        return pass();
      },
      solution: { commands: ['cat /proc/$(pidof dockerd)/cgroup > ~/dockerd-cgroup.txt', 'cat ~/dockerd-cgroup.txt'] },
    },
    {
      id: 'capped',
      title: { en: 'Run an nginx container named capped whose cgroup reads memory.max 134217728, cpu.max 150000 100000 and pids.max 100' },
      hints: [
        { text: { en: 'Work backwards from the files: memory.max is in bytes, cpu.max is a quota and a period in microseconds, pids.max a number of processes.' } },
        { text: { en: '134217728 bytes is 128 MiB; a quota of 150000 per period of 100000 is one and a half CPUs. The flags are `--memory`, `--cpus` and `--pids-limit`.' } },
        {
          text: { en: 'capped exists, but its limits are not the ones asked for, and a container’s limits are set when it is created. Remove it with `docker rm -f capped` and run it again.' },
          when: (world) => {
            const record = container(world, 'capped');
            return record !== undefined && (record.hostConfig.memory !== 128 * MiB || record.hostConfig.nanoCpus !== 1.5e9 || record.hostConfig.pidsLimit !== 100);
          },
        },
        { text: { en: 'Run `docker run -d --name capped --memory 128m --cpus 1.5 --pids-limit 100 nginx`.' } },
      ],
      async check(world) {
        const record = container(world, 'capped');
        if (!record) return missing({ en: 'There is no container named capped yet.' });
        if (record.status !== 'running') return missing({ en: 'capped exists but is not running, so it has no cgroup.' });
        const wanted: [string, string][] = [
          ['memory.max', '134217728'],
          ['cpu.max', '150000 100000'],
          ['pids.max', '100'],
        ];
        for (const [file, value] of wanted) {
          const actual = await readTrimmed(world, scopeFile(record, file));
          if (actual !== value) return missing({ en: `capped’s ${file} reads ${actual ?? 'nothing'}, not ${value}.` });
        }
        return pass();
      },
      solution: { commands: ['docker run -d --name capped --memory 128m --cpus 1.5 --pids-limit 100 nginx', 'docker stats --no-stream'] },
    },
    {
      id: 'hog',
      title: { en: 'Let the OOM killer strike in a container named hog that has a 256 MB memory limit' },
      hints: [
        { text: { en: 'The polinux/stress image has stress. `stress --vm 1 --vm-bytes SIZE` asks for SIZE bytes of memory; the OOM killer steps in only when that is more than the limit.' } },
        {
          text: { en: 'hog finished without meeting the OOM killer: stress asked for no more than the limit allows. Remove hog (`docker rm hog`) and ask for more than 256 MB.' },
          when: (world) => {
            const record = container(world, 'hog');
            return record !== undefined && record.status === 'exited' && !record.oomKilled && record.hostConfig.memory === 256 * MiB;
          },
        },
        {
          text: { en: 'hog does not have a 256 MB memory limit. Remove it with `docker rm -f hog` and run it again with `--memory 256m`.' },
          when: (world) => {
            const record = container(world, 'hog');
            return record !== undefined && record.hostConfig.memory !== 256 * MiB;
          },
        },
        { text: { en: 'Run `docker run --name hog --memory 256m polinux/stress stress --vm 1 --vm-bytes 300M`, then `docker inspect -f \'{{.State.OOMKilled}}\' hog`.' } },
      ],
      async check(world) {
        const record = container(world, 'hog');
        if (!record) return missing({ en: 'There is no container named hog yet.' });
        if (record.hostConfig.memory !== 256 * MiB) return missing({ en: 'hog has no 256 MB memory limit (`--memory 256m`).' });
        if (record.status === 'running') return missing({ en: 'hog is still running: whatever it does fits in its limit so far.' });
        if (!record.oomKilled) return missing({ en: 'hog exited, but Docker does not report OOMKilled for it.' });
        return pass();
      },
      solution: { commands: ['docker run -d --name hog --memory 256m polinux/stress stress --vm 1 --vm-bytes 300M', 'docker logs hog', "docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' hog"] },
    },
    {
      id: 'half-a-cpu',
      title: { en: 'Put your shell in a cgroup limited to half a CPU (cpu.max 50000 100000), then run stress --cpu 2 --timeout 5s there and see it throttled' },
      hints: [
        { text: { en: 'Make a new cgroup with `mkdir` under /sys/fs/cgroup, write its CPU limit into its cpu.max, and move your shell in by writing `$$` to its cgroup.procs.' } },
        {
          text: { en: 'Your shell is in a cgroup, but its cpu.max is not `50000 100000`. Write it: `echo "50000 100000" > cpu.max` in that cgroup’s directory.' },
          when: async (world) => {
            const group = shellCgroup(world.sandbox);
            if (group === '/' || group.startsWith('/user.slice')) return false;
            return (await readTrimmed(world, `/sys/fs/cgroup${group}/cpu.max`)) !== '50000 100000';
          },
        },
        {
          text: { en: 'The limit is in place. Now give it work: `stress --cpu 2 --timeout 5s`, then read cpu.stat.' },
          when: async (world) => {
            const group = shellCgroup(world.sandbox);
            if (group === '/' || (await readTrimmed(world, `/sys/fs/cgroup${group}/cpu.max`)) !== '50000 100000') return false;
            const stat = (await world.readFile(`/sys/fs/cgroup${group}/cpu.stat`)) ?? '';
            return !/^nr_throttled [1-9]/m.test(stat);
          },
        },
        { text: { en: 'Run `mkdir /sys/fs/cgroup/half`, `echo "50000 100000" > /sys/fs/cgroup/half/cpu.max`, `echo $$ > /sys/fs/cgroup/half/cgroup.procs`, then `stress --cpu 2 --timeout 5s` and `cat /sys/fs/cgroup/half/cpu.stat`.' } },
      ],
      async check(world) {
        const group = shellCgroup(world.sandbox);
        if (group.startsWith('/user.slice') || group === '/') return missing({ en: `Your shell is still in ${group}; move it into a cgroup of your own.` });
        const dir = `/sys/fs/cgroup${group}`;
        const cpuMax = await readTrimmed(world, `${dir}/cpu.max`);
        if (cpuMax === null) return missing({ en: `${group} has no cpu.max: the cpu controller is not enabled for it.` });
        if (cpuMax !== '50000 100000') return missing({ en: `Your shell is in ${group}, whose cpu.max reads ${cpuMax}, not 50000 100000.` });
        const stat = (await world.readFile(`${dir}/cpu.stat`)) ?? '';
        if (!/^nr_throttled [1-9]/m.test(stat)) return missing({ en: `Nothing in ${group} has been throttled yet: run stress --cpu 2 --timeout 5s there.` });
        return pass();
      },
      solution: {
        commands: ['mkdir /sys/fs/cgroup/half', 'echo "50000 100000" > /sys/fs/cgroup/half/cpu.max', 'echo $$ > /sys/fs/cgroup/half/cgroup.procs', 'stress --cpu 2 --timeout 5s', 'cat /sys/fs/cgroup/half/cpu.stat'],
      },
    },
  ],
};

export default exercises;
