import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../index';
import { findScenario } from '../../scenarios';
import { programsSettled } from './pod-program';

async function run(sandbox: Sandbox, line: string): Promise<{ out: string; err: string; code: number }> {
  const result = await sandbox.console.run(line);
  return { out: result.stdout, err: result.stderr, code: result.exitCode };
}

// An Express app whose image has no node_modules: `node server.js` exits at once.
const SERVER = 'const express = require("express");\\nconst app = express();\\napp.get("/", (req, res) => res.send("hi"));\\napp.listen(8080);\\n';
const DOCKERFILE = 'FROM node:20-alpine\\nWORKDIR /app\\nCOPY server.js .\\nCMD ["node", "server.js"]\\n';
const CRASH = /^node:internal\/modules\/cjs\/loader:1228\n  throw err;\n  \^\n\nError: Cannot find module 'express'\nRequire stack:\n- \/app\/server\.js\n/;

async function crashyDeployment(): Promise<{ sandbox: Sandbox; pod: string }> {
  const sandbox = await findScenario('ready-cluster')!.build({ seed: 1 });
  await run(sandbox, 'mkdir app && cd app');
  await run(sandbox, `printf '${SERVER}' > server.js && printf '${DOCKERFILE}' > Dockerfile`);
  expect((await run(sandbox, 'docker build -q -t crashy:v1 . && docker save -o crashy.tar crashy:v1')).code).toBe(0);
  for (const node of ['node01', 'node02']) await run(sandbox, `scp crashy.tar ${node}: && ssh ${node} ctr -n k8s.io images import crashy.tar`);
  await run(sandbox, 'kubectl create deployment crashy --image=crashy:v1 && sleep 6');
  // The app's first run has its moment to start (and fail), as the student's next keystrokes would give it.
  await programsSettled(sandbox.host);
  const pod = (await run(sandbox, 'kubectl get pods -o name')).out.trim().replace('pod/', '');
  return { sandbox, pod };
}

describe('a container whose program exits by itself', () => {
  it('is restarted with back-off into CrashLoopBackOff; logs show the crash, --previous the run before', async () => {
    const { sandbox, pod } = await crashyDeployment();
    await run(sandbox, 'sleep 60');
    // Crashed as it started (6 s), restarted at 16 s and 36 s (back-off 10 s, 20 s); the next is due at 76 s.
    expect((await run(sandbox, 'kubectl get pods --no-headers')).out).toMatch(new RegExp(`^${pod} +0/1 +CrashLoopBackOff +2 \\(\\S+ ago\\) +66s\\n$`));
    const state = JSON.parse((await run(sandbox, `kubectl get pod ${pod} -o jsonpath="{.status.containerStatuses[0].lastState}"`)).out);
    expect(state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect((await run(sandbox, `kubectl logs ${pod}`)).out).toMatch(CRASH);
    expect((await run(sandbox, `kubectl logs ${pod} --previous`)).out).toMatch(CRASH);
    // Each run has its own log on the node, as the CRI keeps them.
    const node = (await run(sandbox, `kubectl get pod ${pod} -o jsonpath={.spec.nodeName}`)).out;
    const uid = (await run(sandbox, `kubectl get pod ${pod} -o jsonpath={.metadata.uid}`)).out;
    expect((await run(sandbox, `ssh ${node} ls -1 /var/log/pods/default_${pod}_${uid}/crashy`)).out).toBe('0.log\n1.log\n2.log\n');
    const events = (await run(sandbox, 'kubectl get events --field-selector reason=BackOff')).out;
    expect(events).toContain(`Back-off restarting failed container crashy in pod ${pod}_default(${uid})`);
    expect((await run(sandbox, 'kubectl get deployment crashy --no-headers')).out).toMatch(/^crashy +0\/1 +1 +0 /);
  });

  it('keeps crashing after a snapshot and restore, from what its node remembers', async () => {
    const { sandbox, pod } = await crashyDeployment();
    const restored = await Sandbox.restore(JSON.parse(JSON.stringify(await sandbox.snapshot())));
    await run(restored, 'sleep 60');
    expect((await run(restored, 'kubectl get pods --no-headers')).out).toMatch(new RegExp(`^${pod} +0/1 +CrashLoopBackOff +2 `));
  });
});
