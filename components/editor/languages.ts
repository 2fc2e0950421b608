/**
 * Syntax highlighting by file name, each language loaded only when a file needs it: the editor's
 * own chunk stays small and the page's first load carries none of it.
 */
import type { Extension } from '@codemirror/state';

export type EditorLanguage = 'dockerfile' | 'shell' | 'javascript' | 'typescript' | 'json' | 'python' | 'yaml' | 'nginx' | 'toml' | 'ini';

export function languageFor(path: string): EditorLanguage | null {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'dockerfile' || name === 'containerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return 'dockerfile';
  if (/^\.(bashrc|bash_profile|bash_aliases|profile|zshrc)$/.test(name)) return 'shell';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  switch (extension) {
    case 'sh':
    case 'bash':
      return 'shell';
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
      return 'javascript';
    case 'ts':
    case 'mts':
    case 'tsx':
      return 'typescript';
    case 'json':
      return 'json';
    case 'py':
      return 'python';
    case 'yml':
    case 'yaml':
      return 'yaml';
    case 'toml':
      return 'toml';
    case 'ini':
    case 'cfg':
    case 'env':
    case 'properties':
      return 'ini';
    case 'conf':
      return path.includes('nginx') ? 'nginx' : 'ini';
    default:
      return null;
  }
}

export async function loadLanguage(language: EditorLanguage): Promise<Extension> {
  switch (language) {
    case 'javascript':
    case 'typescript':
    case 'json': {
      const { javascript } = await import('@codemirror/lang-javascript');
      return javascript({ typescript: language === 'typescript', jsx: false });
    }
    case 'python':
      return (await import('@codemirror/lang-python')).python();
    case 'yaml':
      return (await import('@codemirror/lang-yaml')).yaml();
    default:
      return legacy(language);
  }
}

async function legacy(language: 'dockerfile' | 'shell' | 'nginx' | 'toml' | 'ini'): Promise<Extension> {
  const { StreamLanguage } = await import('@codemirror/language');
  switch (language) {
    case 'dockerfile':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/dockerfile')).dockerFile);
    case 'shell':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/shell')).shell);
    case 'nginx':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/nginx')).nginx);
    case 'toml':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/toml')).toml);
    case 'ini':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/properties')).properties);
  }
}
