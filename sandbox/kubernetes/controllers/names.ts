/** The generated names controllers use, from the API's name helpers. */
import type { Random } from '../../core/random';
import { computeHash, randomString } from '../api/names';
import type { PodTemplateSpec } from '../api/types';

/** A generateName suffix: 5 characters of k8s.io/apimachinery's alphabet, from the seeded generator. */
export function randomSuffix(random: Random): string {
  return randomString(random, 5);
}

/** The `pod-template-hash` (and `controller-revision-hash`) of a template. */
export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  return computeHash(template, collisionCount);
}
