/**
 * The worker's side of the protocol, against the real sandbox, in Node: the worker module is
 * loaded with a stand-in for the worker global scope.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ResultMessage, SandboxSnapshot, WorkerMessage } from './protocol';

interface Harness {
  send(message: ClientMessage): void;
  next<T extends WorkerMessage['type']>(type: T, match?: (m: Extract<WorkerMessage, { type: T }>) => boolean): Promise<Extract<WorkerMessage, { type: T }>>;
  run(id: number, line: string): Promise<ResultMessage>;
  posted: WorkerMessage[];
}

async function loadWorker(): Promise<Harness> {
  vi.resetModules();
  const posted: WorkerMessage[] = [];
  const waiters: Array<() => void> = [];
  let listener: ((event: { data: ClientMessage }) => void) | null = null;
  (globalThis as unknown as { self: unknown }).self = {
    postMessage(message: WorkerMessage) {
      posted.push(message);
      for (const wake of waiters.splice(0)) wake();
    },
    addEventListener(_type: string, handler: typeof listener) {
      listener = handler;
    },
  };
  await import('./shell.worker');
  const harness: Harness = {
    posted,
    send: (message) => listener!({ data: message }),
    async next(type, match = () => true) {
      for (;;) {
        const index = posted.findIndex((m) => m.type === type && match(m as never));
        if (index !== -1) return posted.splice(index, 1)[0] as never;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async run(id, line) {
      harness.send({ type: 'run', id, line });
      return harness.next('result', (m) => m.id === id);
    },
  };
  return harness;
}

describe('shell worker', () => {
  let w: Harness;
  beforeEach(async () => {
    w = await loadWorker();
  });

  it('boots, says who and where the shell is, and runs lines with state kept between them', async () => {
    w.send({ type: 'boot' });
    const ready = await w.next('ready');
    expect(ready).toMatchObject({ prompt: 'root@lab:~# ', history: [], hostLabel: 'root@lab', restored: false });
    expect(await w.run(1, 'echo hi | tr a-z A-Z')).toMatchObject({ stdout: 'HI\n', exitCode: 0, continuation: false, prompt: 'root@lab:~# ', hostLabel: 'root@lab' });
    expect((await w.run(2, 'cd /tmp')).prompt).toBe('root@lab:/tmp# ');
    expect((await w.run(3, 'pwd')).stdout).toBe('/tmp\n');
    expect(await w.next('snapshot')).toBeDefined();
  });

  it('keeps an unfinished command across lines and runs it whole', async () => {
    w.send({ type: 'boot' });
    expect(await w.run(1, "cat > /tmp/f <<'EOF'")).toMatchObject({ continuation: true, prompt: '> ', stdout: '' });
    expect((await w.run(2, 'line one')).continuation).toBe(true);
    const done = await w.run(3, 'EOF');
    expect(done).toMatchObject({ continuation: false, exitCode: 0, prompt: 'root@lab:~# ' });
    expect((await w.run(4, 'cat /tmp/f')).stdout).toBe('line one\n');
  });

  it('forgets an unfinished command on cancel-input', async () => {
    w.send({ type: 'boot' });
    expect((await w.run(1, 'echo "abc')).continuation).toBe(true);
    w.send({ type: 'cancel-input' });
    expect(await w.run(2, 'echo fresh')).toMatchObject({ stdout: 'fresh\n', continuation: false });
  });

  it('interrupts a busy loop, even when the interrupt arrives before the run starts', async () => {
    w.send({ type: 'boot' });
    await w.next('ready');
    const started = performance.now();
    w.send({ type: 'run', id: 1, line: 'while true; do :; done' });
    setTimeout(() => w.send({ type: 'interrupt', id: 1 }), 100);
    const result = await w.next('result', (m) => m.id === 1);
    expect(result).toMatchObject({ interrupted: true, exitCode: 130 });
    expect(performance.now() - started).toBeLessThan(1500);

    w.send({ type: 'run', id: 2, line: 'while true; do :; done' });
    w.send({ type: 'interrupt', id: 2 });
    expect(await w.next('result', (m) => m.id === 2)).toMatchObject({ interrupted: true });
    // A late interrupt for a finished command does not touch the next one.
    w.send({ type: 'interrupt', id: 2 });
    expect(await w.run(3, 'echo $?')).toMatchObject({ stdout: '130\n', interrupted: false });
  });

  it('reports dropped lines for a flood of output', async () => {
    w.send({ type: 'boot' });
    const result = await w.run(1, 'seq 1 1000000');
    expect(result.droppedLines).toBe(995000);
    expect(result.stdout.endsWith('1000000\n')).toBe(true);
  });

  it('completes paths', async () => {
    w.send({ type: 'boot' });
    w.send({ type: 'complete', id: 7, line: 'cat /etc/os-r', cursor: 13 });
    expect(await w.next('completion')).toEqual({ type: 'completion', id: 7, start: 4, replacement: '/etc/os-release ', candidates: [] });
  });

  it('restores a world from a snapshot, and falls back to a fresh one when it cannot', async () => {
    w.send({ type: 'boot' });
    await w.run(1, 'cd /tmp && echo kept > note.txt');
    const { snapshot } = await w.next('snapshot');
    const json = JSON.parse(JSON.stringify(snapshot)) as SandboxSnapshot;

    const again = await loadWorker();
    again.send({ type: 'restore', snapshot: json });
    expect(await again.next('ready')).toMatchObject({ restored: true, prompt: 'root@lab:/tmp# ', history: ['cd /tmp && echo kept > note.txt'] });
    expect((await again.run(1, 'cat note.txt')).stdout).toBe('kept\n');

    const broken = await loadWorker();
    broken.send({ type: 'restore', snapshot: { ...json, version: 999 } as unknown as SandboxSnapshot });
    expect(await broken.next('ready')).toMatchObject({ restored: false, prompt: 'root@lab:~# ' });
  });
});
