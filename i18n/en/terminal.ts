/**
 * Everything the terminal pane says in its own voice (not the simulated programs' output).
 * Plain strings only: they travel from a server component to the client as props.
 * `{name}` placeholders are filled in by the terminal.
 */
export const terminal = {
  title: 'Terminal',
  /** BCP 47 tag used to format the numbers in the notes below. */
  locale: 'en',
  /** Accessible name of the terminal area. */
  areaLabel: 'Terminal: a simulated Linux shell',
  /** The state shown beside the dot in the title bar (never colour alone). */
  state: {
    starting: 'Starting',
    idle: 'Ready',
    busy: 'Busy',
    stopped: 'Stopped',
  },
  /** Printed, dimmed, before output that was cut to fit the scrollback. */
  outputTruncated: '[Dockyard] {dropped} earlier lines of output were left out; the last {kept} follow.',
  /** After Ctrl-C went unanswered and the shell was replaced. */
  restartedUnresponsive:
    '[Dockyard] The shell stopped responding, so it was restarted. Your files, directory and history are as they were before that command.',
  /** After the shell's worker crashed and was replaced. */
  restartedCrashed:
    '[Dockyard] The shell stopped unexpectedly and was restarted. Your files, directory and history are as they were after your last finished command.',
  /** When the shell cannot be started again. */
  unavailable: '[Dockyard] The shell could not be started. Reload the page to try again.',
  /** readline's question before listing many completions (bash's own wording). */
  completionQuery: 'Display all {count} possibilities? (y or n)',
};
