import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ReadyMessage, ResultMessage, SandboxSnapshot, WorkerMessage } from './protocol';
import { ShellClient, type ShellClientEvents, type ShellClientOptions, type WorkerLike } from './shell-client';

class FakeWorker implements WorkerLike {
  received: ClientMessage[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: ClientMessage) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(message: WorkerMessage) {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
  ready(prompt = 'root@lab:~# ') {
    this.emit({ type: 'ready', prompt, history: [], hostLabel: 'root@lab', restored: false });
  }
}

const snapshot = { version: 2, seed: 1, randomState: 5, hosts: [] } as unknown as SandboxSnapshot;

function result(id: number, stdout = ''): ResultMessage {
  return { type: 'result', id, stdout, stderr: '', exitCode: 0, interrupted: false, droppedLines: 0, prompt: 'root@lab:~# ', continuation: false, hostLabel: 'root@lab' };
}

function setup(options: Partial<Pick<ShellClientOptions, 'maxFailedStarts' | 'context' | 'snapshot' | 'fileTimeoutMs' | 'worker'>> = {}) {
  const workers: FakeWorker[] = [];
  const ready: ReadyMessage[] = [];
  const events: ShellClientEvents & { restartedWith: string[]; unavailableCalls: number } = {
    restartedWith: [],
    unavailableCalls: 0,
    ready: (info) => ready.push(info),
    restarted(reason) {
      this.restartedWith.push(reason);
    },
    unavailable() {
      this.unavailableCalls++;
    },
  };
  const client = new ShellClient({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    events,
    ...options,
  });
  return { client, workers, ready, events, last: () => workers[workers.length - 1] };
}

describe('ShellClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts one worker lazily, boots it, and resolves runs by id', async () => {
    const { client, workers, ready, last } = setup();
    expect(workers).toHaveLength(0);
    client.start();
    client.start();
    expect(workers).toHaveLength(1);
    expect(last().received).toEqual([{ type: 'boot' }]);
    last().ready();
    expect(ready).toHaveLength(1);
    const outcome = client.run('echo hi');
    expect(last().received[1]).toEqual({ type: 'run', id: 1, line: 'echo hi' });
    last().emit(result(99, 'stray'));
    last().emit(result(1, 'hi\n'));
    await expect(outcome).resolves.toMatchObject({ status: 'done', stdout: 'hi\n' });
  });

  it('keeps the latest snapshot', () => {
    const { client, last } = setup();
    client.start();
    last().emit({ type: 'snapshot', snapshot });
    expect(client.snapshot).toBe(snapshot);
  });

  it('interrupts, and restarts the worker from the latest snapshot when Ctrl-C goes unanswered', async () => {
    const { client, workers, events, last } = setup();
    client.start();
    const first = last();
    first.ready();
    first.emit({ type: 'snapshot', snapshot });
    const outcome = client.run('while true; do :; done');
    client.interrupt();
    expect(first.received.at(-1)).toEqual({ type: 'interrupt', id: 1 });
    vi.advanceTimersByTime(1400);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(first.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(last().received).toEqual([{ type: 'restore', snapshot }]);
    first.emit(result(1)); // the old worker is gone: ignored
    last().ready('root@lab:/tmp# ');
    await expect(outcome).resolves.toEqual({ status: 'restarted', prompt: 'root@lab:/tmp# ' });
    expect(events.restartedWith).toEqual([]); // the run's outcome tells it
    const next = client.run('pwd');
    last().emit(result(2, '/tmp\n'));
    await expect(next).resolves.toMatchObject({ status: 'done' });
  });

  it('does not restart when the interrupt is answered in time', async () => {
    const { client, workers, last } = setup();
    client.start();
    last().ready();
    const outcome = client.run('sleep 100');
    client.interrupt();
    vi.advanceTimersByTime(300);
    last().emit({ ...result(1), interrupted: true, exitCode: 130 });
    await expect(outcome).resolves.toMatchObject({ status: 'done', exitCode: 130 });
    vi.advanceTimersByTime(5000);
    expect(workers).toHaveLength(1);
  });

  it('replaces a worker that crashes while idle, and says so once the new one is ready', () => {
    const { client, workers, events, last } = setup();
    client.start();
    last().ready();
    last().onerror?.(new Event('error'));
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(events.restartedWith).toEqual([]);
    last().ready();
    expect(events.restartedWith).toEqual(['crashed']);
  });

  it('gives up after repeated failed starts and reports the shell unavailable', async () => {
    const { client, workers, events, last } = setup({ maxFailedStarts: 2 });
    client.start();
    const outcome = client.run('ls');
    last().emit({ type: 'failed', message: 'boom' });
    last().emit({ type: 'failed', message: 'boom' });
    last().emit({ type: 'failed', message: 'boom' });
    expect(workers).toHaveLength(3);
    expect(events.unavailableCalls).toBe(1);
    await expect(outcome).resolves.toEqual({ status: 'unavailable' });
    await expect(client.run('ls')).resolves.toEqual({ status: 'unavailable' });
  });

  it('gives up on a completion that takes too long, and settles completions on restart', async () => {
    const { client, last } = setup();
    client.start();
    last().ready();
    const slow = client.complete('cat /et', 7);
    vi.advanceTimersByTime(3000);
    await expect(slow).resolves.toEqual({ start: 7, replacement: '', candidates: [] });
    const pending = client.complete('ls', 2);
    last().onerror?.(new Event('error'));
    await expect(pending).resolves.toEqual({ start: 2, replacement: '', candidates: [] });
  });

  it('answers completions by id', async () => {
    const { client, last } = setup();
    client.start();
    last().ready();
    const completion = client.complete('hostn', 5);
    last().emit({ type: 'completion', id: 1, start: 0, replacement: 'hostname ', candidates: [] });
    await expect(completion).resolves.toEqual({ start: 0, replacement: 'hostname ', candidates: [] });
  });

  it('terminates the worker on dispose', () => {
    const { client, last } = setup();
    client.start();
    client.dispose();
    expect(last().terminated).toBe(true);
  });

  it('tells the worker which lesson it serves, and reports a finished command before its checks', async () => {
    const context = { lesson: 'welcome', locale: 'en', scenario: 'fresh-host' };
    const { client, last, events } = setup({ context });
    const order: string[] = [];
    events.finished = (line) => order.push(`finished ${line}`);
    events.exercises = (reports) => order.push(`exercises ${reports.length}`);
    client.start();
    expect(last().received).toEqual([{ type: 'boot', context }]);
    last().ready();
    const first = client.run("cat > f <<'EOF'");
    last().emit({ ...result(1), continuation: true, prompt: '> ' });
    await first;
    const second = client.run('EOF');
    last().emit(result(2));
    last().emit({ type: 'exercises', reports: [{ id: 'a', passed: true, missing: null, matchedHint: null }] });
    await second;
    // The line that left the command unfinished is not a finished command.
    expect(order).toEqual(['finished EOF', 'exercises 1']);
  });

  it('reports a saved world that could not be restored, and never sends it again', () => {
    const { client, workers, last, events } = setup({ snapshot });
    let failed = 0;
    events.restoreFailed = () => failed++;
    client.start();
    expect(last().received).toEqual([{ type: 'restore', snapshot }]);
    last().emit({ type: 'ready', prompt: 'root@lab:~# ', history: [], hostLabel: 'root@lab', restored: false });
    expect(failed).toBe(1);
    expect(client.snapshot).toBeUndefined();
    last().onerror?.(new Event('error'));
    expect(workers).toHaveLength(2);
    expect(last().received).toEqual([{ type: 'boot' }]);
    last().ready();
    expect(failed).toBe(1);
  });

  it('sends an earlier lesson\'s world as such only once: a restart restores the lesson\'s own', () => {
    const context = { lesson: 'later', locale: 'en', scenario: 'cluster-with-app', carriedFrom: 'earlier' };
    const { client, last, events } = setup({ context, snapshot });
    let failed = 0;
    events.restoreFailed = () => failed++;
    client.start();
    expect(last().received).toEqual([{ type: 'restore', snapshot, context }]);
    last().emit({ type: 'ready', prompt: 'root@controlplane:~# ', history: [], hostLabel: 'root@controlplane', restored: true, carried: true });
    last().emit({ type: 'snapshot', snapshot: { ...snapshot, randomState: 6 } as SandboxSnapshot });
    last().onerror?.(new Event('error'));
    expect(last().received).toEqual([{ type: 'restore', snapshot: { ...snapshot, randomState: 6 }, context: { lesson: 'later', locale: 'en', scenario: 'cluster-with-app' } }]);
    expect(failed).toBe(0);
  });

  it('an earlier lesson\'s world the lesson does not take over is no failed restore', () => {
    const { client, last, events } = setup({ context: { lesson: 'later', locale: 'en', scenario: 's', carriedFrom: 'earlier' }, snapshot });
    let failed = 0;
    events.restoreFailed = () => failed++;
    client.start();
    last().emit({ type: 'ready', prompt: 'root@controlplane:~# ', history: [], hostLabel: 'root@controlplane', restored: false });
    expect(failed).toBe(0);
    expect(client.snapshot).toBeUndefined();
  });

  it('answers file requests by id, and gives up on them when the worker goes', async () => {
    const { client, last } = setup({ fileTimeoutMs: 1000 });
    client.start();
    last().ready();
    const write = client.writeFile('/root/a.txt', 'hi');
    expect(last().received.at(-1)).toEqual({ type: 'write-file', id: 1, path: '/root/a.txt', content: 'hi' });
    last().emit({ type: 'written', id: 1, ok: true });
    await expect(write).resolves.toEqual({ ok: true, error: undefined });

    const read = client.readFile('a.txt');
    last().emit({ type: 'file', id: 2, path: '/root/a.txt', content: 'hi', exists: true });
    await expect(read).resolves.toEqual({ path: '/root/a.txt', content: 'hi', exists: true, error: undefined });

    const list = client.listDir();
    expect(last().received.at(-1)).toEqual({ type: 'list-dir', id: 3, path: undefined });
    last().emit({ type: 'listing', id: 3, path: '/root', entries: [{ name: 'a.txt', directory: false }] });
    await expect(list).resolves.toMatchObject({ path: '/root', entries: [{ name: 'a.txt', directory: false }] });

    const slow = client.writeFile('/root/b.txt', '');
    vi.advanceTimersByTime(1000);
    await expect(slow).resolves.toEqual({ ok: false, error: 'the shell did not answer' });
    const lost = client.listDir('/tmp');
    last().onerror?.(new Event('error'));
    await expect(lost).resolves.toMatchObject({ entries: [], error: 'the shell did not answer' });
  });

  it('resets to a fresh world: the running command ends as reset, the new worker boots', async () => {
    const { client, workers, last } = setup();
    client.start();
    last().ready();
    last().emit({ type: 'snapshot', snapshot });
    const running = client.run('sleep 100');
    client.reset();
    await expect(running).resolves.toEqual({ status: 'reset' });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(last().received).toEqual([{ type: 'boot' }]);
    expect(client.snapshot).toBeUndefined();
  });

  it('uses a worker started early for its first spawn, and terminates it if never used', () => {
    const early = new FakeWorker();
    const { client, workers } = setup({ worker: early });
    client.start();
    expect(workers).toHaveLength(0);
    expect(early.received).toEqual([{ type: 'boot' }]);
    early.onerror?.(new Event('error'));
    expect(workers).toHaveLength(1); // replacements are new workers

    const unused = new FakeWorker();
    setup({ worker: unused }).client.dispose();
    expect(unused.terminated).toBe(true);
  });
});

