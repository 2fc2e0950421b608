/** What a docker subcommand hands back to the shell. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}
