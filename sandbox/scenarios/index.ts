/**
 * Starting scenarios: named, deterministic world builders that lessons declare in frontmatter and
 * the headless CLI takes with `--scenario`. Each builds from the seed alone, so a lesson's first
 * screen is the same for every student and in CI.
 */
import type { SandboxOptions } from '../index';
import { Sandbox } from '../index';

export interface Scenario {
  name: string;
  /** One line for `--list-scenarios`. */
  summary: string;
  build(options: SandboxOptions): Promise<Sandbox>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'fresh-host',
    summary: 'one Ubuntu 24.04 host, "lab", as it is after boot: systemd, sshd, containerd, dockerd and your login shell',
    build: (options) => Sandbox.create(options),
  },
  {
    name: 'nginx-running',
    summary: 'the fresh host with nginx pulled and a container "web" serving it on port 8080',
    build: async (options) => {
      const sandbox = await Sandbox.create(options);
      const result = await sandbox.console.run('docker run -d --name web -p 8080:80 nginx >/dev/null && clear');
      if (result.exitCode !== 0) throw new Error(`nginx-running: ${result.stderr}`);
      // The setup is not the student's: their history starts empty.
      sandbox.console.top.session.clearHistory();
      return sandbox;
    },
  },
  {
    name: 'hello-world-exited',
    summary: 'the fresh host after one `docker run hello-world`: the image pulled, its container exited and left behind',
    build: async (options) => {
      const sandbox = await Sandbox.create(options);
      const result = await sandbox.console.run('docker run hello-world >/dev/null && clear');
      if (result.exitCode !== 0) throw new Error(`hello-world-exited: ${result.stderr}`);
      // The setup is not the student's: their history starts empty.
      sandbox.console.top.session.clearHistory();
      return sandbox;
    },
  },
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
