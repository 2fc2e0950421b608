import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { addNode, createWorld, deployment } from './world';

describe('FakeStore (test double of the Store interface)', () => {
  it('drives the controllers to the same shape as the ApiStore', () => {
    const shapes = (['fake', 'api'] as const).map((store) => {
      const w = createWorld({ store });
      addNode(w, 'node01');
      w.store.create(deployment('web', 3));
      w.settle();
      w.store.delete('Deployment', 'default', 'web');
      const before = w.store.list<Pod>('Pod').length;
      w.settle();
      return [before, w.store.list('Pod').length, w.store.list('ReplicaSet').length];
    });
    expect(shapes[0]).toEqual([3, 0, 0]);
    expect(shapes[1]).toEqual(shapes[0]);
  });
});
