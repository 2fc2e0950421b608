/**
 * A pull as docker draws it on a terminal: one line per layer, each redrawn in place (cursor up,
 * erase line) as the layer goes from "Pulling fs layer" through "Downloading" and "Extracting" to
 * "Pull complete". Narrower than 110 columns docker prints the byte counts without the bar, and so
 * does this (the terminal's width is not known here). Off a terminal, pull prints final lines only.
 */
import type { PullLayer } from '../images';
import { humanSize } from './format';
import type { Live } from './output';

/** Pause between frames: a pull of a few layers takes a second or two, as a fast real one does. */
const FRAME_MS = 35;

function progress(status: 'Downloading' | 'Extracting', done: number, total: number): string {
  return `${status} ${humanSize(done).padStart(8)}/${humanSize(total)}`;
}

/** The states a new layer's line shows, in order. */
function frames(layer: PullLayer): string[] {
  const total = layer.size;
  return [
    progress('Downloading', Math.round(total / 3), total),
    progress('Downloading', Math.round((total * 2) / 3), total),
    'Verifying Checksum ',
    'Download complete ',
    progress('Extracting', Math.round(total / 2), total),
    progress('Extracting', total, total),
    'Pull complete ',
  ];
}

/**
 * Writes `header` lines, the layers (redrawn as they progress), then `footer` lines. Returns false
 * when nothing listens (the caller prints the final lines instead).
 */
export async function streamPull(live: Live, header: string[], layers: PullLayer[], footer: string[]): Promise<boolean> {
  // Like docker's, a status without a progress part ends in the space that would separate them.
  const initial = layers.map((l) => `${l.short}: ${l.alreadyExists ? 'Already exists' : 'Pulling fs layer'} `);
  if (!live.write([...header, ...initial].map((l) => `${l}\n`).join(''))) return false;
  for (const [index, layer] of layers.entries()) {
    if (layer.alreadyExists) continue;
    const up = layers.length - index;
    for (const state of frames(layer)) {
      await live.clock.sleep(FRAME_MS, live.signal);
      if (live.signal?.aborted) return true;
      // Up to the layer's line, rewrite it, and back down to where output continues.
      live.write(`\x1b[${up}A\r\x1b[2K${layer.short}: ${state}\x1b[${up}B\r`);
    }
  }
  live.write(footer.map((l) => `${l}\n`).join(''));
  return true;
}
