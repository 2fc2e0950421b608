import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/index';
import { parseArgs } from './args';
import { runTranscript } from './transcript';

async function transcript(lines: string[]) {
  let text = '';
  const status = await runTranscript(await Sandbox.create({ seed: 1 }), lines, { write: (t) => (text += t) });
  return { text, status };
}

describe('headless transcript', () => {
  it('shows the prompt and the line, then the output, and returns the last status', async () => {
    const { text, status } = await transcript(['echo hi | tr a-z A-Z', 'cd /tmp', 'pwd', 'foo']);
    expect(text).toBe(
      'root@lab:~# echo hi | tr a-z A-Z\nHI\nroot@lab:~# cd /tmp\nroot@lab:/tmp# pwd\n/tmp\nroot@lab:/tmp# foo\nbash: foo: command not found\n',
    );
    expect(status).toBe(127);
  });

  it('reads heredocs across lines behind the continuation prompt', async () => {
    const { text } = await transcript(["cat > note <<'EOF'", 'two words', 'EOF', 'wc -w note']);
    expect(text).toBe("root@lab:~# cat > note <<'EOF'\n> two words\n> EOF\nroot@lab:~# wc -w note\n2 note\n");
  });

  it('reports input that ends inside a command', async () => {
    const { text, status } = await transcript(["echo 'open"]);
    expect(text).toContain('unexpected end of file');
    expect(status).toBe(2);
  });
});

describe('CLI options', () => {
  it('parses --seed and rejects what it does not know', () => {
    expect(parseArgs(['--seed', '42'])).toEqual({ seed: 42, help: false, scenario: 'fresh-host', listScenarios: false });
    expect(parseArgs(['--seed=7', '--scenario', 'x'])).toEqual({ seed: 7, help: false, scenario: 'x', listScenarios: false });
    expect(parseArgs(['--seed', 'x'])).toEqual({ error: "--seed needs a whole number, got 'x'" });
    expect(parseArgs(['--nope'])).toEqual({ error: "unknown option '--nope'" });
  });

  it('runs as `npm run --silent sandbox` with piped stdin and exits with the last status', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/sandbox-cli.ts', '--seed', '3'], { input: 'echo ok\nfalse\n', encoding: 'utf8' });
    expect(run.stdout).toBe('root@lab:~# echo ok\nok\nroot@lab:~# false\n');
    expect(run.status).toBe(1);
    expect(execFileSync('npx', ['tsx', 'scripts/sandbox-cli.ts', '--help'], { encoding: 'utf8' })).toContain('--seed N');
    expect(execFileSync('npx', ['tsx', 'scripts/sandbox-cli.ts', '--list-scenarios'], { encoding: 'utf8' })).toMatch(/^fresh-host +one Ubuntu/m);
    const unknown = spawnSync('npx', ['tsx', 'scripts/sandbox-cli.ts', '--scenario', 'nope'], { input: '', encoding: 'utf8' });
    expect(unknown.stderr).toContain("unknown scenario 'nope'");
    expect(unknown.status).toBe(2);
  });
});
