/**
 * BusyBox's wget and nslookup, the network tools Alpine and busybox containers have: they resolve
 * names as the container does (Docker's embedded DNS on user-defined networks, nothing on the
 * default bridge) and reach the modelled servers. Only images that ship the applet have them.
 */
import { programsSettled } from '../../kubernetes/node/pod-program';
import { defineCommand } from 'just-bash';
import { connect, lookup } from '../../net/connect';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { fail, ok } from './result';

function parseUrl(raw: string): { host: string; port: number; path: string } | null {
  const match = /^(?:http:\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(raw);
  return match ? { host: match[1], port: Number(match[2] ?? 80), path: match[3] || '/' } : null;
}

/** BusyBox's progress line: name, percentage, bar, bytes, ETA. */
function progress(name: string, bytes: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(bytes).padStart(5)}  0:00:00 ETA\n`;
}

export function wgetCommand(ctx: ShellContext) {
  return defineCommand('wget', async (args, commandContext) => {
    let quiet = false;
    let output: string | undefined;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-q') quiet = true;
      else if (arg === '-O') output = args[++i];
      else if (arg.startsWith('-O')) output = arg.slice(2);
      else if (arg === '-qO-' || arg === '-qO') {
        quiet = true;
        output = arg === '-qO-' ? '-' : args[++i];
      } else if (arg === '-T') i++;
      else if (arg.startsWith('-')) return fail(`wget: unrecognized option '${arg.replace(/^-+/, '')}'\nBusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, 1);
      else urls.push(arg);
    }
    if (urls.length === 0) return fail('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', 1);
    return asProcess(ctx, ['wget', ...args], async ({ pid }) => {
      let stdout = '';
      let stderr = '';
      for (const raw of urls) {
        if (/^https:/.test(raw)) return fail(`${stderr}wget: not an http or ftp url: ${raw}\ndockyard: the sandbox has no TLS; use http://\n`, 1, stdout);
        const url = parseUrl(raw);
        if (!url) return fail(`${stderr}wget: bad address '${raw}'\n`, 1, stdout);
        await programsSettled(ctx.host);
        const connection = connect(ctx.host, pid, url.host, url.port);
        if (!connection.ok && connection.error === 'resolve') return fail(`${stderr}wget: bad address '${url.host}'\n`, 1, stdout);
        const address = lookup(ctx.host, pid, url.host);
        if (!quiet) stderr += `Connecting to ${url.host}${url.port === 80 ? '' : `:${url.port}`} (${address}:${url.port})\n`;
        if (!connection.ok) {
          if (connection.error === 'not-http') return fail(`${stderr}wget: error getting response: Connection reset by peer\n`, 1, stdout);
          return fail(`${stderr}wget: can't connect to remote host (${address}): Connection refused\n`, 1, stdout);
        }
        const response = await connection.serve({ method: 'GET', host: url.host, port: url.port, path: url.path, headers: [['Host', url.host], ['User-Agent', 'Wget'], ['Connection', 'close']], clientAddress: '' });
        if (response.status >= 400) return fail(`${stderr}wget: server returned error: HTTP/1.1 ${response.status} ${response.reason}\n`, 1, stdout);
        const name = output ?? (url.path.split('/').pop() || 'index.html');
        if (name === '-') {
          stdout += response.body;
          if (!quiet) stderr += `writing to stdout\n${progress('-', response.body.length)}written to stdout\n`;
          continue;
        }
        const path = commandContext.fs.resolvePath(commandContext.cwd, name);
        if (output === undefined && (await commandContext.fs.exists(path))) return fail(`${stderr}wget: can't open '${name}': File exists\n`, 1, stdout);
        await commandContext.fs.writeFile(path, response.body);
        if (!quiet) stderr += `saving to '${name}'\n${progress(name, response.body.length)}'${name}' saved\n`;
      }
      return { stdout, stderr, exitCode: 0 };
    });
  });
}

export function nslookupCommand(ctx: ShellContext) {
  return defineCommand('nslookup', async (args, commandContext) => {
    const names = args.filter((a) => !a.startsWith('-'));
    if (names.length === 0) return fail('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n', 1);
    let resolver = '10.0.0.1';
    try {
      const conf = await commandContext.fs.readFile('/etc/resolv.conf');
      resolver = /^nameserver\s+(\S+)/m.exec(conf)?.[1] ?? resolver;
    } catch {
      // No resolv.conf: BusyBox falls back to its default.
    }
    return asProcess(ctx, ['nslookup', ...args], async ({ pid }) => {
      const name = names[0];
      const header = `Server:\t\t${resolver}\nAddress:\t${resolver}:53\n\n`;
      const address = lookup(ctx.host, pid, name);
      if (address === null || address === '127.0.0.1') {
        if (name === 'localhost') return ok(`${header}Name:\tlocalhost\nAddress: 127.0.0.1\n\n`);
        return fail('', 1, `${header}** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`);
      }
      return ok(`${header}Non-authoritative answer:\nName:\t${name}\nAddress: ${address}\n\n`);
    });
  });
}
