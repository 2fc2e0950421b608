/** Shell latency in Node: how long one line takes through the session, without any browser. */
import { Sandbox } from '../../sandbox/index';
import { median, ms, percentile, printFigures } from './stats';

const COMMANDS = ['true', 'echo hi', 'pwd', 'ls /', 'cat /etc/os-release', 'echo hi | tr a-z A-Z', 'cd /tmp', 'history | tail -1', 'x=$((1+2)); echo $x', 'grep -c root /etc/passwd'];

export async function benchShell(): Promise<Record<string, number>> {
  const createTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await Sandbox.create({ seed: i });
    createTimes.push(performance.now() - t0);
  }
  const sandbox = await Sandbox.create({ seed: 1, elapsed: () => performance.now() });
  const shell = sandbox.console;
  for (const c of COMMANDS) await shell.run(c); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await shell.run(COMMANDS[i % COMMANDS.length]);
    latencies.push(performance.now() - t0);
  }
  const figures = {
    sandboxCreateMs: median(createTimes),
    commandMedianMs: median(latencies),
    commandP90Ms: percentile(latencies, 90),
  };
  printFigures('Shell (Node, headless)', [
    { name: 'create a sandbox (median of 5)', value: ms(figures.sandboxCreateMs) },
    { name: '100 simple commands: median', value: ms(figures.commandMedianMs) },
    { name: '100 simple commands: p90', value: ms(figures.commandP90Ms) },
  ]);
  return figures;
}
