/**
 * Flag parsing as the docker CLI (cobra/pflag) does it: `--name web`, `--name=web`, `-p 8080:80`,
 * bundled short flags (`-dit`), flags before the image only for `run`, and pflag's messages:
 * `unknown flag: --foo` / `unknown shorthand flag: 'z' in -z`, then `See 'docker run --help'.`
 */
export interface FlagSpec {
  /** Long name → short letter and whether it takes a value; repeated flags accumulate. */
  [long: string]: { short?: string; value?: boolean; repeat?: boolean };
}

export interface ParsedFlags {
  values: Map<string, string[]>;
  flags: Set<string>;
  operands: string[];
}

export function parseFlags(command: string, args: string[], spec: FlagSpec, stopAtFirstOperand: boolean): ParsedFlags | { error: string } {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const operands: string[] = [];
  const byShort = new Map(Object.entries(spec).flatMap(([long, s]) => (s.short ? [[s.short, long] as const] : [])));
  const see = `See 'docker ${command} --help'.`;
  const set = (long: string, value: string) => values.set(long, [...(values.get(long) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const flag = spec[name];
      if (!flag) return { error: `unknown flag: --${name}\n${see}\n` };
      if (flag.value) {
        const value = inline ?? args[++i];
        if (value === undefined) return { error: `flag needs an argument: --${name}\n${see}\n` };
        set(name, value);
      } else flags.add(name);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const long = byShort.get(arg[j]);
        if (!long) return { error: `unknown shorthand flag: '${arg[j]}' in ${arg}\n${see}\n` };
        if (spec[long].value) {
          const value = j + 1 < arg.length ? arg.slice(j + 1).replace(/^=/, '') : args[++i];
          if (value === undefined) return { error: `flag needs an argument: '${arg[j]}' in -${arg[j]}\n${see}\n` };
          set(long, value);
          break;
        }
        flags.add(long);
      }
      continue;
    }
    if (stopAtFirstOperand) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { values, flags, operands };
}

export const last = (parsed: ParsedFlags, name: string): string | undefined => parsed.values.get(name)?.at(-1);
