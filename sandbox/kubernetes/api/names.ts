/**
 * Names the cluster makes up, as Kubernetes makes them: generateName suffixes (`web-7d4b9c5f8-x2x9k`),
 * the pod-template-hash / controller-revision-hash of a template, UIDs, event names. Random parts
 * come from the seeded generator; hashes from the content, so an unchanged template keeps its hash.
 */
import type { Random } from '../../core/random';
import { sha256 } from '../../core/sha256';

/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels (no words), no 0/1/3 (no confusion). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const MAX_NAME_LENGTH = 63;
const SUFFIX_LENGTH = 5;

/** utilrand.String(n). */
export function randomString(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[random.int(NAME_ALPHABET.length)];
  return out;
}

/** names.SimpleNameGenerator: `generateName` plus 5 random characters, the base cut to 58 characters. */
export function generateName(base: string, random: Random): string {
  const cut = base.length > MAX_NAME_LENGTH - SUFFIX_LENGTH ? base.slice(0, MAX_NAME_LENGTH - SUFFIX_LENGTH) : base;
  return cut + randomString(random, SUFFIX_LENGTH);
}

/** rand.SafeEncodeString: each character mapped into the alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** JSON with sorted keys and no undefined members: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/**
 * controller.ComputeHash: a 32-bit hash of the pod template (and the collision count), written in
 * decimal and safe-encoded, so it has the look of the real ones (`7d4b9c5f8`, `5d59d67564`: only the
 * characters 4-9, b, c, d, f, and as many as the decimal digits of the hash, usually 10).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const input = canonicalJson(template) + (collisionCount ? `#${collisionCount}` : '');
  const hash32 = Number.parseInt(sha256(input).slice(0, 8), 16) >>> 0;
  return safeEncodeString(String(hash32));
}

/** A random (version 4) UUID from the seeded generator: `3f1c2a9e-5b7d-4e21-9c4f-0a8b6d2e1f37`. */
export function uuid(random: Random): string {
  const hex = random.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Number.parseInt(hex[16], 16) & 3];
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** The name the event recorder gives an Event: `<object>.<hex of the time in ns>` (`web-1.17f8a1b2c3d4e5f6`). */
export function eventName(objectName: string, timeMs: number, random?: Random): string {
  // Nanoseconds past the millisecond come from the generator, so two events in one ms differ.
  const nanos = BigInt(Math.floor(timeMs)) * 1_000_000n + BigInt(random ? random.int(1_000_000) : 0);
  return `${objectName}.${nanos.toString(16)}`;
}
