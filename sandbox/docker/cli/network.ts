/** docker network ls, create, inspect, rm, connect, disconnect and prune, as the docker 28 CLI prints them. */
import type { DockerEngine } from '../engine';
import { attachmentsOf, networkNameOf, type NetworkView } from '../networks';
import { table } from './format';
import { renderTemplate } from './go-template';
import { last, parseFlags } from './options';
import type { CommandOutput } from './output';

const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const usageError = (verb: string, usage: string, needs: string): CommandOutput => ({
  stdout: '',
  stderr: `"docker network ${verb}" requires ${needs}.\nSee 'docker network ${verb} --help'.\n\nUsage:  docker network ${verb} ${usage}\n`,
  exitCode: 1,
});

const USAGE = `
Usage:  docker network COMMAND

Manage networks

Commands:
  connect     Connect a container to a network
  create      Create a network
  disconnect  Disconnect a container from a network
  inspect     Display detailed information on one or more networks
  ls          List networks
  prune       Remove all unused networks
  rm          Remove one or more networks

Run 'docker network COMMAND --help' for more information on a command.
`;

export function network(engine: DockerEngine, args: string[], stdin: string, now: number): CommandOutput {
  const [verb, ...rest] = args;
  switch (verb) {
    case undefined:
      return ok(USAGE.slice(1));
    case 'ls':
    case 'list':
      return list(engine, rest);
    case 'create': {
      const parsed = parseFlags('network create', rest, { driver: { short: 'd', value: true }, subnet: { value: true }, gateway: { value: true }, attachable: {}, internal: {} }, false);
      if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
      if (parsed.operands.length !== 1) return usageError('create', '[OPTIONS] NETWORK', 'exactly 1 argument');
      const driver = last(parsed, 'driver') ?? 'bridge';
      if (driver !== 'bridge') return { stdout: '', stderr: `dockyard: only bridge networks are modelled in this sandbox (not ${driver})\n`, exitCode: 1 };
      return ok(`${engine.networks.create(parsed.operands[0], now, last(parsed, 'subnet')).id}\n`);
    }
    case 'inspect': {
      const parsed = parseFlags('network inspect', rest, { format: { short: 'f', value: true }, verbose: { short: 'v' } }, false);
      if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
      if (parsed.operands.length === 0) return usageError('inspect', '[OPTIONS] NETWORK [NETWORK...]', 'at least 1 argument');
      const found = parsed.operands.map((name) => inspectJson(engine, engine.networks.require(name)));
      const format = last(parsed, 'format');
      return ok(format ? found.map((n) => `${renderTemplate(format, n)}\n`).join('') : `${JSON.stringify(found, null, 4)}\n`);
    }
    case 'rm':
    case 'remove': {
      if (rest.length === 0) return usageError('rm', 'NETWORK [NETWORK...]', 'at least 1 argument');
      return ok(rest.map((name) => `${engine.networks.remove(name, engine.list(true))}\n`).join(''));
    }
    case 'connect':
    case 'disconnect': {
      const operands = rest.filter((a) => !a.startsWith('-'));
      if (operands.length !== 2) return usageError(verb, '[OPTIONS] NETWORK CONTAINER', 'exactly 2 arguments');
      const record = engine.resolve(operands[1]);
      if (verb === 'connect') engine.connectNetwork(record, operands[0]);
      else engine.disconnectNetwork(record, operands[0]);
      return ok('');
    }
    case 'prune':
      return prune(engine, rest, stdin);
    default:
      return { stdout: '', stderr: `docker: unknown command: docker network ${verb}\n\nRun 'docker network --help' for more information\n`, exitCode: 1 };
  }
}

function list(engine: DockerEngine, args: string[]): CommandOutput {
  const parsed = parseFlags('network ls', args, { quiet: { short: 'q' }, 'no-trunc': {}, filter: { short: 'f', value: true, repeat: true } }, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  let networks = engine.networks.list();
  for (const filter of parsed.values.get('filter') ?? []) {
    const [key, value = ''] = filter.split(/=(.*)/s, 2);
    if (key === 'name') networks = networks.filter((n) => n.name.includes(value));
    else if (key === 'driver') networks = networks.filter((n) => n.driver === value);
    else if (key === 'type') networks = networks.filter((n) => (value === 'custom') === n.userDefined);
    else return { stdout: '', stderr: `Error response from daemon: invalid filter '${key}'\n`, exitCode: 1 };
  }
  const id = (n: NetworkView) => (parsed.flags.has('no-trunc') ? n.id : n.id.slice(0, 12));
  if (parsed.flags.has('quiet')) return ok(networks.map((n) => `${id(n)}\n`).join(''));
  return ok(table([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...networks.map((n) => [id(n), n.name, n.driver, 'local'])]));
}

function inspectJson(engine: DockerEngine, network: NetworkView): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const c of engine.list(false)) {
    for (const a of attachmentsOf(c)) {
      if (networkNameOf(a) !== network.name) continue;
      containers[c.id] = { Name: c.name, EndpointID: c.id.split('').reverse().join(''), MacAddress: a.macAddress, IPv4Address: `${a.ipAddress}/16`, IPv6Address: '' };
    }
  }
  const bridgeOptions =
    network.name === 'bridge'
      ? { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true', 'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0', 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.driver.mtu': '1500' }
      : {};
  return {
    Name: network.name,
    Id: network.id,
    Created: new Date(network.created).toISOString(),
    Scope: 'local',
    Driver: network.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: network.userDefined ? {} : null, Config: network.subnet ? [{ Subnet: network.subnet, Gateway: network.gateway }] : null },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: bridgeOptions,
    Labels: {},
  };
}

function prune(engine: DockerEngine, args: string[], stdin: string): CommandOutput {
  const force = args.includes('-f') || args.includes('--force');
  const prompt = force ? '' : 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ';
  if (!force && !/^\s*y(es)?\s*$/i.test(stdin.split('\n')[0] ?? '')) {
    return { stdout: prompt, stderr: '\ndockyard: nothing was removed; answer on stdin (echo y | docker network prune) or pass -f\n', exitCode: 1 };
  }
  const removed = pruneNetworks(engine);
  return ok(`${prompt}${removed.length > 0 ? `Deleted Networks:\n${removed.join('\n')}\n\n` : ''}`);
}

/** Removes the user-defined networks no container (running or not) is attached to. */
export function pruneNetworks(engine: DockerEngine): string[] {
  const containers = engine.list(true);
  const used = new Set(containers.flatMap((c) => attachmentsOf(c).map(networkNameOf)));
  return engine.networks
    .list()
    .filter((n) => n.userDefined && !used.has(n.name))
    .map((n) => engine.networks.remove(n.name, containers));
}
