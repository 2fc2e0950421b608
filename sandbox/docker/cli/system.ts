/** docker info, system df and volume ls: summaries of the engine's state. */
import { MACHINE } from '../../kernel/machine';
import type { DockerEngine } from '../engine';
import { DockerError } from '../errors';
import { humanSize, table } from './format';
import type { CommandOutput } from './output';

const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });

export function info(engine: DockerEngine): CommandOutput {
  const all = engine.list(true);
  const running = all.filter((c) => c.status === 'running').length;
  return ok(`Client: Docker Engine - Community
 Version:    28.0.4
 Context:    default
 Debug Mode: false

Server:
 Containers: ${all.length}
  Running: ${running}
  Paused: 0
  Stopped: ${all.length - running}
 Images: ${engine.images.list().length}
 Server Version: 28.0.4
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: 05044ec0a9a75232cad458027ca83437aae3f4da
 runc version: v1.2.5-0-g59923ef
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: ${MACHINE.kernelRelease}
 Operating System: Ubuntu 24.04.1 LTS
 OSType: linux
 Architecture: ${MACHINE.arch}
 CPUs: ${MACHINE.cpus}
 Total Memory: ${(MACHINE.memTotalKiB / 1024 / 1024).toFixed(2)}GiB
 Name: lab
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Live Restore Enabled: false

`);
}

export function systemDf(engine: DockerEngine): CommandOutput {
  const images = engine.images.list();
  const containers = engine.list(true);
  const used = new Set(containers.map((c) => c.imageId));
  const imageBytes = images.reduce((sum, i) => sum + i.size, 0);
  const reclaimable = images.filter((i) => !used.has(i.id)).reduce((sum, i) => sum + i.size, 0);
  const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`);
  return ok(
    table([
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      ['Images', String(images.length), String(used.size), humanSize(imageBytes), `${humanSize(reclaimable)} (${pct(reclaimable, imageBytes)})`],
      ['Containers', String(containers.length), String(containers.filter((c) => c.status === 'running').length), '0B', '0B'],
      ['Local Volumes', '0', '0', '0B', '0B'],
      ['Build Cache', String(engine.builder.cache.size), '0', '0B', '0B'],
    ]),
  );
}

export async function volume(engine: DockerEngine, args: string[]): Promise<CommandOutput> {
  const [verb = 'ls', ...names] = args.filter((a) => !a.startsWith('-'));
  if (verb === 'ls' || verb === 'list') return ok(table([['DRIVER', 'VOLUME NAME'], ...[...engine.volumes.keys()].sort().map((n) => ['local', n])]));
  if (verb === 'create') {
    const name = names[0] ?? engine.images.layers.size.toString(16).padStart(64, '0');
    await engine.ensureVolume(name);
    return ok(`${name}\n`);
  }
  if (verb === 'inspect') {
    const found = names.map((n) => engine.volumes.get(n));
    if (found.some((v) => !v)) throw new DockerError(`get ${names[found.findIndex((v) => !v)]}: no such volume`);
    return ok(`${JSON.stringify(found.map((v) => ({ CreatedAt: new Date(v!.created).toISOString().replace(/\.\d+Z$/, 'Z'), Driver: 'local', Labels: null, Mountpoint: `/var/lib/docker/volumes/${v!.name}/_data`, Name: v!.name, Options: null, Scope: 'local' })), null, 4)}\n`);
  }
  if (verb === 'rm' || verb === 'remove') {
    let stdout = '';
    for (const name of names) {
      if (!engine.volumes.has(name)) throw new DockerError(`get ${name}: no such volume`);
      const user = engine.list(true).find((c) => (c.hostConfig.mounts ?? []).some((m) => m.type === 'volume' && m.source === name));
      if (user) throw new DockerError(`remove ${name}: volume is in use - [${user.id}]`);
      engine.volumes.delete(name);
      stdout += `${name}\n`;
    }
    return ok(stdout);
  }
  return { stdout: '', stderr: `docker volume ${verb}: not modelled in this sandbox yet\n`, exitCode: 1 };
}
