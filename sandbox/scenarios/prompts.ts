/**
 * The prompt each scenario's terminal opens with, known before any world is built, so the page can
 * paint it at once. A test builds every scenario and checks its first prompt against this table.
 */
export const INITIAL_PROMPTS: Record<string, string> = {
  'fresh-host': 'root@lab:~# ',
  'nginx-running': 'root@lab:~# ',
  'hello-world-exited': 'root@lab:~# ',
  'three-fresh-hosts': 'root@controlplane:~# ',
  'ready-cluster': 'root@controlplane:~# ',
  'cluster-with-app': 'root@controlplane:~# ',
};

export function initialPrompt(scenario: string): string {
  return INITIAL_PROMPTS[scenario] ?? 'root@lab:~# ';
}
