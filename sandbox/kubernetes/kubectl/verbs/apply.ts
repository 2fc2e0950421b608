/**
 * `kubectl apply -f FILE|DIR|-|URL`: each object is created, or updated when it exists (its
 * spec and labels replaced, as a client-side apply of a full manifest would), and reported as
 * `created`, `configured` or `unchanged`. The URL that flannel's install docs give is served from
 * a bundled copy, so it works offline; other URLs cannot be reached, as in a lab without internet.
 */
import type { IFileSystem } from 'just-bash';
import { isApiError } from '../../api/errors';
import { resourceForKind } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { KubeObject, Service } from '../../api/types';
import { flannel } from '../../kubeadm/cluster-objects';
import type { KubectlArgs } from '../args';
import { parseManifest } from '../print/manifest';
import type { KubectlResult } from './result';

/** Where flannel's README says to apply it from. */
export const FLANNEL_URL = 'https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';

async function sources(fs: IFileSystem, cwd: string, target: string, stdin: string): Promise<{ name: string; text?: string; objects?: KubeObject[] }[] | string> {
  if (target === '-') return [{ name: 'STDIN', text: stdin }];
  if (target === FLANNEL_URL) return [{ name: target, objects: flannel() }];
  if (/^https?:\/\//.test(target)) return `error: unable to read URL "${target}", server reported 404 Not Found, status code=404\ndockyard: the lab is offline; it serves only the CNI manifest at ${FLANNEL_URL}\n`;
  const path = fs.resolvePath(cwd, target);
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    return `error: the path "${target}" does not exist\n`;
  }
  if (!stat.isDirectory) return [{ name: target, text: await fs.readFile(path) }];
  const names = (await fs.readdir(path)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  return Promise.all(names.map(async (n) => ({ name: `${target.replace(/\/$/, '')}/${n}`, text: await fs.readFile(`${path}/${n}`) })));
}

/** What the API server fills in on a Service: its cluster IP, and node ports for a NodePort Service. */
export interface ServiceAllocators {
  clusterIP: () => string;
  nodePort: () => number;
}

function withAllocations(object: KubeObject, existing: KubeObject | undefined, allocate: ServiceAllocators): KubeObject {
  if (object.kind !== 'Service') return object;
  const service = structuredClone(object) as Service;
  const before = existing as Service | undefined;
  const clusterIP = service.spec.clusterIP ?? before?.spec.clusterIP ?? allocate.clusterIP();
  service.spec.clusterIP = clusterIP;
  service.spec.clusterIPs = [clusterIP];
  if (service.spec.type === 'NodePort') {
    service.spec.ports = (service.spec.ports ?? []).map((port, i) => ({ protocol: 'TCP' as const, ...port, nodePort: port.nodePort ?? before?.spec.ports?.[i]?.nodePort ?? allocate.nodePort() }));
  }
  return service;
}

/**
 * The manifest laid over the live object: what it says wins, and what the server filled in that it
 * does not mention (defaults, allocated addresses) stays, as apply's merge keeps it.
 */
function merged(live: unknown, wanted: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(live) && isObject(wanted)) {
    const out: Record<string, unknown> = { ...live };
    for (const [key, value] of Object.entries(wanted)) out[key] = key in live ? merged(live[key], value) : value;
    return out;
  }
  if (Array.isArray(live) && Array.isArray(wanted) && live.length === wanted.length && wanted.every(isObject)) return wanted.map((item, i) => merged(live[i], item));
  return wanted;
}

export async function apply(store: Store, args: KubectlArgs, namespace: string, fs: IFileSystem, cwd: string, stdin: string, allocate: ServiceAllocators): Promise<KubectlResult> {
  const targets = args.values.get('filename') ?? [];
  if (targets.length === 0) return { stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 };
  let stdout = '';
  let stderr = '';
  for (const target of targets) {
    const found = await sources(fs, cwd, target, stdin);
    if (typeof found === 'string') return { stdout, stderr: stderr + found, exitCode: 1 };
    for (const source of found) {
      let objects = source.objects;
      if (!objects) {
        const parsed = parseManifest(source.text ?? '', source.name);
        if (parsed.error) return { stdout, stderr: stderr + parsed.error, exitCode: 1 };
        objects = parsed.objects;
      }
      for (const object of objects) {
        const info = resourceForKind(object.kind, object.apiVersion);
        if (!info) {
          stderr += `error: resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "" from "${source.name}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first\n`;
          continue;
        }
        const ns = info.namespaced ? (object.metadata.namespace ?? namespace) : undefined;
        const prefix = info.group ? `${info.singular}.${info.group}` : info.singular;
        try {
          const existing = store.get(info.kind, ns, object.metadata.name);
          const wanted = withAllocations(object, existing, allocate);
          if (!existing) {
            store.create({ ...wanted, metadata: { ...wanted.metadata, ...(ns ? { namespace: ns } : {}) } });
            stdout += `${prefix}/${object.metadata.name} created\n`;
            continue;
          }
          const next = { ...(merged(existing, wanted) as KubeObject), ...('status' in existing ? { status: (existing as { status?: unknown }).status } : {}) };
          const before = existing.metadata.resourceVersion;
          const after = store.update(next).metadata.resourceVersion;
          stdout += `${prefix}/${object.metadata.name} ${before === after ? 'unchanged' : 'configured'}\n`;
        } catch (error) {
          if (!isApiError(error)) throw error;
          stderr += `${error.kubectlText()}\n`;
        }
      }
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
