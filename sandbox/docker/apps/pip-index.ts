/** The offline package index pip installs from: a few packages the course uses, with their deps. */
export interface PipPackage {
  name: string;
  version: string;
  /** Import name (directory under site-packages). */
  module: string;
  requires: string[];
  wheelKiB: number;
}

export const PIP_INDEX: PipPackage[] = [
  { name: 'flask', version: '3.1.0', module: 'flask', requires: ['werkzeug', 'jinja2', 'itsdangerous', 'click', 'blinker'], wheelKiB: 102 },
  { name: 'werkzeug', version: '3.1.3', module: 'werkzeug', requires: ['markupsafe'], wheelKiB: 224 },
  { name: 'jinja2', version: '3.1.4', module: 'jinja2', requires: ['markupsafe'], wheelKiB: 133 },
  { name: 'markupsafe', version: '3.0.2', module: 'markupsafe', requires: [], wheelKiB: 23 },
  { name: 'itsdangerous', version: '2.2.0', module: 'itsdangerous', requires: [], wheelKiB: 16 },
  { name: 'click', version: '8.1.7', module: 'click', requires: [], wheelKiB: 97 },
  { name: 'blinker', version: '1.9.0', module: 'blinker', requires: [], wheelKiB: 8 },
  { name: 'requests', version: '2.32.3', module: 'requests', requires: ['charset-normalizer', 'idna', 'urllib3', 'certifi'], wheelKiB: 63 },
  { name: 'charset-normalizer', version: '3.4.0', module: 'charset_normalizer', requires: [], wheelKiB: 49 },
  { name: 'idna', version: '3.10', module: 'idna', requires: [], wheelKiB: 70 },
  { name: 'urllib3', version: '2.2.3', module: 'urllib3', requires: [], wheelKiB: 126 },
  { name: 'certifi', version: '2024.8.30', module: 'certifi', requires: [], wheelKiB: 167 },
  { name: 'gunicorn', version: '23.0.0', module: 'gunicorn', requires: ['packaging'], wheelKiB: 85 },
  { name: 'packaging', version: '24.2', module: 'packaging', requires: [], wheelKiB: 65 },
];

/** Display names as pip prints them in "Successfully installed". */
export const DISPLAY: Record<string, string> = { werkzeug: 'Werkzeug', jinja2: 'Jinja2', markupsafe: 'MarkupSafe' };

export function findPackage(requirement: string): PipPackage | undefined {
  const name = requirement.trim().split(/[<>=!~\s[]/)[0].toLowerCase().replace(/_/g, '-');
  return PIP_INDEX.find((p) => p.name === name);
}
