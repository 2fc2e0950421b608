/** Label matching as the workload controllers need it, on top of the API's selectors. */
import { matchLabelSelector } from '../api/selectors';
import type { LabelSelector } from '../api/types';

/** A workload's `spec.selector`: an empty selector matches everything, a missing one nothing. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return matchLabelSelector(selector, labels);
}

/** A nodeSelector or Service selector map: every pair must be present; an empty map matches all. */
export function matchesMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  return Object.entries(selector ?? {}).every(([key, value]) => have[key] === value);
}
