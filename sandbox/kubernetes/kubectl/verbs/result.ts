/** What a kubectl verb hands back to the shell. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
