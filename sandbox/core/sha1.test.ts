import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { base64, sha1Bytes } from './sha1';

describe('sha1 and base64', () => {
  it('agree with Node for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => base64(sha1Bytes(text)) === createHash('sha1').update(text).digest('base64')),
      { numRuns: 200 },
    );
  });
});
