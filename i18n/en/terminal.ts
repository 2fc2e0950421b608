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
  /** Printed in the terminal, and shown above it, when a saved lesson could not be used. */
  saveSetAside:
    '[Dockyard] Your saved work for this lesson could not be restored, so the lesson starts fresh. The old save is kept aside in this browser.',
  setAsideBanner:
    'Your saved work for this lesson could not be restored (it may come from an older version of Dockyard), so the lesson starts fresh. The old save is kept aside in this browser.',
  dismiss: 'Dismiss',
  /** Printed when a lesson starts in the world the student left in the lesson before it. */
  carriedOn: '[Dockyard] You carry on in the cluster you built in the previous lesson. Reset lesson starts you on a prepared one instead.',
  /** Printed after Reset lesson, above the fresh prompt. */
  resetDone: '[Dockyard] The lesson was reset: this is the machine as the lesson starts.',
  files: {
    toggle: 'Files',
    toggleLabel: 'Show the files in the current directory',
    hideLabel: 'Hide the file tree',
    heading: 'Files',
    refresh: 'Refresh the file tree',
    empty: 'No files here',
    failed: 'Could not list {path}',
    open: 'Open {path} in the editor',
    expand: 'Show what is in {path}',
    collapse: 'Hide what is in {path}',
  },
  editor: {
    label: 'Editor',
    tabs: 'Open files',
    loading: 'Loading the editor…',
    save: 'Save',
    saveLabel: 'Save {path} (Ctrl+S)',
    saving: 'Saving…',
    saved: 'Saved',
    unsaved: 'Unsaved changes',
    newFile: 'New file',
    saveFailed: 'Not saved: {error}',
    close: 'Close',
    closeLabel: 'Close {path}',
    closeAll: 'Close the editor',
    discardTitle: 'Close without saving?',
    discardMessage: 'Your changes to {path} are not saved. Close it anyway and lose them?',
    discard: 'Close without saving',
    keepEditing: 'Keep editing',
    /** The editor's accessible name. */
    areaLabel: 'Editing {path}',
    openFailed: 'Could not open {path}: {error}',
  },
};
