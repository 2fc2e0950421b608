/** Labels and label selectors as kubectl prints them (k8s.io/apimachinery labels and metav1 helpers). */
import type { LabelSelector } from '../../api/types';

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** labels.FormatLabels: `app=web,tier=front`, sorted by key; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byKey);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(selector).String(): requirements sorted by key, values sorted:
 * `app=web`, `env in (dev,prod)`, `tier notin (db)`, `canary`, `!legacy`. Empty for an empty selector.
 */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const requirements: [string, string][] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push([key, `${key}=${value}`]);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort(byKey).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
      : e.operator === 'Exists' ? e.key
      : `!${e.key}`;
    requirements.push([e.key, text]);
  }
  // sort.Sort(ByKey(requirements)) is not stable; keys rarely repeat, so a stable sort matches.
  return requirements.sort((a, b) => byKey(a[0], b[0])).map(([, text]) => text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, or `<none>` when it selects everything. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  return selectorString(selector) || '<none>';
}
