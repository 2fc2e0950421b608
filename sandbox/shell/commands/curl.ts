/**
 * curl (8.5.0, as on Ubuntu 24.04) for HTTP to the lab's hosts and containers: -i, -I, -s, -S,
 * -v, -o, -f, -X, -H, -A, -L. Errors carry curl's numbers: (6) resolve, (7) connect, (22) -f.
 */
import { programsSettled } from '../../kubernetes/node/pod-program';
import { defineCommand } from 'just-bash';
import { connect } from '../../net/connect';
import type { HttpRequest } from '../../net/http';
import type { ShellContext } from '../context';
import { takeTtyFlag } from '../plugins/tty-mark';
import { asProcess } from './as-process';
import { fail } from './result';

const USER_AGENT = 'curl/8.5.0';
const VALUE_FLAGS = new Set(['-o', '--output', '-X', '--request', '-H', '--header', '-A', '--user-agent', '-d', '--data', '-m', '--max-time', '-w', '--write-out']);

function parseUrl(raw: string): { host: string; port: number; path: string } | null {
  const match = /^(?:(https?):\/\/)?([^/:?#]+|\[[^\]]+\])(?::(\d+))?([^#]*)?/.exec(raw);
  if (!match) return null;
  if (match[1] === 'https') return { host: match[2], port: Number(match[3] ?? 443), path: match[4] || '/' };
  return { host: match[2], port: Number(match[3] ?? 80), path: match[4] || '/' };
}

function progressMeter(size: number): string {
  const n = String(size).padStart(5);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r100 ${n}  100 ${n}    0     0   ${String(Math.max(1, Math.round(size / 1.024 / 1000))).padStart(4)}k      0 --:--:-- --:--:-- --:--:--  ${String(Math.max(1, Math.round(size / 1.024 / 1000))).padStart(4)}k\n`;
}

export function curlCommand(ctx: ShellContext) {
  return defineCommand('curl', async (rawArgs, commandContext) => {
    const { tty, args } = takeTtyFlag(rawArgs);
    const flags = new Set<string>();
    const values = new Map<string, string[]>();
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (VALUE_FLAGS.has(arg)) values.set(arg, [...(values.get(arg) ?? []), args[++i] ?? '']);
      else if (/^-[a-zA-Z]{2,}$/.test(arg)) for (const letter of arg.slice(1)) flags.add(`-${letter}`);
      else if (arg.startsWith('-')) flags.add(arg);
      else urls.push(arg);
    }
    const known = ['-i', '--include', '-I', '--head', '-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-f', '--fail', '-L', '--location', '-k', '--insecure', '-4', '-6'];
    const unknown = [...flags].find((f) => !known.includes(f));
    if (unknown) return fail(`curl: option ${unknown}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, 2);
    if (urls.length === 0) return fail("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
    const has = (...names: string[]) => names.some((n) => flags.has(n));
    const silent = has('-s', '--silent');
    const showError = !silent || has('-S', '--show-error');
    const verbose = has('-v', '--verbose');
    const head = has('-I', '--head');
    return asProcess(ctx, ['curl', ...rawArgs.filter((a) => !a.startsWith('--dockyard'))], async ({ pid }) => {
      let stdout = '';
      let stderr = '';
      let exitCode = 0;
      for (const raw of urls) {
        const url = parseUrl(raw);
        if (!url) return fail(`curl: (3) URL rejected: Malformed input to a URL function\n`, 3);
        await programsSettled(ctx.host);
        const connection = connect(ctx.host, pid, url.host, url.port);
        const shownHost = url.host;
        if (verbose) stderr += `*   Trying ${connection.ok ? connection.address : url.host}:${url.port}...\n`;
        if (!connection.ok) {
          if (connection.error === 'resolve') {
            if (showError) stderr += `curl: (6) Could not resolve host: ${url.host}\n`;
            exitCode = 6;
          } else if (connection.error === 'not-http') {
            if (showError) stderr += 'curl: (1) Received HTTP/0.9 when not allowed\n';
            exitCode = 1;
          } else {
            if (verbose) stderr += `* connect to ${url.host} port ${url.port} from 127.0.0.1 port 43012 failed: Connection refused\n`;
            if (showError) stderr += `curl: (7) Failed to connect to ${shownHost} port ${url.port} after 0 ms: Couldn't connect to server\n`;
            exitCode = 7;
          }
          continue;
        }
        const method = values.get('-X')?.at(-1) ?? values.get('--request')?.at(-1) ?? (head ? 'HEAD' : 'GET');
        const headers: [string, string][] = [
          ['Host', url.port === 80 ? url.host : `${url.host}:${url.port}`],
          ['User-Agent', values.get('-A')?.at(-1) ?? values.get('--user-agent')?.at(-1) ?? USER_AGENT],
          ['Accept', '*/*'],
          ...[...(values.get('-H') ?? []), ...(values.get('--header') ?? [])].map((h) => h.split(/:\s*/, 2) as [string, string]),
        ];
        const request: HttpRequest = { method, host: url.host, port: url.port, path: url.path, headers, clientAddress: '' };
        const response = await connection.serve(request);
        const statusLine = `HTTP/1.1 ${response.status} ${response.reason}`;
        const headerBlock = [statusLine, ...response.headers.map(([n, v]) => `${n}: ${v}`)].join('\r\n') + '\r\n\r\n';
        if (verbose) {
          stderr += `* Connected to ${url.host} (${connection.address}) port ${url.port}\n`;
          stderr += headers.map(([n, v]) => `> ${n === 'Host' ? `${method} ${url.path} HTTP/1.1\n> Host` : n}: ${v}`).join('\n') + '\n> \n';
          stderr += [statusLine, ...response.headers.map(([n, v]) => `${n}: ${v}`)].map((l) => `< ${l}`).join('\n') + '\n< \n';
        }
        if (response.status >= 400 && has('-f', '--fail')) {
          if (showError) stderr += `curl: (22) The requested URL returned error: ${response.status}\n`;
          exitCode = 22;
          continue;
        }
        const shown = (has('-i', '--include') || head ? headerBlock : '') + response.body;
        const output = values.get('-o')?.at(-1) ?? values.get('--output')?.at(-1);
        if (output) {
          await commandContext.fs.writeFile(commandContext.fs.resolvePath(commandContext.cwd, output), shown);
          if (!silent) stderr += progressMeter(response.body.length);
        } else {
          stdout += shown;
          // Piped or redirected, curl shows its progress meter on stderr unless -s.
          if (!tty && !silent) stderr = progressMeter(response.body.length) + stderr;
        }
        if (verbose) stderr += `* Connection #0 to host ${url.host} left intact\n`;
      }
      return { stdout, stderr, exitCode };
    });
  });
}
