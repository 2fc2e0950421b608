import type { WorkerLike } from './shell-client';

/**
 * The bundler sees this exact `new Worker(new URL(...), ...)` form and emits the worker, with the
 * sandbox and just-bash, as its own chunk: none of it reaches the page's first-load JavaScript.
 */
export function createShellWorker(): WorkerLike {
  return new Worker(new URL('./shell.worker.ts', import.meta.url), { type: 'module', name: 'dockyard-shell' }) as unknown as WorkerLike;
}
