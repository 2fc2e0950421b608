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

  it('serves a lesson: checks its exercises after boot and after each command, in the page\'s language', async () => {
    w.send({ type: 'boot', context: { lesson: 'welcome', locale: 'en', scenario: 'fresh-host' } });
    await w.next('ready');
    const first = await w.next('exercises');
    expect(first.reports.map((r) => r.id)).toEqual(['leave-a-note', 'make-a-workspace', 'which-release']);
    expect(first.reports[0]).toEqual({ id: 'leave-a-note', passed: false, missing: 'There is no notes.txt in /root yet.', matchedHint: null });

    await w.run(1, 'mkdir ~/projects');
    const afterMkdir = await w.next('exercises');
    // A hint check matched: the directory exists but the shell is not in it.
    expect(afterMkdir.reports[1]).toMatchObject({ passed: false, matchedHint: 1, missing: '/root/projects exists, but the shell is in /root.' });
    await w.next('snapshot');

    await w.run(2, "cat > ~/notes.txt <<'EOF'");
    await w.run(3, 'Hello, Dockyard');
    await w.run(4, 'EOF');
    const afterHeredoc = await w.next('exercises');
    expect(afterHeredoc.reports[0]).toEqual({ id: 'leave-a-note', passed: true, missing: null, matchedHint: null });
  });

  it('hands the editor requests of `code FILE` to the page, and saves, reads and lists files for it', async () => {
    w.send({ type: 'boot', context: { lesson: 'welcome', locale: 'en', scenario: 'fresh-host' } });
    await w.next('exercises');
    expect((await w.run(1, 'code notes.txt')).requests).toEqual([{ kind: 'edit', path: '/root/notes.txt', content: '', exists: false }]);
    expect((await w.run(2, 'echo hi')).requests).toBeUndefined();
    await w.next('exercises');
    await w.next('exercises');

    w.send({ type: 'write-file', id: 10, path: 'notes.txt', content: 'Hello, Dockyard\n' });
    expect(await w.next('written')).toEqual({ type: 'written', id: 10, ok: true });
    expect((await w.next('exercises')).reports[0].passed).toBe(true);
    expect(await w.next('snapshot')).toBeDefined();
    expect((await w.run(3, 'cat ~/notes.txt')).stdout).toBe('Hello, Dockyard\n');

    w.send({ type: 'write-file', id: 11, path: '/etc', content: 'x' });
    expect(await w.next('written')).toEqual({ type: 'written', id: 11, ok: false, error: '/etc: Is a directory' });
    w.send({ type: 'write-file', id: 17, path: '/no/such/dir/f.txt', content: 'x' });
    expect(await w.next('written')).toEqual({ type: 'written', id: 17, ok: false, error: '/no/such/dir/f.txt: No such file or directory' });

    w.send({ type: 'read-file', id: 12, path: '../root/./notes.txt' });
    expect(await w.next('file')).toEqual({ type: 'file', id: 12, path: '/root/notes.txt', content: 'Hello, Dockyard\n', exists: true });
    w.send({ type: 'read-file', id: 18, path: 'missing.txt' });
    expect(await w.next('file')).toEqual({ type: 'file', id: 18, path: '/root/missing.txt', content: '', exists: false });
    w.send({ type: 'read-file', id: 13, path: 'welcome.txt' });
    expect(await w.next('file')).toMatchObject({ id: 13, path: '/root/welcome.txt', exists: true });
    w.send({ type: 'read-file', id: 14, path: '/tmp' });
    expect(await w.next('file')).toMatchObject({ id: 14, exists: true, error: '/tmp: Is a directory' });

    await w.run(4, 'mkdir -p ~/projects/app && touch ~/.hidden');
    w.send({ type: 'list-dir', id: 15 });
    expect(await w.next('listing')).toEqual({
      type: 'listing',
      id: 15,
      path: '/root',
      entries: [
        { name: 'projects', directory: true },
        { name: 'notes.txt', directory: false },
        { name: 'welcome.txt', directory: false },
      ],
    });
    w.send({ type: 'list-dir', id: 16, path: '/nowhere' });
    expect(await w.next('listing')).toMatchObject({ id: 16, entries: [], error: expect.any(String) });
  });
});

