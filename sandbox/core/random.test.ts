import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect([a.hex(12), a.int(100), a.next()]).toEqual([b.hex(12), b.int(100), b.next()]);
  });

  it('differs between seeds and yields hex of the asked length', () => {
    const id = createRandom(1).hex(64);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toEqual(createRandom(2).hex(64));
  });
});
