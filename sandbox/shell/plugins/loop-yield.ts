/**
 * just-bash runs a busy loop (`while true; do :; done`) without ever yielding to the event loop, so
 * no timer or worker message (Ctrl-C) could reach it. This plugin puts a command at the top of every
 * loop body that yields once every few milliseconds, and throws when the run was interrupted.
 */
import { defineCommand, type TransformPlugin } from 'just-bash';
import { commandStatement, walk } from '../ast';

export const YIELD_COMMAND = '__dockyard_yield';
const LOOP_TYPES = new Set(['While', 'Until', 'For', 'CStyleFor']);
const YIELD_EVERY_MS = 8;

export const loopYieldPlugin: TransformPlugin = {
  name: 'loop-yield',
  transform({ ast }) {
    walk(ast, (node) => {
      if (LOOP_TYPES.has(node.type ?? '') && Array.isArray(node.body)) {
        node.body.unshift(commandStatement(YIELD_COMMAND));
      }
    });
    return { ast };
  },
};

/**
 * The command the plugin inserts. `elapsed` is a monotonic millisecond source from the host
 * environment; it only paces yields and never reaches the simulated world.
 */
export function createYieldCommand(elapsed: () => number) {
  let lastYield = elapsed();
  return defineCommand(YIELD_COMMAND, async () => {
    if (elapsed() - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = elapsed();
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  });
}
