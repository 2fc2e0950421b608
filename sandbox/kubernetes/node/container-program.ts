/**
 * How long a pod's container runs, from what its image and spec start: the same reading of a
 * program the Docker engine uses (docker/programs.ts). A server or `sleep infinity` runs until
 * stopped; `sh` with no terminal exits at once, `sleep 30` after 30 s, hello-world with its status.
 * Programs the lab cannot tell (a script, `python app.py`) are taken to keep running.
 */
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { programFor } from '../../docker/programs';
import type { ImageConfig } from '../../docker/image-spec';
import type { Container } from '../api/types';

export interface Lifetime {
  /** Milliseconds from start to exit; Infinity for a program that runs until stopped. */
  ms: number;
  exitCode: number;
}

/**
 * What the container runs, as the CRI starts it: `command` replaces the image's ENTRYPOINT, `args`
 * its CMD. `imageConfig` is the node's copy of the image's config (an imported image's); by default
 * the registry's.
 */
export function containerArgv(container: Container, imageConfig?: ImageConfig): string[] {
  const { repository, tag } = normaliseReference(container.image);
  const config = imageConfig ?? findImage(repository, tag)?.config;
  return [...(container.command ?? config?.Entrypoint ?? []), ...(container.args ?? (container.command ? [] : (config?.Cmd ?? [])))];
}

/** The program behind a container, read as the Docker engine reads one. */
export function containerProgram(container: Container) {
  return programFor(containerArgv(container), 'ash', false);
}

export function lifetimeOf(container: Container): Lifetime {
  const program = containerProgram(container);
  switch (program.kind) {
    case 'daemon':
    case 'script':
      return { ms: Number.POSITIVE_INFINITY, exitCode: 0 };
    case 'sleep':
      return { ms: program.seconds * 1000, exitCode: 0 };
    case 'shell':
      return { ms: 0, exitCode: 0 };
    case 'exit':
      return { ms: 0, exitCode: program.code };
  }
}

/** The kubelet's restart back-off: 10 s, doubling each time, at most five minutes. */
export function backoffMs(restartCount: number): number {
  return Math.min(300_000, 10_000 * 2 ** restartCount);
}
