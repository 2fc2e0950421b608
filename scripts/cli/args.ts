/** Command-line options of the headless sandbox CLI. */
export interface CliOptions {
  seed: number;
  help: boolean;
  scenario: string;
  listScenarios: boolean;
}

export const USAGE = `Usage: npm run --silent sandbox -- [options]

Runs Dockyard's simulated machine in this terminal.
  Interactive when stdin is a terminal. With stdin piped, runs each line as if typed and prints
  a transcript (prompt, line, output), then exits with the last command's status.

Options:
  --seed N            seed for ids (container ids, tokens): the same seed gives the same transcript
  --scenario NAME     the world to start from (default: fresh-host)
  --list-scenarios    print the scenarios, one per line, and exit
  -h, --help          show this help
`;

export function parseArgs(argv: string[]): CliOptions | { error: string } {
  const options: CliOptions = { seed: 1, help: false, scenario: 'fresh-host', listScenarios: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '--list-scenarios') options.listScenarios = true;
    else if (arg === '--scenario' || arg.startsWith('--scenario=')) {
      const value = arg.includes('=') ? arg.slice('--scenario='.length) : argv[++i];
      if (!value) return { error: '--scenario needs a name (see --list-scenarios)' };
      options.scenario = value;
    } else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg.includes('=') ? arg.slice('--seed='.length) : argv[++i];
      if (value === undefined || !/^\d+$/.test(value)) return { error: `--seed needs a whole number, got '${value ?? ''}'` };
      options.seed = Number(value);
    } else return { error: `unknown option '${arg}'` };
  }
  return options;
}
