/** Container names as docker makes them up: `adjective_scientist`, from the seeded random source. */
import type { Random } from '../core/random';

const ADJECTIVES = ['admiring', 'bold', 'brave', 'busy', 'clever', 'dazzling', 'eager', 'ecstatic', 'elegant', 'festive', 'focused', 'friendly', 'gallant', 'gifted', 'happy', 'hopeful', 'jolly', 'keen', 'kind', 'laughing', 'loving', 'modest', 'nifty', 'nostalgic', 'peaceful', 'practical', 'quirky', 'relaxed', 'serene', 'sharp', 'stoic', 'sweet', 'tender', 'upbeat', 'vibrant', 'wizardly', 'zealous'];
const SURNAMES = ['albattani', 'babbage', 'bell', 'curie', 'darwin', 'einstein', 'euler', 'feynman', 'franklin', 'galileo', 'goldberg', 'hamilton', 'hopper', 'hypatia', 'johnson', 'kepler', 'knuth', 'lamport', 'lovelace', 'mayer', 'meitner', 'newton', 'noether', 'pasteur', 'ritchie', 'shannon', 'thompson', 'torvalds', 'turing', 'wozniak', 'yalow'];

export function randomName(random: Random, taken: (name: string) => boolean): string {
  for (;;) {
    const name = `${ADJECTIVES[random.int(ADJECTIVES.length)]}_${SURNAMES[random.int(SURNAMES.length)]}`;
    if (!taken(name)) return name;
  }
}
