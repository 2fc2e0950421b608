import { describe, expect, it } from 'vitest';
import { Sandbox } from './index';

describe('live output', () => {
  it('docker pull shows its layers while it runs when a terminal listens', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const seen: string[] = [];
    const result = await sandbox.console.run('docker pull nginx', undefined, (text) => seen.push(text));
    expect(result.stdout).toBe('');
    expect(seen.join('')).toMatch(/Using default tag: latest\nlatest: Pulling from library\/nginx\n[0-9a-f]{12}: Pull complete \n/);
    expect(seen.length).toBeGreaterThan(5);
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
