/**
 * How the rest of the page asks the terminal to run a command (a command block's Run button,
 * later an exercise's Solve). Decoupled through a DOM event so the lesson text never needs a
 * reference to the terminal, which loads lazily after the text paints.
 */
export const RUN_REQUEST_EVENT = 'dockyard:run';

export interface RunRequest {
  /** One or more lines, typed into the terminal and run as if the student had typed them. */
  command: string;
}

export function requestRun(command: string): void {
  window.dispatchEvent(new CustomEvent<RunRequest>(RUN_REQUEST_EVENT, { detail: { command } }));
}
