import { describe, expect, it } from 'vitest';
import { Sandbox } from './index';
import { findScenario } from './scenarios';

describe('live output', () => {
  it('docker pull shows its layers while it runs when a terminal listens', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const seen: string[] = [];
    const result = await sandbox.console.run('docker pull nginx', undefined, (text) => seen.push(text));
    expect(result.stdout).toBe('');
    const shown = seen.join('');
    expect(shown).toMatch(/Using default tag: latest\nlatest: Pulling from library\/nginx\n([0-9a-f]{12}: Pulling fs layer \n){7}/);
    // Each layer's line is redrawn in place: up to it, erase it, write its new state, back down.
    expect(shown).toMatch(/\x1b\[7A\r\x1b\[2K[0-9a-f]{12}: Downloading +[\d.]+MB\/[\d.]+MB\x1b\[7B\r/);
    expect(shown).toMatch(/\x1b\[1A\r\x1b\[2K[0-9a-f]{12}: Pull complete \x1b\[1B\r/);
    expect(shown).toMatch(/Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:latest\ndocker.io\/library\/nginx:latest\n$/);
  });

  it('docker run draws the pull of a missing image the same way, after saying it is not there', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const seen: string[] = [];
    await sandbox.console.run('docker run --rm alpine true', undefined, (text) => seen.push(text));
    expect(seen.join('')).toMatch(/^Unable to find image 'alpine:latest' locally\nlatest: Pulling from library\/alpine\n[0-9a-f]{12}: Pulling fs layer \n[\s\S]*Pull complete [\s\S]*Status: Downloaded newer image for alpine:latest\n$/);
  });

  it('clear goes out at once, so a streaming command after it on the same line keeps what it drew', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const seen: string[] = [];
    const result = await sandbox.console.run('clear; docker pull alpine', undefined, (text) => seen.push(text));
    expect(seen[0]).toBe('\u001b[H\u001b[2J\u001b[3J');
    expect(seen.join('')).toMatch(/Status: Downloaded newer image for alpine:latest\n/);
    expect(result.stdout).toBe('');
    expect((await sandbox.console.run('clear > /tmp/seq; wc -c < /tmp/seq')).stdout).toBe('11\n');
  });

  it('kubectl streams what it waits for to a terminal, and into a pipe when piped', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
    const seen: string[] = [];
    const live = await sandbox.console.run('kubectl wait --for=condition=Ready node node01', undefined, (text) => seen.push(text));
    expect([seen.join(''), live.stdout]).toEqual(['node/node01 condition met\n', '']);
    seen.length = 0;
    const piped = await sandbox.console.run('kubectl wait --for=condition=Ready node node01 | tr a-z A-Z', undefined, (text) => seen.push(text));
    expect([seen.join(''), piped.stdout]).toEqual(['', 'NODE/NODE01 CONDITION MET\n']);
  });

  it('piped, the same output comes back with the result instead', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const seen: string[] = [];
    const result = await sandbox.console.run('docker pull nginx | tail -1', undefined, (text) => seen.push(text));
    expect(seen).toEqual([]);
    expect(result.stdout).toBe('docker.io/library/nginx:latest\n');
  });

  it('a server in the foreground holds the terminal with its logs until Ctrl-C, then stops', async () => {
    const sandbox = await Sandbox.create({ seed: 1, elapsed: () => performance.now() });
    await sandbox.console.run('docker pull nginx');
    const seen: string[] = [];
    const controller = new AbortController();
    const running = sandbox.console.run('docker run --name web -p 8080:80 nginx', controller.signal, (text) => seen.push(text));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.join('')).toContain('Configuration complete; ready for start up');
    controller.abort();
    const result = await running;
    expect(result.interrupted).toBe(true);
    expect((await sandbox.console.run('docker ps -a --format "{{.Names}} {{.Status}}"')).stdout).toMatch(/^web Exited \(0\)/);
  });
});

describe('live build progress', () => {
  it('shows each step as it completes, in the same words as the full transcript', async () => {
    const quiet = await Sandbox.create({ seed: 4 });
    const loud = await Sandbox.create({ seed: 4 });
    const setup = `mkdir /app && cd /app && echo flask > requirements.txt && printf 'FROM python:3.12-slim\\nWORKDIR /app\\nCOPY requirements.txt .\\nRUN pip install -r requirements.txt\\n' > Dockerfile`;
    await quiet.console.run(setup);
    await loud.console.run(setup);
    const whole = await quiet.console.run('docker build -t demo .');
    const seen: string[] = [];
    const streamed = await loud.console.run('docker build -t demo .', undefined, (text) => seen.push(text));
    expect(streamed.stdout).toBe('');
    expect(seen.length).toBeGreaterThan(4);
    const blocks = (text: string) => text.split('\n\n').map((b) => b.replace(/^#\d+ /gm, '').trim()).filter(Boolean).sort();
    expect(blocks(seen.join(''))).toEqual(blocks(whole.stdout));
  });
});
