/**
 * ctr (containerd 1.7.24's debug client) on a cluster host: `ctr -n k8s.io images import FILE`,
 * `images ls [-q]`, `images rm REF...` and `namespaces ls`. Namespaces keep clients apart: the
 * kubelet's images are in `k8s.io`, so plain `ctr images ls` (namespace `default`) shows nothing.
 */
import { defineCommand } from 'just-bash';
import { decodeArchive } from '../../docker/image-archive';
import type { ShellContext } from '../../shell/context';
import { fail, ok } from '../../shell/commands/result';
import type { ContainerdImage } from './containerd-images';
import { importArchive } from './containerd-import';

const NOT_RUNNING = 'ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n';

/** containerd's progress.Bytes: `%.1f` in units of 1024. */
export function containerdBytes(size: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let i = 0;
  for (; value >= 1024 && i < units.length - 1; i++) value /= 1024;
  return `${value.toFixed(1)} ${units[i]}`;
}

/** Go's tabwriter as ctr sets it up (minwidth 1, padding 1), every cell tab-terminated. */
function tabwrite(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 1);
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('') + '\n').join('');
}

/** The refs an image answers to: a CRI pull also records the digest and id references. */
function refsOf(image: ContainerdImage): string[] {
  if (!image.managed) return [image.name];
  return [image.name, `${image.name.replace(/:[^:/]+$/, '')}@${image.digest}`, image.id];
}

function list(images: ContainerdImage[], quiet: boolean): string {
  const rows = images.flatMap((image) =>
    refsOf(image).map((ref) => [ref, image.managed ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json', image.digest, containerdBytes(image.size), 'linux/amd64', image.managed ? 'io.cri-containerd.image=managed' : '-']),
  ).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (quiet) return rows.map((r) => `${r[0]}\n`).join('');
  return tabwrite([['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS'], ...rows]);
}

export function ctrCommand(ctx: ShellContext) {
  return defineCommand('ctr', async (args, commandContext) => {
    let namespace = commandContext.env.get('CONTAINERD_NAMESPACE') || 'default';
    let i = 0;
    for (; i < args.length && args[i].startsWith('-'); i++) {
      const arg = args[i];
      if (arg === '-n' || arg === '--namespace') namespace = args[++i] ?? namespace;
      else if (arg.startsWith('--namespace=')) namespace = arg.slice(12);
      else if (arg === '-a' || arg === '--address' || arg === '--timeout' || arg === '--connect-timeout') i++;
      else if (arg === '--version' || arg === '-v') return ok('ctr github.com/containerd/containerd v1.7.24\n');
      else if (arg === '--help' || arg === '-h') break;
    }
    const [group, verb, ...rest] = args.slice(i);
    if (!group || group === '--help' || group === '-h' || group === 'help') {
      return ok('NAME:\n   ctr - \n        __\n  _____/ /______\n / ___/ __/ ___/\n/ /__/ /_/ /\n\\___/\\__/_/\n\ncontainerd CLI\n\n\nUSAGE:\n   ctr [global options] command [command options] [arguments...]\n\nVERSION:\n   v1.7.24\n');
    }
    if (ctx.host.services.state('containerd')?.active === false) return fail(NOT_RUNNING);
    const store = ctx.host.containerd;
    if (group === 'namespaces' || group === 'namespace' || group === 'ns') {
      if (verb !== 'ls' && verb !== 'list') return fail(`dockyard: ctr namespaces ${verb ?? ''} is not modelled in this sandbox yet; try ctr namespaces ls\n`);
      const names = [...new Set(['k8s.io', 'moby', ...(store.list('default').length > 0 ? ['default'] : [])])].sort();
      return ok(tabwrite([['NAME', 'LABELS'], ...names.map((n) => [n, ''])]));
    }
    if (group === 'version') return ok('Client:\n  Version:  v1.7.24\n  Revision: 88bf19b2105c8b17560993bee28a01ddc2f97182\n  Go version: go1.22.10\n\nServer:\n  Version:  v1.7.24\n  Revision: 88bf19b2105c8b17560993bee28a01ddc2f97182\n  UUID: 2d9a0a4c-6b0e-4c43-9a7d-1f2b5c3e8d71\n');
    if (group !== 'images' && group !== 'image' && group !== 'i') {
      return fail(`dockyard: ctr ${group} is not modelled in this sandbox yet; try ctr images import, ctr images ls\n`);
    }
    const operands = rest.filter((a) => !a.startsWith('-'));
    switch (verb) {
      case 'ls':
      case 'list':
        return ok(list(store.list(namespace), rest.includes('-q') || rest.includes('--quiet')));
      case 'import': {
        const file = operands[0];
        if (!file) return fail('ctr: expected 1 argument\n');
        let text: string;
        try {
          text = file === '-' ? String(commandContext.stdin ?? '') : await commandContext.fs.readFile(commandContext.fs.resolvePath(commandContext.cwd, file));
        } catch {
          return fail(`ctr: open ${file}: no such file or directory\n`);
        }
        const archive = decodeArchive(text);
        if (!archive) return fail('ctr: unrecognized image format\n');
        const imported = await importArchive(ctx.host, namespace, archive);
        return ok(imported.map((i) => `unpacking ${i.name} (${i.digest})...done\n`).join(''));
      }
      case 'rm':
      case 'remove':
      case 'delete':
      case 'del': {
        let out = '';
        let err = '';
        for (const ref of operands) {
          if (store.remove(namespace, ref)) out += `${ref}\n`;
          else err += `ctr: image "${ref}": not found\n`;
        }
        return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
      }
      default:
        return fail(`dockyard: ctr images ${verb ?? ''} is not modelled in this sandbox yet; try ctr images import, ctr images ls\n`);
    }
  });
}
