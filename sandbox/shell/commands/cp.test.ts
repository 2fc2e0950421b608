import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';

async function shell() {
  const sandbox = await Sandbox.create({ seed: 1, elapsed: () => 0 });
  await sandbox.host.shell.run('echo new > /tmp/a; echo old > /tmp/b');
  return sandbox.host.shell;
}

describe('cp -i and -f', () => {
  it('asks before overwriting with -i, and keeps the file on no', async () => {
    const sh = await shell();
    const r = await sh.run('echo n | cp -i /tmp/a /tmp/b');
    expect(r.stderr).toBe("cp: overwrite '/tmp/b'? ");
    expect((await sh.run('cat /tmp/b')).stdout).toBe('old\n');
  });

  it('overwrites without asking with -f, --force, or -f after -i', async () => {
    for (const flags of ['-f', '--force', '-if', '-i -f']) {
      const sh = await shell();
      const r = await sh.run(`cp ${flags} /tmp/a /tmp/b`);
      expect(r).toMatchObject({ stderr: '', exitCode: 0 });
      expect((await sh.run('cat /tmp/b')).stdout).toBe('new\n');
    }
  });
});
