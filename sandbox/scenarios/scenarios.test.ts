import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './index';
import { INITIAL_PROMPTS } from './prompts';

describe('scenarios', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name} opens with the prompt the page paints before the world is up`, async () => {
      const sandbox = await scenario.build({ seed: 1 });
      expect(sandbox.console.prompt()).toBe(INITIAL_PROMPTS[scenario.name]);
    });
  }
});
