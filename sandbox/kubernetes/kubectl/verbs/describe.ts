/**
 * `kubectl describe pod|node|deployment|service NAME` (or every object of the kind), with the
 * Events about each object at the bottom, as kubectl gathers them.
 */
import { notFound } from '../../api/errors';
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { Deployment, Endpoints, Event, KubeObject, Node, Pod, ReplicaSet, Service } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';
import { describeDeployment, describeNode, describePod, describeService, type NodeLease } from '../print/describe';
import type { KubectlResult } from './result';

function eventsAbout(store: Store, object: KubeObject): Event[] {
  return store
    .list<Event>('Event', { namespace: object.metadata.namespace ?? 'default' })
    .filter((e) => e.involvedObject.kind === object.kind && e.involvedObject.name === object.metadata.name)
    .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0));
}

export function describe(store: Store, args: KubectlArgs, namespace: string, now: number): KubectlResult {
  const [first, ...rest] = args.operands;
  if (!first) return { stdout: '', stderr: 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n', exitCode: 1 };
  const [type, named] = first.includes('/') ? first.split('/') : [first, rest[0]];
  const info = resolveResource(type);
  if (!info) return { stdout: '', stderr: `error: the server doesn't have a resource type "${type}"\n`, exitCode: 1 };
  const all = args.flags.has('all-namespaces');
  const ns = info.namespaced && !all ? namespace : undefined;
  const listed = () => store.list(info.kind, { namespace: ns, labelSelector: lastValue(args, 'selector') });
  // A name that matches nothing exactly describes every object whose name starts with it, as kubectl does.
  const exact = named ? store.get(info.kind, ns, named) : undefined;
  const objects = exact ? [exact] : named ? listed().filter((o) => o.metadata.name.startsWith(named)) : listed();
  if (named && objects.length === 0) return { stdout: '', stderr: `Error from server (NotFound): ${notFound(info.group ? `${info.plural}.${info.group}` : info.plural, named).message}\n`, exitCode: 1 };
  if (objects.length === 0) return { stdout: '', stderr: info.namespaced && !all ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n', exitCode: 0 };
  const texts: string[] = [];
  for (const object of objects) {
    const events = eventsAbout(store, object);
    switch (info.kind) {
      case 'Pod':
        texts.push(describePod(object as Pod, events, now));
        break;
      case 'Node':
        texts.push(describeNode(object as Node, store.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${object.metadata.name}` }), events, now, store.get<KubeObject & { spec: NodeLease }>('Lease', 'kube-node-lease', object.metadata.name)?.spec));
        break;
      case 'Deployment': {
        const sets = store.list<ReplicaSet>('ReplicaSet', { namespace: object.metadata.namespace }).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === object.metadata.uid));
        const revision = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
        const newest = sets.sort((a, b) => revision(b) - revision(a))[0];
        texts.push(describeDeployment(object as Deployment, sets.filter((rs) => rs !== newest), newest, events, now));
        break;
      }
      case 'Service':
        texts.push(describeService(object as Service, store.get<Endpoints>('Endpoints', object.metadata.namespace, object.metadata.name), events, now));
        break;
      default:
        return { stdout: '', stderr: `dockyard: kubectl describe ${info.plural} is not modelled in this sandbox yet; try kubectl get ${info.plural} ${named ?? ''} -o yaml\n`, exitCode: 1 };
    }
  }
  return { stdout: texts.join('\n\n'), stderr: '', exitCode: 0 };
}
