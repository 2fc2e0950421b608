/** The host model's costs: its process listing, procfs, namespaces, and a crowded process table. */
import { Sandbox } from '../../sandbox/index';
import { ms, printFigures, timeLine } from './stats';


export async function benchHost(): Promise<Record<string, number>> {
  const sandbox = await Sandbox.create({ seed: 1, elapsed: () => performance.now() });
  const psAux = await timeLine(sandbox, 'ps aux', 50);
  const procStatus = await timeLine(sandbox, 'cat /proc/$$/status', 50);
  const unshare = await timeLine(sandbox, 'unshare --uts --pid --fork --mount-proc hostname', 50);

  const crowded = await Sandbox.create({ seed: 2, elapsed: () => performance.now() });
  const kernel = crowded.host.kernel;
  const shell = crowded.console.top.pid;
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) kernel.spawn({ parent: shell, argv: ['sleep', String(1000 + i)], rssKiB: 800 });
  const spawn1000 = performance.now() - t0;
  const psCrowded = await timeLine(crowded, 'ps aux', 9);
  const lines = (await crowded.console.run('ps aux | wc -l')).stdout.trim();

  const figures = { psAuxMs: psAux, procStatusMs: procStatus, unshareMs: unshare, spawn1000Ms: spawn1000, psAux1000Ms: psCrowded };
  printFigures('Host model (Node, median of 50 runs unless noted)', [
    { name: 'ps aux (26 processes)', value: ms(psAux) },
    { name: 'cat /proc/$$/status', value: ms(procStatus) },
    { name: 'unshare --uts --pid --fork --mount-proc hostname', value: ms(unshare) },
    { name: '1,000 processes spawned', value: ms(spawn1000) },
    { name: `ps aux with them (${lines} lines, median of 9)`, value: ms(psCrowded) },
  ]);
  return figures;
}
