/** Everything the terminal pane says in its own voice (not the simulated programs' output). */
export const terminal = {
  title: 'Terminal',
};
