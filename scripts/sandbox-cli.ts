/**
 * The headless sandbox: the same simulated world the browser terminal runs, in Node.
 *   npm run --silent sandbox                      interactive, when stdin is a terminal
 *   printf 'ls\ncat welcome.txt\n' | npm run --silent sandbox    a transcript
 */
import readline from 'node:readline';
import { createElapsedClock, createManualClock, type Sandbox } from '../sandbox/index';
import { findScenario, SCENARIOS } from '../sandbox/scenarios';
import { parseArgs, USAGE } from './cli/args';
import { CONTINUATION_PROMPT, droppedLinesNote, requestNotes, runTranscript } from './cli/transcript';

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(`sandbox: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.listScenarios) {
    const width = Math.max(...SCENARIOS.map((s) => s.name.length));
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(width)}  ${s.summary}\n`);
    return 0;
  }
  const scenario = findScenario(parsed.scenario);
  if (!scenario) {
    process.stderr.write(`sandbox: unknown scenario '${parsed.scenario}'; --list-scenarios shows them\n`);
    return 2;
  }
  const interactive = process.stdin.isTTY === true;
  const elapsed = () => performance.now();
  const sandbox = await scenario.build({
    seed: parsed.seed,
    elapsed,
    // A transcript must be reproducible, so its clock stands still unless the world moves it.
    clock: interactive ? createElapsedClock(elapsed) : createManualClock(),
  });
  if (!interactive) {
    const input = await readAll(process.stdin);
    const lines = input.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return runTranscript(sandbox, lines, { write: (text) => process.stdout.write(text) });
  }
  return interact(sandbox);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function interact(sandbox: Sandbox): Promise<number> {
  const shell = sandbox.console;
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line: string, callback: (error: null, result: [string[], string]) => void) => {
      shell.complete(line, line.length).then(
        (c) => callback(null, [c.candidates.length > 0 ? c.candidates : [c.replacement], line.slice(c.start)]),
        () => callback(null, [[], line]),
      );
    },
  });
  let pending: string | null = null;
  let running: AbortController | null = null;
  let status = 0;

  const prompt = () => {
    rl.setPrompt(pending === null ? shell.prompt() : CONTINUATION_PROMPT);
    rl.prompt();
  };

  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
      return;
    }
    process.stdout.write('^C\n');
    pending = null;
    rl.write(null, { ctrl: true, name: 'u' });
    prompt();
  });

  // Lines typed while a command runs wait their turn, as typeahead does in a real terminal.
  // Input is never paused: Ctrl-C must reach a running command.
  const queue: string[] = [];
  const drain = async () => {
    while (queue.length > 0 && !running) {
      const line = queue.shift()!;
      const text = pending === null ? line : `${pending}\n${line}`;
      if (shell.isIncomplete(text)) {
        pending = text;
        prompt();
        continue;
      }
      pending = null;
      running = new AbortController();
      const result = await shell.run(text, running.signal);
      running = null;
      if (result.interrupted) process.stdout.write('^C\n');
      if (result.droppedLines > 0) process.stdout.write(droppedLinesNote(result.droppedLines));
      process.stdout.write(result.stdout);
      process.stdout.write(result.stderr);
      process.stdout.write(requestNotes(result.requests));
      status = result.exitCode;
      prompt();
    }
  };
  rl.on('line', (line) => {
    queue.push(line);
    void drain();
  });

  return new Promise((resolve) => {
    rl.on('close', () => {
      process.stdout.write('exit\n');
      resolve(status);
    });
    prompt();
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(70);
  },
);
