/** Errors the Docker daemon reports, with the CLI's exit code for each kind. */
export class DockerError extends Error {
  constructor(
    message: string,
    /** 125 for daemon errors, 126 when the command cannot be invoked, 127 when it is not found. */
    readonly exitCode = 125,
    /** Printed as is, without "Error response from daemon:". */
    readonly bare = false,
  ) {
    super(message);
    this.name = 'DockerError';
  }
}

export const noSuchContainer = (name: string) => new DockerError(`No such container: ${name}`, 1);
export const noSuchImage = (name: string) => new DockerError(`No such image: ${name}`, 1);
