/**
 * `kubectl events` (kubectl 1.31, k8s.io/kubectl/pkg/cmd/events): the namespace's Events oldest
 * first, as LAST SEEN TYPE REASON OBJECT MESSAGE, where OBJECT keeps the kind's capital
 * (`Pod/web`, unlike `kubectl get events`) and a repeated event reads `2m (x3 over 5m)`.
 * `--for TYPE/NAME` keeps one object's, `--types Warning` one type's, `-A` every namespace's.
 */
import { resolveResource } from '../../api/resources';
import type { Store } from '../../api/store-types';
import type { Event } from '../../api/types';
import { lastValue, type KubectlArgs } from '../args';
import { since } from '../print/age';
import { printOutput } from '../print/output';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter';
import type { KubectlResult } from './result';

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

/** event_printer.go's first column. */
function interval(e: Event, now: number): string {
  const first = since(e.firstTimestamp, now);
  if ((e.count ?? 1) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function events(store: Store, args: KubectlArgs, namespace: string, now: number): KubectlResult {
  if (args.operands.length > 0) return fail(`error: unknown command "${args.operands[0]}" for "kubectl events"\n`);
  const types = (args.values.get('types') ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) return fail('error: valid --types are Normal or Warning\n');
  if (args.flags.has('watch')) return fail('dockyard: kubectl events --watch is not modelled in this sandbox yet; try kubectl get events -w\n');
  const all = args.flags.has('all-namespaces');
  let list = store.list<Event>('Event', { namespace: all ? undefined : namespace });
  const target = lastValue(args, 'for');
  if (target !== undefined) {
    const [type, name] = target.split('/');
    if (!name) return fail('error: --for must be in resource/name form\n');
    const info = resolveResource(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"\n`);
    list = list.filter((e) => e.involvedObject.kind === info.kind && e.involvedObject.name === name);
  }
  if (types.length > 0) list = list.filter((e) => types.some((t) => t.toLowerCase() === e.type.toLowerCase()));
  // SortableEvents: by the last time each was seen, oldest first.
  const at = (e: Event) => Date.parse(e.lastTimestamp || e.firstTimestamp) || 0;
  list = [...list].sort((a, b) => at(a) - at(b));
  const output = lastValue(args, 'output');
  if (output) {
    const printed = printOutput(output, list);
    return { stdout: printed.stdout, stderr: printed.error ?? '', exitCode: printed.error ? 1 : 0 };
  }
  if (list.length === 0) return { stdout: '', stderr: all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`, exitCode: 0 };
  const header = `${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  const rows = list.map((e) => `${all ? `${e.metadata.namespace}\t` : ''}${interval(e, now)}\t${e.type}\t${e.reason}\t${e.involvedObject.kind}/${e.involvedObject.name}\t${e.message.trim()}\n`);
  return { stdout: tabwrite((args.flags.has('no-headers') ? '' : header) + rows.join(''), GET_TABWRITER), stderr: '', exitCode: 0 };
}
