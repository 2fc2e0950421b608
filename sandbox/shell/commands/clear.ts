/**
 * clear (ncurses): writes the terminal's clear-screen sequence. On the terminal it goes out at once
 * (streamed), so in `clear; kubectl wait …` it clears before the next command draws, instead of
 * arriving with the line's buffered output and wiping what a streaming command already drew.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { takeTtyFlag } from '../plugins/tty-mark';
import { ok } from './result';

const CLEAR_SCREEN = '\u001b[H\u001b[2J\u001b[3J';

export function clearCommand(ctx: ShellContext) {
  return defineCommand('clear', async (argv) => {
    const { tty } = takeTtyFlag(argv);
    if (tty && ctx.host.console.stream(CLEAR_SCREEN)) return ok('');
    return ok(CLEAR_SCREEN);
  });
}
