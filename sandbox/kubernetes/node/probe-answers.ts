/**
 * What a container answers a probe with, as pkg/probe's http, tcp and exec probers word it. The
 * answer is a function of the time since the container started, so the kubelet can work out a
 * probe's whole history on the simulated clock (and fast-forward over it) without running each
 * tick: an HTTP server answers the same for a path for as long as it runs; a script such as
 * `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600` changes its files at known times.
 *
 * HTTP answers come from the pod's own server (`podServer`, which is asynchronous): the first time
 * a server and path is asked for, the request goes out and the answer is pending; the kubelet asks
 * as soon as it sees the pod (while its containers are still being created), so the status code
 * is known by the time the first probe falls due.
 */
import type { Container, Pod, Probe } from '../api/types';
import { containerArgv } from './container-program';
import { podServer } from './service-proxy';

export type Outcome = { ok: true } | { ok: false; message: string };

export interface Answer {
  /** The outcome of a probe `elapsedMs` after the container started. */
  at(elapsedMs: number): Outcome;
  /** From this many ms after the start on, the outcome no longer changes. */
  stableFrom: number;
}

const OK: Outcome = { ok: true };
const constant = (outcome: Outcome): Answer => ({ at: () => outcome, stableFrom: 0 });

/** `server signature|port|path` → the status code the server answered (undefined while asked). */
const statusCodes = new Map<string, number | undefined>();

function serverKey(pod: Pod): string {
  return pod.spec.containers.map((c) => `${c.image} ${JSON.stringify(c.command ?? null)} ${JSON.stringify(c.args ?? null)}`).join(';');
}

/** A port given by name (`http`) is looked up among the container's ports, as the kubelet does. */
function resolvePort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function httpAnswer(pod: Pod, container: Container, httpGet: NonNullable<Probe['httpGet']>): Answer | undefined {
  const ip = pod.status?.podIP ?? '';
  const port = resolvePort(container, httpGet.port);
  const path = httpGet.path ?? '/';
  const scheme = (httpGet.scheme ?? 'HTTP').toLowerCase();
  const url = `${scheme}://${ip}:${port ?? httpGet.port}${path.startsWith('/') ? path : `/${path}`}`;
  if (port === undefined) return constant({ ok: false, message: `Get "${url}": dial tcp ${ip}:${httpGet.port}: unknown port` });
  const server = podServer(pod, port);
  if (!server) return constant({ ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` });
  if (scheme === 'https') return constant({ ok: false, message: `Get "${url}": http: server gave HTTP response to HTTPS client` });
  const key = `${serverKey(pod)}|${port}|${path}`;
  if (!statusCodes.has(key)) {
    statusCodes.set(key, undefined);
    const request = { method: 'GET', host: ip, port, path, headers: [['Host', `${ip}:${port}`], ['User-Agent', 'kube-probe/1.31'], ['Accept', '*/*']] as [string, string][], clientAddress: ip.replace(/\.\d+$/, '.1') };
    server(request, 0).then(
      (served) => statusCodes.set(key, served.response.status),
      () => statusCodes.delete(key),
    );
  }
  const status = statusCodes.get(key);
  if (status === undefined) return undefined;
  // The HTTP prober counts 2xx and 3xx as success (it follows redirects on the same host).
  return constant(status >= 200 && status < 400 ? OK : { ok: false, message: `HTTP probe failed with statuscode: ${status}` });
}

function tcpAnswer(pod: Pod, container: Container, tcpSocket: NonNullable<Probe['tcpSocket']>): Answer {
  const ip = pod.status?.podIP ?? '';
  const port = resolvePort(container, tcpSocket.port);
  if (port !== undefined && podServer(pod, port)) return constant(OK);
  return constant({ ok: false, message: `dial tcp ${ip}:${port ?? tcpSocket.port}: connect: connection refused` });
}

/** When each file a container's shell script touches exists: `[ms since start, path, exists]`. */
export function scriptTimeline(argv: string[]): [number, string, boolean][] {
  const shell = argv.findIndex((a) => a === '-c');
  if (shell < 0 || !/(^|\/)(sh|bash|ash)$/.test(argv[0] ?? '')) return [];
  const events: [number, string, boolean][] = [];
  let at = 0;
  for (const statement of argv.slice(shell + 1).join(' ').split(/;|&&|\n/)) {
    const words = statement.trim().split(/\s+/).filter(Boolean);
    const [command, ...rest] = words;
    const paths = rest.filter((w) => !w.startsWith('-'));
    if (command === 'sleep' && /^\d+(\.\d+)?$/.test(paths[0] ?? '')) at += Number(paths[0]) * 1000;
    else if (command === 'touch') for (const p of paths) events.push([at, p, true]);
    else if (command === 'rm') for (const p of paths) events.push([at, p, false]);
    else if (command === 'echo' && /^>{1,2}$/.test(words[words.length - 2] ?? '')) events.push([at, words[words.length - 1], true]);
  }
  return events;
}

/** `cat: can't open …` (busybox) or `cat: …: No such file or directory` (GNU coreutils). */
function missing(busybox: boolean, command: string, path: string): string {
  if (command === 'cat') return busybox ? `cat: can't open '${path}': No such file or directory\n` : `cat: ${path}: No such file or directory\n`;
  if (command === 'ls') return busybox ? `ls: ${path}: No such file or directory\n` : `ls: cannot access '${path}': No such file or directory\n`;
  return '';
}

/**
 * `cat FILE`, `ls FILE`, `test -e|-f FILE` (also under `sh -c`) against the files the container's
 * own script makes and removes; `true` and `false`. Other commands are taken to succeed: the lab
 * does not run them.
 */
function execAnswer(container: Container, exec: NonNullable<Probe['exec']>): Answer {
  let command = exec.command ?? [];
  if (/(^|\/)(sh|bash|ash)$/.test(command[0] ?? '') && command[1] === '-c') command = (command[2] ?? '').trim().split(/\s+/);
  const [program = '', ...args] = command;
  const name = program.split('/').pop()!;
  if (name === 'true') return constant(OK);
  if (name === 'false') return constant({ ok: false, message: '' });
  const path = args.filter((a) => !a.startsWith('-') && a !== ']')[0];
  if (!path || !['cat', 'ls', 'test', '['].includes(name)) return constant(OK);
  const timeline = scriptTimeline(containerArgv(container)).filter(([, p]) => p === path);
  const busybox = /^(busybox|alpine)(:|$)/.test(container.image.replace(/^docker\.io\/(library\/)?/, ''));
  const failure: Outcome = { ok: false, message: missing(busybox, name, path) };
  return {
    stableFrom: timeline.length ? timeline[timeline.length - 1][0] : 0,
    at(elapsed) {
      let exists = false;
      for (const [at, , present] of timeline) if (at <= elapsed) exists = present;
      return exists ? OK : failure;
    },
  };
}

/** The container's answer to `probe`; undefined while an HTTP answer is still on its way. */
export function probeAnswer(pod: Pod, container: Container, probe: Probe): Answer | undefined {
  if (probe.httpGet) return httpAnswer(pod, container, probe.httpGet);
  if (probe.tcpSocket) return tcpAnswer(pod, container, probe.tcpSocket);
  if (probe.exec) return execAnswer(container, probe.exec);
  return constant(OK);
}
