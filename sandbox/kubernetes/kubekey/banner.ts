/**
 * What kk v3.1 prints before it asks to go on: its logo, and the ConfirmModule's table of the
 * tools each node has, then the requirements notice. The lab's hosts are Ubuntu 24.04 servers
 * with containerd and Docker installed and the tools Kubernetes needs (socat, conntrack) present.
 */
export const GREETING_BANNER = `

 _   __      _          _   __           
| | / /     | |        | | / /           
| |/ / _   _| |__   ___| |/ /  ___ _   _ 
|    \\| | | | '_ \\ / _ \\    \\ / _ \\ | | |
| |\\  \\ |_| | |_) |  __/ |\\  \\  __/ |_| |
\\_| \\_/\\__,_|_.__/ \\___\\_| \\_/\\___|\\__, |
                                    __/ |
                                   |___/

`;

const COLUMNS = ['name', 'sudo', 'curl', 'openssl', 'ebtables', 'socat', 'ipset', 'ipvsadm', 'conntrack', 'chrony', 'docker', 'containerd', 'nfs client', 'ceph client', 'glusterfs client', 'time'];
/** What `which` finds on the lab's hosts, column by column (name and time come per node). */
const PRESENT: Record<string, string> = { sudo: 'y', curl: 'y', openssl: 'y', ebtables: '', socat: 'y', ipset: '', ipvsadm: '', conntrack: 'y', chrony: '', docker: 'y', containerd: 'y', 'nfs client': '', 'ceph client': '', 'glusterfs client': '' };

export function confirmationForm(nodes: string[], time: string, version: string): string {
  const rows = nodes.map((name) => COLUMNS.map((c) => (c === 'name' ? name : c === 'time' ? `UTC ${time}` : PRESENT[c])));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const row = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |\n`;
  return `${rule}${row(COLUMNS)}${rule}${rows.map(row).join('')}${rule}
This is a simple check of your environment.
Before installation, ensure that your machines meet all requirements specified at
https://github.com/kubesphere/kubekey#requirements-and-recommendations

Install k8s with specify version:  ${version}

`;
}
