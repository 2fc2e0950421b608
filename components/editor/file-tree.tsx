'use client';
/**
 * A small file tree of the shell's current directory, read through the shell worker (the active
 * shell's own view of the filesystem). Directories open in place; a file opens in the editor.
 * It is read again after every command, so it follows `cd`, `touch`, `rm`.
 *
 * Hooks for tests: data-testid="file-tree", "file-tree-entry" (data-path, data-kind="file|dir").
 */
import { ChevronDown, ChevronRight, FileText, Folder, FolderOpen, RefreshCw, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Messages } from '@/i18n';
import type { DirectoryEntry } from '@/components/terminal/protocol';
import { format } from '@/components/ui/format';

export interface Listing {
  path: string;
  entries: DirectoryEntry[];
  error?: string;
}

export interface FileTreeProps {
  /** Lists a directory; without a path, the shell's working directory. */
  list(path?: string): Promise<Listing>;
  open(path: string): void;
  onClose(): void;
  /** Changes after every command: the tree is read again. */
  refreshKey: number;
  strings: Messages['terminal']['files'];
}

const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

export default function FileTree({ list, open, onClose, refreshKey, strings }: FileTreeProps) {
  const [root, setRoot] = useState<Listing | null>(null);
  const [expanded, setExpanded] = useState<Record<string, Listing>>({});
  const [manual, setManual] = useState(0);
  const openFolders = useRef(expanded);
  useEffect(() => {
    openFolders.current = expanded;
  }, [expanded]);

  useEffect(() => {
    let stale = false;
    void (async () => {
      const top = await list();
      // Folders that were open stay open, read again, while they are under the (new) directory.
      const prefix = top.path === '/' ? '/' : `${top.path}/`;
      const again = await Promise.all(
        Object.keys(openFolders.current)
          .filter((path) => path.startsWith(prefix))
          .map((path) => list(path)),
      );
      if (stale) return;
      setRoot(top);
      setExpanded(Object.fromEntries(again.filter((listing) => !listing.error).map((listing) => [listing.path, listing])));
    })();
    return () => {
      stale = true;
    };
  }, [list, refreshKey, manual]);

  const toggle = async (path: string) => {
    if (expanded[path]) {
      setExpanded((current) => {
        const next = { ...current };
        delete next[path];
        return next;
      });
      return;
    }
    const listing = await list(path);
    setExpanded((current) => ({ ...current, [path]: listing }));
  };

  const renderEntries = (dir: string, entries: DirectoryEntry[], depth: number) => (
    <ul className="file-tree-list" role="list">
      {entries.map((entry) => {
        const path = join(dir, entry.name);
        const open_ = expanded[path];
        const indent = { paddingLeft: `${0.5 + depth * 0.875}rem` };
        return (
          <li key={path}>
            {entry.directory ? (
              <button
                type="button"
                className="file-tree-entry"
                style={indent}
                data-testid="file-tree-entry"
                data-path={path}
                data-kind="dir"
                aria-expanded={open_ ? true : false}
                title={format(open_ ? strings.collapse : strings.expand, { path })}
                onClick={() => void toggle(path)}
              >
                {open_ ? <ChevronDown aria-hidden="true" className="size-3.5 shrink-0" /> : <ChevronRight aria-hidden="true" className="size-3.5 shrink-0" />}
                {open_ ? <FolderOpen aria-hidden="true" className="size-3.5 shrink-0 text-[#e5c15c]" /> : <Folder aria-hidden="true" className="size-3.5 shrink-0 text-[#e5c15c]" />}
                <span className="truncate">{entry.name}</span>
              </button>
            ) : (
              <button
                type="button"
                className="file-tree-entry"
                style={indent}
                data-testid="file-tree-entry"
                data-path={path}
                data-kind="file"
                title={format(strings.open, { path })}
                onClick={() => open(path)}
              >
                <span aria-hidden="true" className="size-3.5 shrink-0" />
                <FileText aria-hidden="true" className="size-3.5 shrink-0 text-[#8dbcff]" />
                <span className="truncate">{entry.name}</span>
              </button>
            )}
            {open_ ? (
              open_.entries.length > 0 ? (
                renderEntries(path, open_.entries, depth + 1)
              ) : (
                <p className="file-tree-empty" style={{ paddingLeft: `${0.5 + (depth + 1) * 0.875 + 1.25}rem` }}>
                  {strings.empty}
                </p>
              )
            ) : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav className="file-tree" aria-label={strings.heading} data-testid="file-tree">
      <div className="file-tree-head">
        <span className="truncate" title={root?.path}>
          {root?.path ?? strings.heading}
        </span>
        <span className="flex shrink-0 items-center">
          <button type="button" className="file-tree-icon" aria-label={strings.refresh} title={strings.refresh} onClick={() => setManual((n) => n + 1)}>
            <RefreshCw aria-hidden="true" className="size-3.5" />
          </button>
          <button type="button" className="file-tree-icon" aria-label={strings.hideLabel} title={strings.hideLabel} onClick={onClose}>
            <X aria-hidden="true" className="size-3.5" />
          </button>
        </span>
      </div>
      <div className="file-tree-body">
        {root?.error ? <p className="file-tree-empty">{format(strings.failed, { path: root.path })}</p> : null}
        {root && !root.error && root.entries.length === 0 ? <p className="file-tree-empty">{strings.empty}</p> : null}
        {root && root.entries.length > 0 ? renderEntries(root.path, root.entries, 0) : null}
      </div>
    </nav>
  );
}
