/**
 * The files every simulated host starts with: enough of an Ubuntu 24.04 server for a student to
 * look around (`cat /etc/os-release`, `ls /home`, `cat ~/welcome.txt`) without finding a toy.
 * just-bash adds /bin, /usr/bin (one entry per command), /dev and /proc on top of this.
 */
import type { InMemoryFs } from 'just-bash';

export interface HostIdentity {
  hostname: string;
  /** The host's address on its LAN, written into /etc/hosts. */
  address: string;
  /** The other hosts of the lab, listed in /etc/hosts so they are reachable by name. */
  peers?: { hostname: string; address: string }[];
}

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
messagebus:x:100:102::/nonexistent:/usr/sbin/nologin
sshd:x:101:65534::/run/sshd:/usr/sbin/nologin
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
www-data:x:33:
users:x:100:
nogroup:x:65534:
docker:x:999:
`;

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
export LS_OPTIONS='--color=auto'
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'
`;

const PROFILE = `# ~/.profile: executed by Bourne-compatible login shells.
if [ "$BASH" ]; then
  if [ -f ~/.bashrc ]; then
    . ~/.bashrc
  fi
fi
mesg n 2> /dev/null || true
`;

export const WELCOME_TEXT = `Welcome aboard Dockyard.

This machine is simulated inside your browser tab: nothing you type here
leaves the page, and nothing you break here stays broken (use "Reset lesson").

It behaves like an Ubuntu server you reached over ssh. Try:

  ls /etc          the host's configuration files
  cat /etc/os-release
  history          what you have typed so far
`;

export function writeHostRoot(fs: InMemoryFs, host: HostIdentity): void {
  const dirs = [
    '/root', '/home', '/tmp', '/etc', '/var/log', '/var/tmp', '/var/lib', '/run', '/srv', '/opt', '/mnt',
    '/media', '/usr/local/bin', '/usr/share', '/boot/efi', '/sys/fs/cgroup', '/proc', '/dev',
  ];
  for (const dir of dirs) fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    '/etc/os-release': OS_RELEASE,
    '/etc/hostname': `${host.hostname}\n`,
    '/etc/hosts': `127.0.0.1 localhost\n${host.address} ${host.hostname}\n${(host.peers ?? []).filter((p) => p.hostname !== host.hostname).map((p) => `${p.address} ${p.hostname}\n`).join('')}\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    '/etc/resolv.conf': 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n',
    '/etc/passwd': PASSWD,
    '/etc/group': GROUP,
    '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n',
    '/etc/timezone': 'Etc/UTC\n',
    '/etc/debian_version': 'trixie/sid\n',
    '/etc/issue': 'Ubuntu 24.04.1 LTS \\n \\l\n\n',
    '/root/.bashrc': BASHRC,
    '/root/.profile': PROFILE,
    '/root/welcome.txt': WELCOME_TEXT,
    '/var/log/syslog': '',
  };
  for (const [path, content] of Object.entries(files)) fs.writeFileSync(path, content);
  void fs.chmod('/tmp', 0o1777);
  void fs.chmod('/var/tmp', 0o1777);
  void fs.chmod('/root', 0o700);
}
