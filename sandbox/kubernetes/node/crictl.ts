/**
 * crictl (v1.31) on a node: what containerd runs there for the kubelet, read from the pods bound
 * to this host. `ps [-a]`, `pods` and `images`. Without /etc/crictl.yaml it warns about the
 * default endpoints first, as a fresh kubeadm host does.
 */
import { defineCommand } from 'just-bash';
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { imageId } from '../../docker/image-ids';
import type { ShellContext } from '../../shell/context';
import type { Pod } from '../api/types';
import { parseTime } from '../controllers/time';
import { humanDuration, humanSize } from '../../docker/cli/format';

const WARN = 'WARN[0000] runtime connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead. \n';

/** crictl's tabwriter: every column at least 20 wide, three spaces of padding. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('') + '\n').join('');
}

const short = (id: string) => id.replace(/^containerd:\/\//, '').slice(0, 13);

function ago(timestamp: string | undefined, now: number): string {
  const ms = now - parseTime(timestamp);
  return Number.isNaN(ms) ? '' : `${humanDuration(ms)} ago`;
}

export function crictlCommand(ctx: ShellContext) {
  return defineCommand('crictl', async (args, commandContext) => {
    const [verb, ...rest] = args.filter((a) => !a.startsWith('--runtime-endpoint') && !a.startsWith('unix://'));
    let warn = WARN;
    try {
      await commandContext.fs.stat('/etc/crictl.yaml');
      warn = '';
    } catch {
      // No configuration: crictl tries the default sockets, and says so.
    }
    const cluster = ctx.host.lan?.cluster?.cluster;
    if (cluster) cluster.settle();
    const pods = (cluster?.store.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${ctx.host.hostname}` }) ?? []).filter((p) => p.status?.phase === 'Running');
    const now = ctx.kernel.clock.now();
    // crictl's filters: --name is a regular expression on the container's (ps) or pod's (pods) name.
    const option = (name: string) => {
      const at = rest.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
      return at < 0 ? undefined : rest[at].includes('=') ? rest[at].slice(rest[at].indexOf('=') + 1) : rest[at + 1];
    };
    const nameFilter = option('name');
    const matches = (name: string) => {
      try {
        return nameFilter === undefined || new RegExp(nameFilter).test(name);
      } catch {
        return false;
      }
    };
    const namespace = option('namespace');
    const inNamespace = (pod: Pod) => namespace === undefined || new RegExp(namespace).test(pod.metadata.namespace ?? 'default');
    const podId = (pod: Pod) => pod.metadata.uid!.replace(/-/g, '').slice(0, 13);
    switch (verb) {
      case 'ps': {
        const rows = pods.filter(inNamespace).flatMap((pod) =>
          (pod.status?.containerStatuses ?? []).filter((status) => matches(status.name)).map((status) => {
            const { repository, tag } = normaliseReference(pod.spec.containers.find((c) => c.name === status.name)?.image ?? status.image);
            const definition = findImage(repository, tag);
            const started = 'running' in status.state ? status.state.running.startedAt : undefined;
            return [short(status.containerID ?? ''), definition ? imageId(definition).slice(7, 20) : (ctx.host.containerd.find('k8s.io', status.image)?.id.slice(7, 20) ?? ''), ago(started, now), 'Running', status.name, String(status.restartCount), podId(pod), pod.metadata.name];
          }),
        );
        const header = rest.includes('-q') ? [] : [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
        if (rest.includes('-q')) return { stdout: rows.map((r) => `${r[0]}\n`).join(''), stderr: warn, exitCode: 0 };
        return { stdout: table([...header, ...rows]), stderr: warn, exitCode: 0 };
      }
      case 'pods': {
        const rows = pods.filter((pod) => inNamespace(pod) && matches(pod.metadata.name)).map((pod) => [podId(pod), ago(pod.status?.startTime, now), 'Ready', pod.metadata.name, pod.metadata.namespace ?? 'default', '0', '(default)']);
        return { stdout: table([['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...rows]), stderr: warn, exitCode: 0 };
      }
      case 'images': {
        // The node's containerd store (namespace k8s.io): what the kubelet pulled and what was imported.
        // `crictl images nginx`: only that repository (any tag, unless one is given), named as the runtime names it.
        const wanted = rest.find((a) => !a.startsWith('-'));
        const full = (ref: string) => (/^[^/]+[.:][^/]*\//.test(ref) ? ref : ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`);
        const [wantedRepo, wantedTag] = wanted ? full(wanted).split(/:(?=[^/:]+$)/) : [];
        const rows = ctx.host.containerd.list('k8s.io').filter((image) => {
          if (!wanted) return true;
          const [repo, tag] = image.name.split(/:(?=[^/:]+$)/);
          return repo === wantedRepo && (!wantedTag || tag === wantedTag);
        }).map((image) => {
          const cut = image.name.lastIndexOf(':');
          return [image.name.slice(0, cut), image.name.slice(cut + 1), image.id.slice(7, 20), humanSize(image.size)];
        });
        return { stdout: table([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]), stderr: warn, exitCode: 0 };
      }
      case undefined:
      case '--help':
        return { stdout: 'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.31.1\n', stderr: '', exitCode: 0 };
      case '--version':
      case 'version':
        return { stdout: verb === 'version' ? 'Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.24\nRuntimeApiVersion:  v1\n' : 'crictl version v1.31.1\n', stderr: verb === 'version' ? warn : '', exitCode: 0 };
      default:
        return { stdout: '', stderr: `dockyard: crictl ${verb} is not modelled in this sandbox yet; try crictl ps, pods or images\n`, exitCode: 1 };
    }
  });
}
