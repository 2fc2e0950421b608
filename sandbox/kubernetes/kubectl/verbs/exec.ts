/**
 * `kubectl exec POD [-c C] -- CMD…` and `kubectl exec -it POD -- sh`: the API server hands the
 * stream to the pod's kubelet, which asks containerd to run the command in the container. So the
 * process starts on the pod's node, joins the container's namespaces, and sees the container's
 * filesystem; an interactive shell takes over the terminal until `exit`, as `docker exec -it` does.
 */
import type { IFileSystem } from 'just-bash';
import { MountTable, type MountSpec } from '../../../fs/mount-table';
import type { Host } from '../../../host';
import type { ShellContext } from '../../../shell/context';
import { notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { Deployment, Pod } from '../../api/types';
import { podSlice } from '../../node/cri';
import { podRootfs, podRootSpec } from '../../node/pod-rootfs';
import { podShellFrame } from '../../node/pod-shell';
import { lastValue, type KubectlArgs } from '../args';
import type { KubectlResult } from './result';

const fail = (stderr: string, exitCode = 1): KubectlResult => ({ stdout: '', stderr, exitCode });
const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'ash', '/bin/ash']);

/** The command after `--`: kubectl 1.31 refuses the old `exec POD CMD` form. */
export function execCommand(raw: string[], args: KubectlArgs): { pod: string; command: string[] } | KubectlResult {
  const dash = raw.indexOf('--');
  const after = dash < 0 ? [] : raw.slice(dash + 1);
  const before = args.operands.slice(0, args.operands.length - after.length);
  if (dash < 0 && before.length > 1) return fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  if (before.length === 0) return fail("error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples\n");
  if (after.length === 0) return fail("error: you must specify at least one command for the container\n");
  return { pod: before[0], command: after };
}

/** `web`, `pod/web`, `deploy/web`: the pod kubectl attaches to (for a workload, its first running pod). */
export function attachablePod(store: Store, target: string, namespace: string): Pod | KubectlResult {
  const [type, name] = target.includes('/') ? target.split('/', 2) : ['pod', target];
  const info = resolveResource(type);
  if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
  if (info.kind === 'Pod') {
    const pod = store.get<Pod>('Pod', namespace, name);
    return pod ?? fail(`Error from server (NotFound): ${notFound('pods', name).message}\n`);
  }
  const owner = store.get<Deployment>(info.kind, namespace, name);
  if (!owner) return fail(`Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, name).message}\n`);
  const labels = owner.spec?.selector?.matchLabels ?? {};
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = store.list<Pod>('Pod', { namespace, labelSelector: selector }).filter((p) => !p.metadata.deletionTimestamp);
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1);
  const pod = [...pods].sort((a, b) => rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name))[0];
  return pod ?? fail(`error: cannot attach to *v1.${info.kind}: selector for ${info.kind.toLowerCase()} ${name} has no pods\n`);
}

export async function exec(ctx: ShellContext, store: Store, raw: string[], args: KubectlArgs, namespace: string): Promise<KubectlResult> {
  const parsed = execCommand(raw, args);
  if ('exitCode' in parsed) return parsed;
  const pod = attachablePod(store, parsed.pod, namespace);
  if ('exitCode' in pod) return pod;
  const name = pod.metadata.name;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}\n`);
  let stderr = '';
  let containerName = lastValue(args, 'container');
  if (!containerName) {
    containerName = pod.spec.containers[0].name;
    if (pod.spec.containers.length > 1 && !args.flags.has('quiet')) {
      const all = [...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)];
      stderr += `Defaulted container "${containerName}" out of: ${all.join(', ')}\n`;
    }
  }
  // The API server checks the name against the spec; the kubelet then needs the container running.
  if (![...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === containerName)) return fail(`${stderr}Error from server (BadRequest): container ${containerName} is not valid for pod ${name}\n`);
  if (!pod.spec.nodeName) return fail(`${stderr}Error from server (BadRequest): pod ${name} does not have a host assigned\n`);
  const status = pod.status?.containerStatuses?.find((s) => s.name === containerName);
  const node = ctx.host.lan?.find(pod.spec.nodeName);
  const main = node?.kernel.members(`${podSlice(pod)}/cri-containerd-${containerName}.scope`)[0];
  if (!status || !('running' in status.state) || (node && !main)) return fail(`${stderr}error: unable to upgrade connection: container not found ("${containerName}")\n`);
  if (!node || !main) return fail(`${stderr}dockyard: kubectl exec into a pod on ${pod.spec.nodeName} is not modelled in this sandbox yet\n`);
  const root = rootOf(node, pod, containerName, main.pid);
  if (!root) return fail(`${stderr}dockyard: the filesystem of container ${containerName} is not modelled in this sandbox yet\n`);
  // containerd's exec: join every namespace of the container's process, then fork the command there.
  const interactive = args.flags.has('stdin') && args.flags.has('tty') && parsed.command.length === 1 && SHELLS.has(parsed.command[0]);
  const child = node.kernel.spawn({ parent: main.ppid, namespacesOf: main.pid, argv: parsed.command, cgroup: main.cgroup, tty: args.flags.has('tty') ? 'pts/0' : null, rssKiB: 2_048, confined: true });
  const style = parsed.command[0].endsWith('bash') ? 'bash' : 'ash';
  if (interactive) {
    const frame = podShellFrame(node, child.pid, node.openShell(child.pid, '/', root, style));
    // The pod's shell is its node's active shell too, for what its commands read (/proc/self).
    if (node !== ctx.host) node.console.enter(frame);
    ctx.host.console.push(frame);
    return { stdout: '', stderr, exitCode: 0 };
  }
  const session = node.openShell(child.pid, '/', root, 'ash');
  session.stdoutIsTerminal = args.flags.has('tty');
  const script = parsed.command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const viaShell = parsed.command.length >= 2 && SHELLS.has(parsed.command[0]) && parsed.command[1] === '-c';
  const previous = node.runningPid;
  node.runningPid = child.pid;
  if (!viaShell && !/[;&|\n`$(<>]/.test(script)) node.execInto = child.pid;
  let result;
  try {
    result = await session.run(viaShell ? (parsed.command[2] ?? '') : script);
  } finally {
    node.runningPid = previous !== null && node.kernel.get(previous) ? previous : null;
    node.execInto = null;
  }
  if (node.kernel.get(child.pid)) node.kernel.exit(child.pid, result.exitCode);
  // runc looks the program up itself: a missing one never reaches a shell.
  if (result.exitCode === 127 && !viaShell && result.stderr.startsWith(`sh: ${parsed.command[0]}: not found`)) {
    const id = node.random.hex(64);
    return fail(`${stderr}error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${parsed.command[0]}": executable file not found in $PATH: unknown\n`);
  }
  stderr += result.stderr;
  // kubectl reports a non-zero status itself, and exits with it.
  if (result.exitCode !== 0) stderr += `command terminated with exit code ${result.exitCode}\n`;
  return { stdout: result.stdout, stderr, exitCode: result.exitCode };
}

/**
 * The container's filesystem: its image's layers under its writable layer, as containerd mounted
 * them, with the pod's own /proc. The mount namespace keeps it, so `ps` and later execs agree.
 */
function rootOf(node: Host, pod: Pod, container: string, pid: number): IFileSystem | undefined {
  const ns = node.kernel.require(pid).ns;
  try {
    return node.mountsOf(ns.mnt).view;
  } catch {
    const rootfs = podRootfs(node, pod, container);
    if (!rootfs) return undefined;
    const procSpec: MountSpec = { kind: 'proc', pidNamespace: ns.pid };
    // With the root's own spec, a restored world mounts the same root again (a reload inside the pod's shell).
    const rootSpec = podRootSpec(node, pod, container);
    const table = new MountTable(rootfs, [{ source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime', fs: node.mountFilesystem(procSpec), spec: procSpec }], rootSpec);
    node.setMountTable(ns.mnt, table);
    return table.view;
  }
}
