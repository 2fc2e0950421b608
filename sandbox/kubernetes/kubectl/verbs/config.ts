/**
 * `kubectl config view|current-context|get-contexts|use-context|set-context --current
 * --namespace=NS` on the kubeconfig file (--kubeconfig, $KUBECONFIG or ~/.kube/config), with
 * kubectl's words. Writes change only the lines they must, so the file keeps kubeadm's layout.
 */
import type { IFileSystem } from 'just-bash';
import { parse } from 'yaml';
import { lastValue, type KubectlArgs } from '../args';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter';
import type { KubectlResult } from './result';

const ok = (stdout: string): KubectlResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });
const EMPTY = 'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n';

interface Kubeconfig {
  'current-context'?: string;
  contexts?: { name: string; context?: { cluster?: string; user?: string; namespace?: string } }[] | null;
}

function read(text: string): Kubeconfig {
  try {
    return (parse(text) as Kubeconfig | null) ?? {};
  } catch {
    return {};
  }
}

/** The namespace the current context names, for verbs run without -n. */
export function contextNamespace(text: string): string | undefined {
  const config = read(text);
  return config.contexts?.find((c) => c.name === config['current-context'])?.context?.namespace || undefined;
}

export async function config(fs: IFileSystem, path: string, args: KubectlArgs): Promise<KubectlResult> {
  const [sub, name] = args.operands;
  let text: string | undefined;
  try {
    text = await fs.readFile(path);
  } catch {
    text = undefined;
  }
  const kubeconfig = read(text ?? '');
  const current = kubeconfig['current-context'] ?? '';
  const contexts = kubeconfig.contexts ?? [];
  switch (sub) {
    case 'view':
      if (text === undefined) return ok(EMPTY);
      return ok(text.replace(/(certificate-authority-data|client-certificate-data|client-key-data): \S+/g, (_, key: string) => `${key}: ${key === 'certificate-authority-data' ? 'DATA+OMITTED' : 'REDACTED'}`));
    case 'current-context':
      return current ? ok(`${current}\n`) : fail('error: current-context is not set\n');
    case 'get-contexts': {
      const shown = name ? contexts.filter((c) => c.name === name) : contexts;
      if (name && shown.length === 0) return fail(`error: context ${name} not found\n`);
      if (lastValue(args, 'output') === 'name') return ok(shown.map((c) => `${c.name}\n`).join(''));
      const header = args.flags.has('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
      return ok(tabwrite(header + shown.map((c) => `${c.name === current ? '*' : ' '}\t${c.name}\t${c.context?.cluster ?? ''}\t${c.context?.user ?? ''}\t${c.context?.namespace ?? ''}\n`).join(''), GET_TABWRITER));
    }
    case 'use-context':
    case 'use': {
      if (!name) return fail("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples\n");
      if (!contexts.some((c) => c.name === name) || text === undefined) return fail(`error: no context exists with the name: "${name}"\n`);
      await fs.writeFile(path, text.replace(/^current-context:.*$/m, `current-context: ${name}`));
      return ok(`Switched to context "${name}".\n`);
    }
    case 'set-context': {
      const target = args.flags.has('current') ? current : name;
      const namespace = lastValue(args, 'namespace');
      if (!target) return fail(args.flags.has('current') ? 'error: no current context is set\n' : "error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples\n");
      if (text === undefined || !contexts.some((c) => c.name === target) || namespace === undefined) return fail(`dockyard: kubectl config set-context is modelled only as --current --namespace=NS on an existing context\n`);
      await fs.writeFile(path, setNamespace(text, target, namespace));
      return ok(`Context "${target}" modified.\n`);
    }
    default:
      return fail(`dockyard: kubectl config ${sub ?? ''} is not modelled in this sandbox yet; try view, current-context, get-contexts, use-context or set-context --current --namespace=NS\n`);
  }
}

/** Sets (or replaces) `namespace:` inside the named context's block. */
function setNamespace(text: string, contextName: string, namespace: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => l === `  name: ${contextName}` && lines.slice(0, i).some((p) => p === 'contexts:'));
  if (at < 0) return text;
  let start = at;
  while (start > 0 && lines[start] !== '- context:') start--;
  const block = lines.slice(start + 1, at).filter((l) => !l.startsWith('    namespace:'));
  block.push(`    namespace: ${namespace}`);
  block.sort((a, b) => a.localeCompare(b));
  return [...lines.slice(0, start + 1), ...block, ...lines.slice(at)].join('\n');
}
