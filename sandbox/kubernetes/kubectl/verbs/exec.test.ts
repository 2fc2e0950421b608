import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../index';
import { findScenario } from '../../../scenarios';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout + result.stderr, code: result.exitCode };
}

describe('kubectl exec', () => {
  it('runs a command in the container on its node, with kubectl 1.31 errors', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 11 });
    await run(sandbox, 'kubectl run web --image=nginx:1.27 && kubectl run bad --image=nosuch/x && sleep 8');
    expect(await run(sandbox, 'kubectl exec web -- hostname')).toEqual({ out: 'web\n', code: 0 });
    expect((await run(sandbox, 'kubectl exec web -- cat /etc/os-release')).out).toContain('Debian GNU/Linux 12 (bookworm)');
    expect(await run(sandbox, 'kubectl exec web ls')).toEqual({ out: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", code: 1 });
    expect(await run(sandbox, 'kubectl exec nope -- ls')).toEqual({ out: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await run(sandbox, 'kubectl exec web -c y -- ls')).toEqual({ out: 'Error from server (BadRequest): container y is not valid for pod web\n', code: 1 });
    expect(await run(sandbox, 'kubectl exec bad -- ls')).toEqual({ out: 'error: unable to upgrade connection: container not found ("bad")\n', code: 1 });
    expect(await run(sandbox, 'kubectl exec web -- false')).toEqual({ out: 'command terminated with exit code 1\n', code: 1 });
    expect((await run(sandbox, 'kubectl exec web -- nosuch')).out).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
  });

  it('-it sh nests a shell in the pod until exit; what it writes stays in the container', async () => {
    const sandbox = await findScenario('ready-cluster')!.build({ seed: 12 });
    await run(sandbox, 'kubectl create deployment web --image=nginx:1.27 && sleep 8');
    expect(await run(sandbox, 'kubectl exec -it deploy/web -- sh')).toEqual({ out: '', code: 0 });
    expect((await run(sandbox, 'hostname')).out).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    await run(sandbox, 'echo hi > /tmp/note');
    const prompt = sandbox.console.prompt();
    // A reload inside the pod's shell comes back to the same shell, on the container's files.
    const restored = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    expect(restored.console.prompt()).toBe(prompt);
    expect((await run(restored, 'cat /tmp/note; ls -1 /usr/share/nginx/html')).out).toBe('hi\n50x.html\nindex.html\n');
    expect(await run(restored, 'exit')).toEqual({ out: '', code: 0 });
    expect((await run(restored, 'hostname')).out).toBe('controlplane\n');
    await run(sandbox, 'exit');
    expect((await run(sandbox, 'hostname')).out).toBe('controlplane\n');
    expect((await run(sandbox, 'kubectl exec deploy/web -- cat /tmp/note')).out).toBe('hi\n');
  });
});
