/**
 * The simulated host through the real page: namespaces, a cgroup's OOM kill and an overlay mounted
 * by hand, typed into the terminal as a student would (issue: the simulated Linux host).
 */
import { expect, test } from '@playwright/test';
import { expectScreen, terminal, typeLine, waitForPrompt } from './terminal';

const LESSON = '/en/welcome/';

test.beforeEach(async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
});

test('a shell in new pid and uts namespaces sees itself as PID 1 and its own hostname', async ({ page }) => {
  await typeLine(page, 'unshare --uts --pid --fork --mount-proc bash');
  await typeLine(page, 'hostname demo');
  await expectScreen(page, 'root@demo:~#');
  await typeLine(page, 'ps aux');
  await expectScreen(page, /\nroot +1 .* bash\n/);
  await typeLine(page, 'exit');
  await typeLine(page, 'hostname');
  await expectScreen(page, /root@lab:~# hostname\nlab\n/);
});

test('a process in a cgroup with memory.max is OOM-killed and the kill is counted', async ({ page }) => {
  await typeLine(page, 'mkdir /sys/fs/cgroup/demo');
  await typeLine(page, 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs');
  await typeLine(page, 'echo 50M > /sys/fs/cgroup/demo/memory.max');
  await typeLine(page, 'stress --vm 1 --vm-bytes 100M');
  await expectScreen(page, 'got signal 9');
  await typeLine(page, 'clear; cat /sys/fs/cgroup/demo/memory.events');
  await expectScreen(page, /\noom_kill 1\n/);
});

test('an overlay mounted by hand copies up on write and leaves a whiteout on delete', async ({ page }) => {
  await typeLine(page, 'mkdir /lower /upper /work /merged; echo base > /lower/a; echo old > /lower/b');
  await typeLine(page, 'mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper,workdir=/work /merged');
  await typeLine(page, 'echo more >> /merged/a; rm /merged/b');
  await typeLine(page, 'clear; ls -l /upper');
  await expectScreen(page, /-rw-r--r-- 1 root root +\d+ .* a\n/);
  await expectScreen(page, /c--------- 1 root root 0, 0 .* b\n/);
  await expect(terminal(page)).toHaveAttribute('data-shell-state', 'idle');
});

test("the outline's homework: a Flask app built into an image answers curl from its own code", async ({ page }) => {
  test.setTimeout(90_000);
  await typeLine(page, 'mkdir app && cd app && echo flask > requirements.txt');
  await typeLine(page, `printf 'from flask import Flask\\napp = Flask(__name__)\\n@app.route("/")\\ndef hi():\\n    return "Hello from my own code"\\napp.run(host="0.0.0.0", port=8080)\\n' > app.py`);
  await typeLine(page, `printf 'FROM python:3.12-slim\\nWORKDIR /app\\nCOPY requirements.txt .\\nRUN pip install -r requirements.txt\\nCOPY . .\\nCMD ["python3", "app.py"]\\n' > Dockerfile`);
  await typeLine(page, 'docker build -t flask-hello-world .');
  await expectScreen(page, 'naming to docker.io/library/flask-hello-world:latest done');
  await typeLine(page, 'clear; docker run -d -p 8080:8080 flask-hello-world');
  await typeLine(page, 'curl -s localhost:8080; echo');
  await expectScreen(page, /\nHello from my own code\n/);
});

test('a container in the foreground shows its logs live and stops on Ctrl-C', async ({ page }) => {
  await typeLine(page, 'docker pull nginx');
  await expectScreen(page, 'Status: Downloaded newer image for nginx:latest');
  await terminal(page).locator('.xterm').click();
  await page.keyboard.type('clear; docker run --name web nginx');
  await page.keyboard.press('Enter');
  await expectScreen(page, 'Configuration complete; ready for start up');
  await expect(terminal(page)).toHaveAttribute('data-shell-state', 'busy');
  await page.keyboard.press('Control+C');
  await waitForPrompt(page);
  await typeLine(page, 'clear; docker ps -a --format "{{.Names}} {{.Status}}"');
  await expectScreen(page, /^web Exited \(0\)/m);
});

test('an Express app built with npm install answers curl, and a read-only bind mount refuses writes', async ({ page }) => {
  test.setTimeout(90_000);
  await typeLine(page, `mkdir api && cd api && echo '{"name":"api","version":"1.0.0","dependencies":{"express":"^4.21.2"}}' > package.json`);
  await typeLine(page, `printf "const express = require('express');\\nconst app = express();\\napp.get('/', (req, res) => res.send('Hello from Express'));\\napp.listen(3000);\\n" > server.js`);
  await typeLine(page, `printf 'FROM node:20-alpine\\nWORKDIR /app\\nCOPY package.json .\\nRUN npm install\\nCOPY . .\\nCMD ["node", "server.js"]\\n' > Dockerfile`);
  await typeLine(page, 'docker build -t api .');
  await expectScreen(page, 'added 65 packages, and audited 66 packages');
  await expectScreen(page, 'naming to docker.io/library/api:latest done');
  await typeLine(page, 'clear; docker run -d --name api -p 3000:3000 -v /root/api:/src:ro api');
  await typeLine(page, 'curl -s localhost:3000; echo');
  await expectScreen(page, /\nHello from Express\n/);
  await typeLine(page, 'docker exec api touch /src/new');
  await expectScreen(page, "touch: cannot touch '/src/new': Read-only file system");
  await page.screenshot({ path: test.info().outputPath('express.png') });
});
