import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';

describe('chown', () => {
  it("accepts root as owner (kubeadm's chown $(id -u):$(id -g)), and says plainly that other owners are not modelled", async () => {
    const sandbox = await Sandbox.create({ seed: 1, elapsed: () => 0 });
    const sh = sandbox.host.shell;
    await sh.run('touch /tmp/config');
    expect(await sh.run('chown $(id -u):$(id -g) /tmp/config')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect((await sh.run('chown -R root:root /tmp')).exitCode).toBe(0);
    expect(await sh.run('chown root /tmp/nope')).toMatchObject({ stderr: "chown: cannot access '/tmp/nope': No such file or directory\n", exitCode: 1 });
    expect(await sh.run('chown')).toMatchObject({ stderr: "chown: missing operand\nTry 'chown --help' for more information.\n", exitCode: 1 });
    const other = await sh.run('chown www-data /tmp/config');
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toMatch(/^dockyard: file owners are not modelled/);
  });
});
