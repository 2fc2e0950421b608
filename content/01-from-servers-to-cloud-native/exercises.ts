/**
 * Lesson 1's exercises: a first container that runs and exits, then a long-running one whose
 * memory the student reads from the engine. Every check reads the docker engine and the kernel
 * model (the container's cgroup), never what was typed.
 */
import type { World } from '@/sandbox/exercises/world';
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';

const HELLO_IMAGE = /(^|\/)hello-world(:latest)?(@sha256:[0-9a-f]+)?$/;
const NGINX_IMAGE = /(^|\/)nginx(:[\w.-]+)?(@sha256:[0-9a-f]+)?$/;

const containers = (world: World) => world.sandbox.host.docker.list(true);
const named = (world: World, name: string) => containers(world).find((c) => c.name === name);

/** The bytes the kernel model charges to a running container's cgroup (what `docker stats` shows). */
const memoryOf = (world: World, id: string) => world.sandbox.host.kernel.memoryCurrent(`/system.slice/docker-${id}.scope`);

const UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, k: 1024, mb: 1000 ** 2, mib: 1024 ** 2, m: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3, g: 1024 ** 3 };

/** Every amount of memory written in the text, in bytes: `9.50MiB`, `9.5 MiB`, `9961472`. */
function amounts(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?(?![\w.])/gi)) {
    const unit = match[2]?.toLowerCase();
    found.push(Number(match[1]) * (unit ? UNITS[unit] ?? Number.NaN : 1));
  }
  return found.filter((n) => Number.isFinite(n));
}

/** Within the rounding docker stats applies (two decimals of MiB), or exactly in bytes. */
const sameAmount = (written: number, actual: number) => Math.abs(written - actual) <= Math.max(actual * 0.01, 0.01 * 1024 ** 2);

const exercises: LessonExercises = {
  scenario: 'fresh-host',
  ordered: true,
  exercises: [
    {
      id: 'hello-exit-code',
      title: { en: 'Run the hello-world image in a container named hello, and save the exit code Docker recorded for it in ~/exit-code.txt' },
      hints: [
        { text: { en: '`docker run --name NAME IMAGE` names the container instead of letting Docker invent a name.' } },
        {
          text: { en: 'Your hello-world containers have names Docker made up. Run one more with `--name hello` so the check can find it.' },
          when: (world) => named(world, 'hello') === undefined && containers(world).some((c) => HELLO_IMAGE.test(c.image)),
        },
        {
          text: { en: 'The container called hello was not made from hello-world. Remove it with `docker rm -f hello`, then run hello-world with that name.' },
          when: (world) => {
            const hello = named(world, 'hello');
            return hello !== undefined && !HELLO_IMAGE.test(hello.image);
          },
        },
        { text: { en: 'Once hello has exited, `docker ps -a` shows its status, `Exited (N)`. `docker inspect` can print just the number: `-f "{{.State.ExitCode}}"`.' } },
        { text: { en: 'Run `docker run --name hello hello-world`, then `docker inspect -f "{{.State.ExitCode}}" hello > ~/exit-code.txt`.' } },
      ],
      async check(world) {
        const hello = named(world, 'hello');
        if (!hello) return missing({ en: 'There is no container named hello yet.' });
        if (!HELLO_IMAGE.test(hello.image)) return missing({ en: `The container hello runs ${hello.image}, not hello-world.` });
        if (hello.status !== 'exited') return missing({ en: `The container hello is ${hello.status}; wait for it to exit.` });
        const saved = await world.readFile('/root/exit-code.txt');
        if (saved === null) return missing({ en: 'There is no exit-code.txt in /root yet.' });
        if (saved.trim() !== String(hello.exitCode)) return missing({ en: `exit-code.txt holds “${saved.trim()}”, but Docker recorded exit code ${hello.exitCode} for hello.` });
        return pass();
      },
      solution: { commands: ['docker run --name hello hello-world', 'docker inspect -f "{{.State.ExitCode}}" hello > ~/exit-code.txt', 'cat ~/exit-code.txt'] },
    },
    {
      id: 'start-web',
      title: { en: 'Start an nginx container named web that keeps running in the background' },
      hints: [
        { text: { en: 'nginx is a web server: it runs until it is stopped. `-d` (detach) starts a container in the background and gives you the prompt back.' } },
        {
          text: { en: 'web exists but is not running (perhaps Ctrl+C stopped it). Remove it with `docker rm web`, then start it again with `-d`.' },
          when: (world) => {
            const web = named(world, 'web');
            return web !== undefined && web.status !== 'running' && NGINX_IMAGE.test(web.image);
          },
        },
        {
          text: { en: 'The container called web was not made from nginx. Remove it with `docker rm -f web` and start nginx under that name.' },
          when: (world) => {
            const web = named(world, 'web');
            return web !== undefined && !NGINX_IMAGE.test(web.image);
          },
        },
        { text: { en: 'Run `docker run -d --name web nginx`, then `docker ps` to see it Up.' } },
      ],
      check(world) {
        const web = named(world, 'web');
        if (!web) return missing({ en: 'There is no container named web yet.' });
        if (!NGINX_IMAGE.test(web.image)) return missing({ en: `The container web runs ${web.image}, not nginx.` });
        if (web.status !== 'running') return missing({ en: `The container web exists but is ${web.status}, not running.` });
        return pass();
      },
      solution: { commands: ['docker run -d --name web nginx', 'docker ps'] },
    },
    {
      id: 'web-memory',
      title: { en: 'Save the memory that web uses, as docker stats reports it, in ~/web-memory.txt' },
      hints: [
        { text: { en: '`docker stats --no-stream` prints one line per running container; the MEM USAGE column is what its cgroup holds. Give it a container name to see only that one.' } },
        {
          text: { en: 'web is not running any more, so it uses no memory. Start it again (`docker start web`) before you measure it.' },
          when: (world) => {
            const web = named(world, 'web');
            return web !== undefined && web.status !== 'running';
          },
        },
        { text: { en: '`>` sends what a command prints into a file. The whole stats line is fine; the check looks for web’s MEM USAGE in it.' } },
        { text: { en: 'Run `docker stats --no-stream web > ~/web-memory.txt`, then `cat ~/web-memory.txt`.' } },
      ],
      async check(world) {
        const web = named(world, 'web');
        if (!web || web.status !== 'running') return missing({ en: 'The container web is not running.' });
        const saved = await world.readFile('/root/web-memory.txt');
        if (saved === null) return missing({ en: 'There is no web-memory.txt in /root yet.' });
        const actual = memoryOf(world, web.id);
        if (!amounts(saved).some((n) => sameAmount(n, actual))) {
          return missing({ en: `web-memory.txt does not hold web’s memory usage (docker stats shows ${(actual / 1024 ** 2).toFixed(2)}MiB now).` });
        }
        return pass();
      },
      solution: { commands: ['docker stats --no-stream web > ~/web-memory.txt', 'cat ~/web-memory.txt'] },
    },
  ],
};

export default exercises;
