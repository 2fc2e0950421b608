import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toGoYaml, yamlKeyLess } from './go-yaml';

describe('toGoYaml', () => {
  it('orders keys as go-yaml v2 does: digit runs by value, non-letters first', () => {
    const keys = ['b', 'a10', 'a9', 'A', '_x', 'a'];
    expect(keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(['_x', 'A', 'a', 'a9', 'a10', 'b']);
  });

  it('writes YAML that reads back as the same data', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '-', '#', "'", '"', '\n', '*', '1', '0', '.', 'y', '{', '\t', 'é', '['), maxLength: 12 })
      // The \`yaml\` package's 1.1 schema reads a plain \`.\` as NaN; go-yaml (and YAML 1.1) read a string.
      .filter((s) => !/^[-+]?\.$/.test(s));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(text, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(text, value, { maxKeys: 4 }), (obj) => {
      expect(parse(toGoYaml(obj), { version: '1.1' })).toEqual(obj);
    }), { numRuns: 300 });
  });
});
