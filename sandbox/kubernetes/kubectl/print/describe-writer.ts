/**
 * The pieces every `kubectl describe` shares (k8s.io/kubectl/pkg/describe): a PrefixWriter
 * whose levels indent by two spaces, lines aligned by tabwriter (minwidth 0, padding 2), and the
 * multi-line Labels, Annotations, Tolerations and Taints fields and the Events table.
 */
import type { Event, Taint, Toleration } from '../../api/types';
import { humanDuration } from './age';
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter';

export class PrefixWriter {
  private chunks: string[] = [];
  private flushed = '';

  /** w.Write(level, text): the text after `level` two-space indents; `\t` separates cells. */
  write(level: number, text: string): void {
    this.chunks.push('  '.repeat(level) + text);
  }

  /** w.WriteLine: the words then a newline, no indent. */
  line(text: string): void {
    this.chunks.push(text + '\n');
  }

  /** w.Flush(): ends every column block, as DescribeEvents does before its table. */
  flush(): void {
    this.flushed += tabwrite(this.chunks.join(''), DESCRIBE_TABWRITER);
    this.chunks = [];
  }

  toString(): string {
    this.flush();
    return this.flushed;
  }
}

const sortStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** printLabelsMultiline: `Labels:  a=b`, further labels on their own aligned lines, `<none>` when empty. */
export function writeLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(sortStrings);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: `key: value`, long or multi-line values below the key, shortened to 140. */
export function writeAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(sortStrings);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultiline: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function writeTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => sortStrings(a.key ?? '', b.key ?? ''));
  if (list.length === 0) return w.line('<none>');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, text + '\n');
  });
}

/** Taint.ToString: `key=value:Effect` or `key:Effect`. */
export const taintString = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** printTaintsMultiline: sorted by effect, then key. */
export function writeTaints(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(taints ?? [])].sort((a, b) => sortStrings(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (list.length === 0) return w.line('<none>');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, taintString(t) + '\n');
  });
}

/**
 * DescribeEvents: `Events:  <none>`, or a Type/Reason/Age/From/Message table sorted by last
 * time, with `20s (x12 over 10m)` for repeated events.
 */
export function writeEvents(w: PrefixWriter, events: Event[] | undefined, now: number): void {
  if (!events || events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = humanDuration(now - Date.parse(e.firstTimestamp));
    const interval = e.count > 1 ? `${humanDuration(now - Date.parse(e.lastTimestamp))} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source?.component ?? ''}\t${e.message.trim()}\n`);
  }
}
