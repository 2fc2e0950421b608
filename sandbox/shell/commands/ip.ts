/**
 * ip (iproute2 6.1): addresses, links and routes of the caller's network namespace, `ip link set
 * DEV up|down`, and named namespaces (`ip netns add|list|exec|delete`).
 */
import { defineCommand } from 'just-bash';
import type { NetInterface, NetNamespaceState } from '../../net/network';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { runProgram } from './program';
import { fail, ok } from './result';

const OBJECTS: Record<string, string> = { a: 'address', addr: 'address', address: 'address', l: 'link', link: 'link', r: 'route', route: 'route', ro: 'route', n: 'netns', netns: 'netns' };

function flags(i: NetInterface): string {
  const base = i.kind === 'loopback' ? ['LOOPBACK'] : ['BROADCAST', 'MULTICAST'];
  return `<${[...base, ...(i.up ? ['UP', 'LOWER_UP'] : [])].join(',')}>`;
}

function state(i: NetInterface): string {
  if (!i.up) return 'DOWN';
  return i.kind === 'loopback' ? 'UNKNOWN' : 'UP';
}

function linkLines(i: NetInterface, withMode: boolean): string[] {
  const name = i.peerIndex ? `${i.name}@if${i.peerIndex}` : i.name;
  const qdisc = i.kind === 'loopback' ? (i.up ? 'noqueue' : 'noop') : i.kind === 'ether' ? 'fq_codel' : 'noqueue';
  const master = i.master ? ` master ${i.master}` : '';
  const lines = [`${i.index}: ${name}: ${flags(i)} mtu ${i.mtu} qdisc ${qdisc}${master} state ${state(i)}${withMode ? ' mode DEFAULT' : ''} group default qlen 1000`];
  lines.push(`    link/${i.kind === 'loopback' ? 'loopback' : 'ether'} ${i.mac} brd ${i.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'}${i.peerIndex ? ' link-netnsid 0' : ''}`);
  if (i.altname) lines.push(`    altname ${i.altname}`);
  return lines;
}

function broadcast(cidr: string): string {
  const [addr, bits] = cidr.split('/');
  const octets = addr.split('.').map(Number);
  const value = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3];
  const hostBits = 32 - Number(bits);
  const b = (value | ((1 << hostBits) - 1)) >>> 0;
  return [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.');
}

function addressLines(i: NetInterface, ipv4Only: boolean): string[] {
  const lines = linkLines(i, false);
  for (const cidr of i.addresses) {
    if (i.kind === 'loopback') lines.push(`    inet ${cidr} scope host lo`, '       valid_lft forever preferred_lft forever');
    else if (i.kind === 'ether') lines.push(`    inet ${cidr} metric 100 brd ${broadcast(cidr)} scope global dynamic ${i.name}`, '       valid_lft 85987sec preferred_lft 85987sec');
    else lines.push(`    inet ${cidr} brd ${broadcast(cidr)} scope global ${i.name}`, '       valid_lft forever preferred_lft forever');
  }
  if (!ipv4Only && i.up) {
    if (i.kind === 'loopback') lines.push('    inet6 ::1/128 scope host noprefixroute ', '       valid_lft forever preferred_lft forever');
    else lines.push(`    inet6 ${linkLocal(i.mac)} scope link `, '       valid_lft forever preferred_lft forever');
  }
  return lines;
}

/** The EUI-64 link-local address the kernel derives from a MAC address. */
function linkLocal(mac: string): string {
  const [a, b, c, d, e, f] = mac.split(':');
  const eui = `${(parseInt(a, 16) ^ 2).toString(16)}${b}:${c}ff:fe${d}:${e}${f}`.replace(/(^|:)0+(?=[0-9a-f])/g, '$1');
  return `fe80::${eui}/64`;
}

function brief(i: NetInterface, addresses: boolean): string {
  const name = (i.peerIndex ? `${i.name}@if${i.peerIndex}` : i.name).padEnd(16);
  if (!addresses) return `${name} ${state(i).padEnd(14)} ${i.kind === 'loopback' ? '00:00:00:00:00:00' : i.mac} ${flags(i)} `;
  const v6 = i.up ? [i.kind === 'loopback' ? '::1/128' : linkLocal(i.mac)] : [];
  return `${name} ${state(i).padEnd(14)} ${[...i.addresses, ...v6].join(' ')} `;
}

function routeLines(ns: NetNamespaceState): string[] {
  return ns.routes
    .filter((r) => ns.interfaces.find((i) => i.name === r.dev)?.up)
    .map((r) => `${r.destination}${r.via ? ` via ${r.via}` : ''} dev ${r.dev} proto ${r.proto}${r.proto === 'kernel' ? ' scope link' : ''}${r.src ? ` src ${r.src}` : ''}${r.metric !== undefined ? ` metric ${r.metric}` : ''} `);
}

export function ipCommand(ctx: ShellContext) {
  return defineCommand('ip', async (rawArgs) =>
    asProcess(ctx, ['ip', ...rawArgs], async ({ pid }) => {
      const options = new Set(rawArgs.filter((a) => a.startsWith('-')));
      const args = rawArgs.filter((a) => !a.startsWith('-'));
      const briefMode = options.has('-br') || options.has('-brief');
      const ipv4 = options.has('-4');
      const [objectWord, verb = 'show', ...rest] = args;
      if (!objectWord) return fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | link | netns | route | ... }\n', 255);
      const object = OBJECTS[objectWord];
      if (!object) return fail(`Object "${objectWord}" is unknown, try "ip help".\n`, 1);
      const network = ctx.host.network;
      const inode = ctx.kernel.require(pid).ns.net;
      const ns = network.of(inode);
      const dev = verb === 'show' && rest[0] === 'dev' ? rest[1] : verb === 'show' ? rest[0] : undefined;
      const interfaces = ns.interfaces.filter((i) => !dev || i.name === dev);
      if (dev && interfaces.length === 0) return fail(`Device "${dev}" does not exist.\n`, 1);
      if (object === 'address') {
        if (!['show', 'list', 'ls', 's'].includes(verb)) return fail(`Command "${verb}" is unknown, try "ip address help".\n`, 1);
        return ok((briefMode ? interfaces.map((i) => brief(i, true)) : interfaces.flatMap((i) => addressLines(i, ipv4))).join('\n') + '\n');
      }
      if (object === 'link') {
        if (verb === 'set') {
          const [name, ...settings] = rest;
          if (!ns.interfaces.some((i) => i.name === name)) return fail(`Cannot find device "${name}"\n`, 1);
          if (settings.includes('up')) network.setLink(inode, name, true);
          else if (settings.includes('down')) network.setLink(inode, name, false);
          return ok();
        }
        if (!['show', 'list', 'ls', 's'].includes(verb)) return fail(`Command "${verb}" is unknown, try "ip link help".\n`, 1);
        return ok((briefMode ? interfaces.map((i) => brief(i, false)) : interfaces.flatMap((i) => linkLines(i, true))).join('\n') + '\n');
      }
      if (object === 'route') {
        const lines = routeLines(ns);
        return ok(lines.length > 0 ? lines.join('\n') + '\n' : '');
      }
      // netns
      switch (verb) {
        case 'show':
        case 'list':
        case 'ls':
          return ok([...network.named.keys()].reverse().map((n) => `${n}\n`).join(''));
        case 'add': {
          const name = rest[0];
          if (!name) return fail('No netns name specified\n', 1);
          if (network.named.has(name)) return fail(`Cannot create namespace file "/run/netns/${name}": File exists\n`, 1);
          network.named.set(name, ctx.kernel.createNamespace('net'));
          await ctx.host.rootfs.mkdir('/run/netns', { recursive: true });
          await ctx.host.rootfs.writeFile(`/run/netns/${name}`, '');
          return ok();
        }
        case 'delete':
        case 'del': {
          const name = rest[0];
          if (!name || !network.named.has(name)) return fail(`Cannot remove namespace file "/run/netns/${name ?? ''}": No such file or directory\n`, 1);
          network.named.delete(name);
          await ctx.host.rootfs.rm(`/run/netns/${name}`, { force: true });
          return ok();
        }
        case 'exec': {
          const [name, ...program] = rest.length > 0 ? rawArgs.slice(rawArgs.indexOf('exec') + 1) : [];
          const target = name ? network.named.get(name) : undefined;
          if (target === undefined) return fail(`Cannot open network namespace "${name ?? ''}": No such file or directory\n`, 1);
          if (program.length === 0) return fail('No command specified\n', 1);
          const child = ctx.kernel.spawn({ parent: pid, argv: program, foreground: true });
          ctx.kernel.joinNamespace(child.pid, 'net', target);
          const result = await runProgram(ctx, child.pid, program, ctx.host.console.top.session.getCwd());
          if (ctx.kernel.get(child.pid)) ctx.kernel.exit(child.pid, result.exitCode);
          return result;
        }
        default:
          return fail(`Command "${verb}" is unknown, try "ip netns help".\n`, 1);
      }
    }),
  );
}
