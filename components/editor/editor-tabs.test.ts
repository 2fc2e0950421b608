import { describe, expect, it } from 'vitest';
import { baseName, editorTabs, NO_TABS, type EditorTabsState } from './editor-tabs';
import { languageFor } from './languages';

describe('editor tabs', () => {
  it('opens, switches, reloads a clean file opened again, and keeps unsaved edits', () => {
    let state: EditorTabsState = NO_TABS;
    state = editorTabs(state, { type: 'open', path: '/root/a.py', content: 'a', exists: true });
    state = editorTabs(state, { type: 'open', path: '/root/Dockerfile', content: '', exists: false });
    expect(state.tabs.map((t) => t.path)).toEqual(['/root/a.py', '/root/Dockerfile']);
    expect(state.active).toBe('/root/Dockerfile');

    state = editorTabs(state, { type: 'open', path: '/root/a.py', content: 'a2', exists: true });
    expect(state.active).toBe('/root/a.py');
    expect(state.tabs[0]).toMatchObject({ content: 'a2', version: 1 });

    state = editorTabs(state, { type: 'dirty', path: '/root/a.py', dirty: true });
    state = editorTabs(state, { type: 'open', path: '/root/a.py', content: 'from disk', exists: true });
    expect(state.tabs[0]).toMatchObject({ content: 'a2', version: 1, dirty: true });
  });

  it('tracks a save: saving, saved (the new file exists), failed', () => {
    let state = editorTabs(NO_TABS, { type: 'open', path: '/root/new.txt', content: '', exists: false });
    state = editorTabs(state, { type: 'dirty', path: '/root/new.txt', dirty: true });
    state = editorTabs(state, { type: 'saving', path: '/root/new.txt' });
    expect(state.tabs[0].saving).toBe(true);
    state = editorTabs(state, { type: 'saved', path: '/root/new.txt', content: 'hi', dirty: false });
    expect(state.tabs[0]).toMatchObject({ content: 'hi', exists: true, saving: false, dirty: false, error: null });
    state = editorTabs(state, { type: 'failed', path: '/root/new.txt', error: 'Is a directory' });
    expect(state.tabs[0].error).toBe('Is a directory');
  });

  it('closes a tab and activates its neighbour', () => {
    let state = NO_TABS;
    for (const path of ['/a', '/b', '/c']) state = editorTabs(state, { type: 'open', path, content: '', exists: true });
    state = editorTabs(state, { type: 'activate', path: '/b' });
    state = editorTabs(state, { type: 'close', path: '/b' });
    expect(state).toMatchObject({ active: '/c', tabs: [{ path: '/a' }, { path: '/c' }] });
    state = editorTabs(state, { type: 'close', path: '/c' });
    expect(state.active).toBe('/a');
    expect(editorTabs(state, { type: 'clear' })).toEqual(NO_TABS);
    expect(baseName('/root/app/main.py')).toBe('main.py');
  });

  it('picks a language by file name', () => {
    expect(languageFor('/root/Dockerfile')).toBe('dockerfile');
    expect(languageFor('/srv/app/Dockerfile.dev')).toBe('dockerfile');
    expect(languageFor('/root/run.sh')).toBe('shell');
    expect(languageFor('/root/.bashrc')).toBe('shell');
    expect(languageFor('/root/app.py')).toBe('python');
    expect(languageFor('/root/compose.yaml')).toBe('yaml');
    expect(languageFor('/root/server.js')).toBe('javascript');
    expect(languageFor('/root/index.ts')).toBe('typescript');
    expect(languageFor('/root/package.json')).toBe('json');
    expect(languageFor('/etc/nginx/nginx.conf')).toBe('nginx');
    expect(languageFor('/root/notes.txt')).toBeNull();
  });
});
