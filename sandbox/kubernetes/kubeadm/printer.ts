/**
 * Where a kubeadm command's lines go: straight to the terminal while it runs (init's phases appear
 * one by one, paced by the simulated clock), or collected and returned when nothing listens.
 */
import type { Live } from '../../docker/cli/output';
import type { Clock } from '../../core/clock';
import { formatDate } from '../../shell/commands/date';

export interface KubeadmResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class Printer {
  private stdout = '';
  private stderr = '';

  constructor(
    private readonly clock: Clock,
    private readonly live: Live | null,
    private readonly pid: number,
    private readonly signal?: AbortSignal,
  ) {}

  out(text: string): void {
    if (!this.live?.write(text)) this.stdout += text;
  }

  err(text: string): void {
    if (!this.live?.write(text)) this.stderr += text;
  }

  /** klog's warning header: `W0302 09:00:01.234567    1234 checks.go:846] `. */
  klog(level: 'W' | 'I' | 'E', source: string, message: string): void {
    const now = this.clock.now();
    this.err(`${level}${formatDate(now, '%m%d %H:%M:%S')}.${String((now % 1000) * 1000).padStart(6, '0')}${String(this.pid).padStart(8)} ${source}] ${message}\n`);
  }

  /** Simulated time passing between lines (a pull, a health check), fast-forwarded: the student watches. */
  async pause(ms: number): Promise<void> {
    await this.clock.fastForward(ms, this.signal);
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  done(exitCode: number): KubeadmResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode };
  }

  /** kubeadm's failure: its error, the stack-trace hint, exit status 1. */
  fail(message: string): KubeadmResult {
    this.err(message.endsWith('\n') ? message : `${message}\n`);
    return this.done(1);
  }
}

/** A Go duration as kubeadm prints a health check's wait: `501.915118ms`, `4.002095114s`. */
export function goDuration(nanos: number): string {
  if (nanos < 1e9) return `${(nanos / 1e6).toFixed(6).replace(/\.?0+$/, '')}ms`;
  return `${(nanos / 1e9).toFixed(9).replace(/\.?0+$/, '')}s`;
}
