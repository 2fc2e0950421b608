/**
 * Go command lines as cobra/pflag parse them, for the Go tools the lab models (kubeadm, kk):
 * `--name value`, `--name=value`, `-x value`, switches, and words in between. The errors are
 * pflag's own; each tool adds its prefix (`Error: `) and exit status.
 */
export interface PflagSpec {
  /** Long names of flags that take a value. */
  valued: ReadonlySet<string>;
  /** Long names of flags that do not. */
  switches: ReadonlySet<string>;
  /** Short letter → long name. */
  short: Readonly<Record<string, string>>;
}

export interface PflagParsed {
  words: string[];
  /** Every value given for each flag, in order (a switch's is `true`). */
  flags: Map<string, string[]>;
}

export function parsePflags(argv: string[], spec: PflagSpec): PflagParsed | { error: string } {
  const words: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [rawName, inline] = arg.slice(long ? 2 : 1).split(/=(.*)/s, 2);
    const name = long ? rawName : spec.short[rawName];
    if (!name || (!spec.valued.has(name) && !spec.switches.has(name))) return { error: long ? `unknown flag: --${rawName}` : `unknown shorthand flag: '${rawName[0]}' in ${arg}` };
    if (spec.valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { error: `flag needs an argument: --${name}` };
      add(name, value);
    } else add(name, inline ?? 'true');
  }
  return { words, flags };
}
