/**
 * The editor pane's open files, as a reducer over plain data: the terminal pane keeps this state
 * (so a command's `code FILE` and the file tree can open files before CodeMirror has loaded), the
 * lazily loaded editor shows it.
 */
export interface EditorTab {
  /** Absolute path in the simulated world. */
  path: string;
  /** The content last read from or written to the world. */
  content: string;
  /** False for a file `code` was asked to create: it exists once saved. */
  exists: boolean;
  /** Bumped when `content` is replaced from outside (the file was opened again), so the editor reloads it. */
  version: number;
  /** The text in the editor differs from `content`. */
  dirty: boolean;
  saving: boolean;
  /** The last save's failure, until the next save. */
  error: string | null;
}

export interface EditorTabsState {
  tabs: EditorTab[];
  active: string | null;
}

export type EditorTabsAction =
  | { type: 'open'; path: string; content: string; exists: boolean }
  | { type: 'activate'; path: string }
  | { type: 'close'; path: string }
  | { type: 'dirty'; path: string; dirty: boolean }
  | { type: 'saving'; path: string }
  | { type: 'saved'; path: string; content: string; dirty: boolean }
  | { type: 'failed'; path: string; error: string }
  | { type: 'clear' };

export const NO_TABS: EditorTabsState = { tabs: [], active: null };

function update(state: EditorTabsState, path: string, change: (tab: EditorTab) => EditorTab): EditorTabsState {
  return { ...state, tabs: state.tabs.map((tab) => (tab.path === path ? change(tab) : tab)) };
}

export function editorTabs(state: EditorTabsState, action: EditorTabsAction): EditorTabsState {
  switch (action.type) {
    case 'open': {
      const existing = state.tabs.find((tab) => tab.path === action.path);
      if (!existing) {
        const tab: EditorTab = { path: action.path, content: action.content, exists: action.exists, version: 0, dirty: false, saving: false, error: null };
        return { tabs: [...state.tabs, tab], active: action.path };
      }
      // Opened again: show what the file holds now, unless the student has unsaved edits in it.
      const next = existing.dirty || existing.content === action.content ? state : update(state, action.path, (tab) => ({ ...tab, content: action.content, exists: action.exists, version: tab.version + 1 }));
      return { ...next, active: action.path };
    }
    case 'activate':
      return state.tabs.some((tab) => tab.path === action.path) ? { ...state, active: action.path } : state;
    case 'close': {
      const index = state.tabs.findIndex((tab) => tab.path === action.path);
      if (index === -1) return state;
      const tabs = state.tabs.filter((tab) => tab.path !== action.path);
      const active = state.active !== action.path ? state.active : (tabs[Math.min(index, tabs.length - 1)]?.path ?? null);
      return { tabs, active };
    }
    case 'dirty':
      return update(state, action.path, (tab) => (tab.dirty === action.dirty ? tab : { ...tab, dirty: action.dirty }));
    case 'saving':
      return update(state, action.path, (tab) => ({ ...tab, saving: true, error: null }));
    case 'saved':
      return update(state, action.path, (tab) => ({ ...tab, content: action.content, exists: true, saving: false, error: null, dirty: action.dirty }));
    case 'failed':
      return update(state, action.path, (tab) => ({ ...tab, saving: false, error: action.error }));
    case 'clear':
      return NO_TABS;
  }
}

/** The file's name, for a tab: `/root/app/main.py` → `main.py`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
