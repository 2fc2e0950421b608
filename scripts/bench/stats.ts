/** Small statistics for benchmarks: these machines are shared and noisy, so we quote medians. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface Figure {
  name: string;
  value: string;
  target?: string;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) console.log(`  ${f.name.padEnd(width)}  ${f.value}${f.target ? `   (target: ${f.target})` : ''}`);
}

/** Median time of running `line` in a sandbox's terminal `times` times; a failing line stops the bench. */
export async function timeLine(sandbox: { console: { run(line: string): Promise<{ exitCode: number; stderr: string }> } }, line: string, times: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const result = await sandbox.console.run(line);
    samples.push(performance.now() - t0);
    if (result.exitCode !== 0) throw new Error(`${line} failed: ${result.stderr}`);
  }
  return median(samples);
}
