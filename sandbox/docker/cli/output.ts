import type { Clock } from '../../core/clock';

/** A terminal to print to while the command runs, and the time and Ctrl-C that pace it. */
export interface Live {
  write(text: string): boolean;
  clock: Clock;
  signal?: AbortSignal;
}

/** What a docker subcommand hands back to the shell. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}
