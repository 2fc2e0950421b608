/**
 * getopt_long as util-linux tools use it: short flags that bundle (`-fp`), long options with
 * `=value`, parsing that stops at the first operand (the program to run), and glibc's messages for
 * mistakes: `unshare: unrecognized option '--foo'` followed by `Try 'unshare --help' ...`.
 */
export interface OptionSpec {
  /** Long name → its short letter (if any) and whether it takes a value. */
  long: Record<string, { short?: string; value?: 'required' | 'optional' }>;
  /**
   * GNU getopt's default: options may follow operands (`mount /dev/x /mnt -o ro`). Tools that run
   * a program (unshare, nsenter) stop at the first operand instead, so its flags stay its own.
   */
  permute?: boolean;
}

export interface ParsedOptions {
  /** Keyed by long name; `true` for flags, the string for options with a value. */
  options: Map<string, string | true>;
  operands: string[];
}

export function getopt(tool: string, args: string[], spec: OptionSpec): ParsedOptions | { error: string } {
  const options = new Map<string, string | true>();
  const operands: string[] = [];
  const byShort = new Map(Object.entries(spec.long).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const tryHelp = `Try '${tool} --help' for more information.\n`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return { options, operands: [...operands, ...args.slice(i + 1)] };
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const matches = Object.keys(spec.long).filter((candidate) => candidate.startsWith(name));
      const exact = spec.long[name] ? name : matches.length === 1 ? matches[0] : undefined;
      if (!exact) {
        if (matches.length > 1) return { error: `${tool}: option '--${name}' is ambiguous\n${tryHelp}` };
        return { error: `${tool}: unrecognized option '${arg}'\n${tryHelp}` };
      }
      const option = spec.long[exact];
      if (inline !== undefined) {
        if (!option.value) return { error: `${tool}: option '--${exact}' doesn't allow an argument\n${tryHelp}` };
        options.set(exact, inline);
      } else if (option.value === 'required') {
        const value = args[++i];
        if (value === undefined) return { error: `${tool}: option '--${exact}' requires an argument\n${tryHelp}` };
        options.set(exact, value);
      } else options.set(exact, true);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const name = byShort.get(arg[j]);
        if (!name) return { error: `${tool}: invalid option -- '${arg[j]}'\n${tryHelp}` };
        if (spec.long[name].value === 'required') {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) return { error: `${tool}: option requires an argument -- '${arg[j]}'\n${tryHelp}` };
          options.set(name, value);
          break;
        }
        if (spec.long[name].value === 'optional' && j + 1 < arg.length) {
          options.set(name, arg.slice(j + 1));
          break;
        }
        options.set(name, true);
      }
      continue;
    }
    if (!spec.permute) return { options, operands: [...operands, ...args.slice(i)] };
    operands.push(arg);
  }
  return { options, operands };
}
