/**
 * What a container's main process does. Well-known images run modelled programs (nginx, redis,
 * httpd, hello-world) that behave as the real ones do at the level the course needs: their log
 * lines, their worker processes, the ports they listen on. Any other command runs in the
 * container's shell, for real, through the simulated bash.
 */
export type Program =
  | { kind: 'exit'; code: number; stdout: string; stderr: string }
  | { kind: 'shell'; style: 'bash' | 'ash' }
  | { kind: 'daemon'; comm: 'nginx' | 'redis-server' | 'httpd'; title: string[]; workers: string[]; ports: number[]; log: (time: number) => string[]; stderr: boolean; rssKiB: number; stdoutLines?: number }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'script'; argv: string[] };

export const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

const SHELLS: Record<string, 'bash' | 'ash'> = { sh: 'ash', '/bin/sh': 'ash', ash: 'ash', '/bin/ash': 'ash', bash: 'bash', '/bin/bash': 'bash', '/usr/bin/bash': 'bash' };
const ENTRYPOINT_WRAPPERS = new Set(['/docker-entrypoint.sh', 'docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh']);

const stamp = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return { nginx: `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`, d, two };
};

/** The program behind `argv` in an image whose shell is `shellStyle` (Debian-like images have bash). */
export function programFor(argv: string[], shellStyle: 'bash' | 'ash', debianShell: boolean): Program {
  let args = [...argv];
  while (args.length > 0 && ENTRYPOINT_WRAPPERS.has(args[0])) args = args.slice(1);
  const [command = '', ...rest] = args;
  if (command === '/hello') return { kind: 'exit', code: 0, stdout: HELLO, stderr: '' };
  if (SHELLS[command] && rest.length === 0) return { kind: 'shell', style: command.endsWith('bash') ? 'bash' : debianShell ? 'bash' : shellStyle };
  if (command === 'sleep' && /^\d+$/.test(rest[0] ?? '')) return { kind: 'sleep', seconds: Number(rest[0]) };
  // GNU and BusyBox sleep both take `infinity`: the classic way to keep a container up.
  if (command === 'sleep' && /^inf(inity)?$/.test(rest[0] ?? '')) return { kind: 'sleep', seconds: Number.POSITIVE_INFINITY };
  if (command === 'nginx' && rest.join(' ') === '-g daemon off;') return nginx();
  if (command === 'redis-server') return redis();
  if (command === 'httpd-foreground') return httpd();
  return { kind: 'script', argv: args };
}

function nginx(): Program {
  return {
    kind: 'daemon',
    comm: 'nginx',
    title: ['nginx: master process nginx -g daemon off;'],
    workers: ['nginx: worker process', 'nginx: worker process'],
    ports: [80],
    rssKiB: 5_632,
    // The entrypoint's lines go to stdout; nginx's own (error_log → /dev/stderr) to stderr.
    stderr: true,
    stdoutLines: 9,
    log: (time) => {
      const t = stamp(time).nginx;
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/1.27.2`,
        `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
        `${t} [notice] 1#1: OS: Linux 6.8.0-49-generic`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        `${t} [notice] 1#1: start worker process 29`,
        `${t} [notice] 1#1: start worker process 30`,
      ];
    },
  };
}

function redis(): Program {
  return {
    kind: 'daemon',
    comm: 'redis-server',
    title: ['redis-server *:6379'],
    workers: [],
    ports: [6379],
    rssKiB: 10_240,
    stderr: false,
    log: (time) => {
      const { d, two } = stamp(time);
      const t = `${two(d.getUTCDate())} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.000`;
      return [
        `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${t} * monotonic clock: POSIX clock_gettime`,
        `1:M ${t} * Running mode=standalone, port=6379.`,
        `1:M ${t} * Server initialized`,
        `1:M ${t} * Ready to accept connections tcp`,
      ];
    },
  };
}

function httpd(): Program {
  return {
    kind: 'daemon',
    comm: 'httpd',
    title: ['httpd -DFOREGROUND'],
    workers: ['httpd -DFOREGROUND', 'httpd -DFOREGROUND', 'httpd -DFOREGROUND'],
    ports: [80],
    rssKiB: 4_608,
    stderr: true,
    log: (time) => {
      const { d, two } = stamp(time);
      const t = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.000000 ${d.getUTCFullYear()}`;
      return [
        "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message",
        "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message",
        `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
        `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ];
    },
  };
}
