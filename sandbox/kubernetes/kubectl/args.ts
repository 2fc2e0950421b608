/**
 * kubectl's flags as cobra/pflag parse them: long flags with `=` or a separate value, short flags
 * (`-n kube-system`, `-nkube-system`, `-oyaml`), booleans, and operands in between.
 */
export interface KubectlArgs {
  operands: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** Flags that take a value, by long name, with their short letters. */
const VALUED: Record<string, string | undefined> = {
  namespace: 'n', output: 'o', selector: 'l', filename: 'f', kubeconfig: undefined, 'field-selector': undefined,
  image: undefined, replicas: undefined, port: undefined, 'target-port': undefined, type: undefined, name: undefined,
  'dry-run': undefined, timeout: undefined, for: undefined, 'sort-by': undefined, container: 'c', tail: undefined,
  'node-port': undefined, protocol: undefined, context: undefined, cluster: undefined, user: undefined, labels: undefined, 'to-revision': undefined, restart: undefined,
  'from-literal': undefined, tcp: undefined, clusterip: undefined, types: undefined, address: undefined, 'api-version': undefined,
};
const BOOLEAN: Record<string, string | undefined> = { 'all-namespaces': 'A', watch: 'w', 'show-labels': undefined, help: 'h', all: undefined, 'no-headers': undefined, force: undefined, 'ignore-not-found': undefined, wait: undefined, quiet: 'q', 'ignore-daemonsets': undefined, 'delete-emptydir-data': undefined, recursive: 'R', rm: undefined, stdin: 'i', tty: 't', follow: undefined, overwrite: undefined, minify: undefined, raw: undefined, command: undefined, previous: 'p', timestamps: undefined, current: undefined };
const BY_SHORT = new Map<string, string>([...Object.entries(VALUED), ...Object.entries(BOOLEAN)].filter(([, s]) => s).map(([long, s]) => [s!, long]));

/** kubectl's global flags that take a value, which may come before the verb (`kubectl -n kube-system get pods`). */
const GLOBAL_VALUED = new Set(['-n', '--namespace', '--kubeconfig', '--context', '--cluster', '--user', '-s', '--server', '--request-timeout', '-v']);

/** The verb, and every other word (global flags before it included) in their order. */
export function splitVerb(argv: string[]): { verb: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (GLOBAL_VALUED.has(arg)) i++;
    else if (!arg.startsWith('-')) return { verb: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { verb: argv.find((a) => a === '--help' || a === '-h'), rest: [] };
}

/** `-f` is --filename for most verbs, but --follow for `kubectl logs`. */
export function parseKubectlArgs(args: string[], verb = ''): KubectlArgs | { error: string } {
  if (verb === 'logs') args = args.map((a) => (a === '-f' ? '--follow' : a));
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const operands: string[] = [];
  const set = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name in VALUED) {
        const value = inline ?? args[++i];
        if (value === undefined) return { error: `error: flag needs an argument: --${name}\nSee 'kubectl --help' for usage.\n` };
        set(name, value);
      } else if (name in BOOLEAN) {
        if (inline === undefined || inline === 'true') flags.add(name);
      } else return { error: `error: unknown flag: --${name}\nSee 'kubectl --help' for usage.\n` };
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const long = BY_SHORT.get(arg[1]);
      if (!long) return { error: `error: unknown shorthand flag: '${arg[1]}' in ${arg}\nSee 'kubectl --help' for usage.\n` };
      if (long in VALUED) {
        const value = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : args[++i];
        if (value === undefined) return { error: `error: flag needs an argument: '${arg[1]}' in ${arg}\nSee 'kubectl --help' for usage.\n` };
        set(long, value);
      } else {
        for (const letter of arg.slice(1)) {
          const name = BY_SHORT.get(letter);
          if (!name || name in VALUED) return { error: `error: unknown shorthand flag: '${letter}' in ${arg}\nSee 'kubectl --help' for usage.\n` };
          flags.add(name);
        }
      }
      continue;
    }
    operands.push(arg);
  }
  return { operands, values, flags };
}

export const lastValue = (args: KubectlArgs, name: string): string | undefined => args.values.get(name)?.at(-1);
