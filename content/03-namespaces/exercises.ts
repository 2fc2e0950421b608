/**
 * Lesson 3's exercises: a container seen from the host. Each check reads the model (the docker
 * engine's records, the kernel's processes and namespaces), never what was typed.
 */
import type { Process } from '@/sandbox/kernel/process';
import { MACHINE } from '@/sandbox/kernel/machine';
import { INITIAL_NAMESPACE_INODES, type UtsNamespace } from '@/sandbox/kernel/namespaces';
import type { World } from '@/sandbox/exercises/world';
import { missing, pass, type CheckResult, type LessonExercises } from '@/sandbox/exercises/types';

/** The running container called `name` and its main process on the host, or what is wrong. */
function runningContainer(world: World, name: string): { init: Process } | { problem: CheckResult } {
  const record = world.sandbox.host.docker.list(true).find((c) => c.name === name);
  if (!record) return { problem: missing({ en: `There is no container named ${name}.` }) };
  const init = record.status === 'running' ? world.sandbox.host.kernel.get(record.pid) : undefined;
  if (!init) {
    return {
      problem: missing({
        en: `The container ${name} exists but is not running. Remove it with \`docker rm ${name}\` and start it again with a command that keeps running.`,
      }),
    };
  }
  return { init };
}

/** Every namespace inode number (ten digits) written in a file, in `4026532160` or `pid:[4026532160]` form. */
function inodesIn(text: string): number[] {
  return (text.match(/\b\d{10}\b/g) ?? []).map(Number);
}

/** The host's own hostname: the one in the initial UTS namespace. */
function hostHostname(world: World): string {
  return (world.sandbox.host.kernel.namespace(INITIAL_NAMESPACE_INODES.uts) as UtsNamespace).hostname;
}

const exercises: LessonExercises = {
  scenario: 'nginx-running',
  ordered: true,
  exercises: [
    {
      id: 'find-the-host-pid',
      title: {
        en: 'Start a busybox container named `sleeper` that runs `sleep 86400` in the background, and save the host PID of its main process to ~/pid.txt',
      },
      hints: [
        { text: { en: '`docker run -d --name NAME IMAGE COMMAND…` starts a container in the background and gives it a name.' } },
        {
          text: {
            en: 'pid.txt says 1. That is the number the process has inside its own PID namespace; the host numbers the same process differently. Ask Docker for the host’s number.',
          },
          when: async (world) => (await world.readFile('/root/pid.txt'))?.trim() === '1',
        },
        { text: { en: '`docker inspect -f \'{{.State.Pid}}\' NAME` prints the host PID of a container’s main process; `>` saves what a command prints.' } },
        {
          text: {
            en: "Run `docker run -d --name sleeper busybox sleep 86400`, then `docker inspect -f '{{.State.Pid}}' sleeper > ~/pid.txt`.",
          },
        },
      ],
      async check(world) {
        const found = runningContainer(world, 'sleeper');
        if ('problem' in found) return found.problem;
        const text = await world.readFile('/root/pid.txt');
        if (text === null) return missing({ en: 'sleeper is running. Now save its host PID to /root/pid.txt.' });
        const saved = text.trim();
        if (saved === String(found.init.pid)) return pass();
        if (saved === '1') return missing({ en: 'pid.txt says 1: that is the PID inside the container. The host knows the process by another number.' });
        return missing({ en: `pid.txt holds “${saved}”, but the host PID of sleeper’s main process is not that.` });
      },
      solution: { commands: ['docker run -d --name sleeper busybox sleep 86400', "docker inspect -f '{{.State.Pid}}' sleeper > ~/pid.txt"] },
    },
    {
      id: 'compare-pid-namespaces',
      title: { en: 'Save the inode numbers of the PID namespaces of `web` and `sleeper` to ~/pidns.txt' },
      hints: [
        { text: { en: 'A process’s namespaces are the links in `/proc/PID/ns`; `readlink` prints one as `pid:[NUMBER]`. Use the host PIDs of the two containers’ main processes.' } },
        {
          text: {
            en: '4026531836 is the host’s own PID namespace, the one your shell is in. You read `/proc/$$` or `/proc/self`; read the containers’ processes instead.',
          },
          when: async (world) => inodesIn((await world.readFile('/root/pidns.txt')) ?? '').includes(INITIAL_NAMESPACE_INODES.pid),
        },
        { text: { en: '`lsns -t pid` lists every PID namespace on the host with the first process in it.' } },
        {
          text: {
            en: "Run `readlink /proc/$(docker inspect -f '{{.State.Pid}}' web)/ns/pid /proc/$(docker inspect -f '{{.State.Pid}}' sleeper)/ns/pid > ~/pidns.txt`.",
          },
        },
      ],
      async check(world) {
        const web = runningContainer(world, 'web');
        if ('problem' in web) return web.problem;
        const sleeper = runningContainer(world, 'sleeper');
        if ('problem' in sleeper) return sleeper.problem;
        const text = await world.readFile('/root/pidns.txt');
        if (text === null) return missing({ en: 'There is no pidns.txt in /root yet.' });
        const inodes = inodesIn(text);
        if (inodes.length === 0) return missing({ en: 'pidns.txt holds no namespace inode number (ten digits, such as 4026532160).' });
        const webNs = web.init.ns.pid;
        const sleeperNs = sleeper.init.ns.pid;
        if (!inodes.includes(webNs)) return missing({ en: 'pidns.txt does not hold the PID namespace of web’s main process.' });
        if (!inodes.includes(sleeperNs)) return missing({ en: 'pidns.txt holds web’s PID namespace, but not sleeper’s.' });
        return pass();
      },
      solution: {
        commands: [
          "readlink /proc/$(docker inspect -f '{{.State.Pid}}' web)/ns/pid /proc/$(docker inspect -f '{{.State.Pid}}' sleeper)/ns/pid > ~/pidns.txt",
          'cat ~/pidns.txt',
        ],
      },
    },
    {
      id: 'a-hostname-of-your-own',
      title: { en: 'With `unshare`, open a shell in a new UTS namespace and name it `island`, while the host keeps the name `lab`' },
      hints: [
        { text: { en: '`unshare --uts bash` starts a bash in a new UTS namespace, a copy of the current one. Whatever `hostname` sets in there stays in there.' } },
        {
          text: {
            en: 'The host itself has been renamed: that `hostname` ran in the host’s own UTS namespace. Put the name back with `hostname lab`, then start the new namespace first.',
          },
          when: (world) => hostHostname(world) !== 'lab',
        },
        { text: { en: 'Run `unshare --uts bash`, then `hostname island`. The prompt becomes root@island:~#. Stay in that shell until the card says done.' } },
      ],
      check(world) {
        const host = world.sandbox.host;
        const hostName = hostHostname(world);
        if (hostName !== 'lab') return missing({ en: `The host itself is now called ${hostName}. Put its name back with \`hostname lab\`.` });
        if (world.shellDepth() === 1) return missing({ en: 'Your terminal is in the login shell, which shares the host’s UTS namespace. Start a shell in a new one.' });
        const shell = host.kernel.require(host.console.top.pid);
        if (host.docker.containerOfProcess(shell.pid)) return missing({ en: 'This shell is inside a container. Leave it with `exit` and use `unshare` on the host.' });
        if (shell.ns.uts === INITIAL_NAMESPACE_INODES.uts) return missing({ en: 'This shell still shares the host’s UTS namespace. Leave it with `exit` and start one with `unshare --uts`.' });
        if (world.hostname() !== 'island') return missing({ en: `This shell has its own UTS namespace; its hostname is ${world.hostname()}, not island yet.` });
        return pass();
      },
      solution: { commands: ['unshare --uts bash', 'hostname island', 'hostname'] },
    },
    {
      id: 'through-the-containers-eyes',
      title: { en: 'Save the IPv4 address that `web` has on its own eth0 to ~/ip.txt, looking from inside its network namespace' },
      hints: [
        { text: { en: '`nsenter -t PID -n COMMAND` runs COMMAND in the network namespace of process PID; everything else stays the host’s.' } },
        {
          text: { en: '10.0.0.10 is the host’s address: that command ran in the host’s network namespace. Run it through `nsenter -t PID -n`.' },
          when: async (world) => {
            const text = await world.readFile('/root/ip.txt');
            return text !== null && text.includes('10.0.0.10') && !text.includes('172.17.');
          },
        },
        { text: { en: '`ip -4 addr show eth0` prints an interface’s IPv4 address, on the line that starts with `inet`.' } },
        { text: { en: "Run `nsenter -t $(docker inspect -f '{{.State.Pid}}' web) -n ip -4 addr show eth0 > ~/ip.txt`." } },
      ],
      async check(world) {
        const record = world.sandbox.host.docker.list(true).find((c) => c.name === 'web');
        if (!record || record.status !== 'running' || !record.network) return missing({ en: 'The container web is not running.' });
        const text = await world.readFile('/root/ip.txt');
        if (text === null) return missing({ en: 'There is no ip.txt in /root yet.' });
        const address = record.network.ipAddress;
        if (!new RegExp(`(^|[^\\d.])${address.replace(/\./g, '\\.')}($|[^\\d.])`).test(text)) {
          return missing({ en: 'ip.txt does not hold web’s address. Look at eth0 from inside web’s network namespace.' });
        }
        return pass();
      },
      solution: { commands: ["nsenter -t $(docker inspect -f '{{.State.Pid}}' web) -n ip -4 addr show eth0 > ~/ip.txt", 'cat ~/ip.txt'] },
    },
    {
      id: 'same-kernel',
      title: { en: 'Save the kernel release that `web` reports and the one `sleeper` reports to ~/kernels.txt, one per line' },
      hints: [
        { text: { en: '`uname -r` prints the kernel release. `docker exec NAME COMMAND` runs a command inside a running container.' } },
        { text: { en: '`>` writes a file afresh; `>>` adds to the end of it.' } },
        { text: { en: 'Run `docker exec web uname -r > ~/kernels.txt`, then `docker exec sleeper uname -r >> ~/kernels.txt`.' } },
      ],
      async check(world) {
        const text = await world.readFile('/root/kernels.txt');
        if (text === null) return missing({ en: 'There is no kernels.txt in /root yet.' });
        const lines = text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
        if (lines.length < 2) return missing({ en: `kernels.txt has ${lines.length} line${lines.length === 1 ? '' : 's'}; it needs one for each container.` });
        const other = lines.find((line) => !line.includes(MACHINE.kernelRelease));
        if (other !== undefined) return missing({ en: `“${other}” is not a kernel release as \`uname -r\` prints it.` });
        return pass();
      },
      solution: { commands: ['docker exec web uname -r > ~/kernels.txt', 'docker exec sleeper uname -r >> ~/kernels.txt', 'cat ~/kernels.txt'] },
    },
  ],
};

export default exercises;
