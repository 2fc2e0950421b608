import { describe, expect, it } from 'vitest';
import { createRandom } from '../../core/random';
import { canonicalJson, computeHash, eventName, generateName, NAME_ALPHABET, randomString, uuid } from './names';

describe('generated names', () => {
  it('add five characters of the no-vowel alphabet, the same for the same seed', () => {
    const name = generateName('web-7d4b9c5f8-', createRandom(1));
    expect(name).toMatch(/^web-7d4b9c5f8-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('web-', createRandom(1))).toBe(generateName('web-', createRandom(1)));
    expect(generateName('web-', createRandom(1))).not.toBe(generateName('web-', createRandom(2)));
    expect(NAME_ALPHABET).toHaveLength(27);
    expect(randomString(createRandom(5), 40)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{40}$/);
  });

  it('cut a long base to 58 characters so the name fits in 63', () => {
    expect(generateName('a'.repeat(70), createRandom(1))).toHaveLength(63);
  });
});

describe('computeHash (pod-template-hash)', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

  it('depends on the content only, not on key order', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.27', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(template)).toBe(computeHash(reordered));
    expect(computeHash(template)).toBe(computeHash(JSON.parse(JSON.stringify(template))));
  });

  it('changes with the template and the collision count', () => {
    const changed = { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } };
    expect(computeHash(changed)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
  });

  it('looks like the real ones: the safe-encoded decimal digits of 32 bits', () => {
    for (let i = 0; i < 50; i++) expect(computeHash({ i })).toMatch(/^[456789bcdf]{1,10}$/);
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 2 }] })).toBe('{"a":[1,{"c":2}],"b":1}');
  });
});

describe('uuid', () => {
  it('is version 4 text, reproducible from the seed', () => {
    const id = uuid(createRandom(7));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid(createRandom(7))).toBe(id);
    const random = createRandom(7);
    expect(uuid(random)).not.toBe(uuid(random));
  });
});

describe('eventName', () => {
  it('is the object name and the time in hex nanoseconds', () => {
    expect(eventName('web-1', Date.UTC(2026, 2, 2, 9, 0, 0))).toBe(`web-1.${(BigInt(Date.UTC(2026, 2, 2, 9, 0, 0)) * 1_000_000n).toString(16)}`);
    expect(eventName('web-1', 0, createRandom(1))).toMatch(/^web-1\.[0-9a-f]+$/);
  });
});
