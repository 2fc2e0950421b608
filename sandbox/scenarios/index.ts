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
    summary: 'one Ubuntu 24.04 host, "lab", as it is after boot: systemd, sshd, containerd and your login shell',
    build: (options) => Sandbox.create(options),
  },
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
