/**
 * redis-cli with a command on its command line (`redis-cli ping`, `redis-cli -h cache set k v`):
 * it reaches a modelled redis-server the way any client does (localhost in its own container, or a
 * name on a user-defined network) and runs the command against that server's keyspace. Replies are
 * printed as redis-cli prints them: typed on a terminal (`"v"`, `(integer) 1`), raw into a pipe.
 */
import type { Reach } from '../../net/connect';
import type { CommandResult } from '../../shell/commands/result';
import type { ServerState } from '../state';

type Reply = { kind: 'status' | 'bulk' | 'error'; text: string } | { kind: 'integer'; value: number } | { kind: 'nil' } | { kind: 'array'; items: string[] };

const VERSION = 'redis-cli 7.4.1';

/** One command against the server's keyspace; the keyspace is the server's own state. */
export function execute(server: ServerState, command: string[]): Reply {
  const keyspace = new Map(server.keyspace ?? []);
  const [rawName = '', ...args] = command;
  const name = rawName.toUpperCase();
  const wrongArgs: Reply = { kind: 'error', text: `ERR wrong number of arguments for '${rawName.toLowerCase()}' command` };
  let reply: Reply;
  switch (name) {
    case 'PING':
      reply = args.length > 1 ? wrongArgs : args.length === 1 ? { kind: 'bulk', text: args[0] } : { kind: 'status', text: 'PONG' };
      break;
    case 'ECHO':
      reply = args.length === 1 ? { kind: 'bulk', text: args[0] } : wrongArgs;
      break;
    case 'SET':
      if (args.length < 2) reply = wrongArgs;
      else {
        keyspace.set(args[0], args[1]);
        reply = { kind: 'status', text: 'OK' };
      }
      break;
    case 'GET':
      reply = args.length !== 1 ? wrongArgs : keyspace.has(args[0]) ? { kind: 'bulk', text: keyspace.get(args[0])! } : { kind: 'nil' };
      break;
    case 'DEL':
    case 'EXISTS': {
      if (args.length === 0) {
        reply = wrongArgs;
        break;
      }
      const found = args.filter((k) => keyspace.has(k)).length;
      if (name === 'DEL') for (const k of args) keyspace.delete(k);
      reply = { kind: 'integer', value: found };
      break;
    }
    case 'INCR': {
      if (args.length !== 1) {
        reply = wrongArgs;
        break;
      }
      const current = keyspace.get(args[0]) ?? '0';
      if (!/^-?\d+$/.test(current)) {
        reply = { kind: 'error', text: 'ERR value is not an integer or out of range' };
        break;
      }
      keyspace.set(args[0], String(Number(current) + 1));
      reply = { kind: 'integer', value: Number(current) + 1 };
      break;
    }
    case 'KEYS': {
      if (args.length !== 1) {
        reply = wrongArgs;
        break;
      }
      const pattern = new RegExp(`^${args[0].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      reply = { kind: 'array', items: [...keyspace.keys()].filter((k) => pattern.test(k)) };
      break;
    }
    case 'DBSIZE':
      reply = { kind: 'integer', value: keyspace.size };
      break;
    case 'FLUSHALL':
    case 'FLUSHDB':
      keyspace.clear();
      reply = { kind: 'status', text: 'OK' };
      break;
    default:
      reply = { kind: 'error', text: `ERR unknown command '${rawName}', with args beginning with: ${args.map((a) => `'${a}' `).join('')}` };
  }
  server.keyspace = [...keyspace.entries()];
  return reply;
}

function format(reply: Reply, tty: boolean): string {
  switch (reply.kind) {
    case 'status':
      return `${reply.text}\n`;
    case 'bulk':
      return tty ? `${JSON.stringify(reply.text)}\n` : `${reply.text}\n`;
    case 'error':
      return tty ? `(error) ${reply.text}\n` : `${reply.text}\n`;
    case 'integer':
      return tty ? `(integer) ${reply.value}\n` : `${reply.value}\n`;
    case 'nil':
      return tty ? '(nil)\n' : '\n';
    case 'array':
      if (reply.items.length === 0) return tty ? '(empty array)\n' : '';
      return reply.items.map((item, i) => (tty ? `${i + 1}) ${JSON.stringify(item)}\n` : `${item}\n`)).join('');
  }
}

/** `reach` finds the server for a host and port; null command means the interactive prompt. */
export function redisCli(args: string[], tty: boolean, reach: (host: string, port: number) => Reach): CommandResult {
  let host = '127.0.0.1';
  let port = 6379;
  const command: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (command.length === 0 && arg === '-h') host = args[++i] ?? host;
    else if (command.length === 0 && arg === '-p') port = Number(args[++i]);
    else if (command.length === 0 && (arg === '-v' || arg === '--version')) return { stdout: `${VERSION}\n`, stderr: '', exitCode: 0 };
    else command.push(arg);
  }
  if (command.length === 0) return { stdout: '', stderr: `dockyard: redis-cli's interactive prompt is not modelled; give the command on the line: redis-cli${host === '127.0.0.1' ? '' : ` -h ${host}`} ping\n`, exitCode: 1 };
  const reached = reach(host, port);
  if (!reached.ok) {
    const why = reached.error === 'resolve' ? 'Name or service not known' : 'Connection refused';
    return { stdout: '', stderr: `Could not connect to Redis at ${host}:${port}: ${why}\n`, exitCode: 1 };
  }
  const server = reached.record.server!;
  if (server.program !== 'redis-server') return { stdout: '', stderr: `Error: Server closed the connection\n`, exitCode: 1 };
  const reply = execute(server, command);
  return { stdout: format(reply, tty), stderr: '', exitCode: reply.kind === 'error' ? 1 : 0 };
}
