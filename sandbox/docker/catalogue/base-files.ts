/**
 * The files of base images: enough of Alpine, Debian and Ubuntu to explore — os-release, users,
 * the usual directories, and a file in the binary directories for each command the image really
 * has (busybox applets on Alpine; coreutils and friends on Debian and Ubuntu). A command an image
 * lacks is missing here too, so `ps` in a Debian container is "command not found", as in life.
 */
import type { LayerFile } from '../image-spec';

type Files = Record<string, LayerFile>;

const dir = (mode = 0o755): LayerFile => ({ dir: true, mode });
const binary = (name: string) => ({ content: `#!/bin/bash\n# Built-in command: ${name}\n`, mode: 0o755 });

const BUSYBOX_APPLETS = {
  bin: ['ash', 'sh', 'cat', 'chmod', 'cp', 'date', 'df', 'dmesg', 'echo', 'false', 'grep', 'hostname', 'kill', 'ln', 'ls', 'mkdir', 'mount', 'mv', 'ps', 'pwd', 'rm', 'rmdir', 'sed', 'sleep', 'touch', 'true', 'umount', 'uname', 'vi'],
  usrBin: ['awk', 'basename', 'cut', 'dirname', 'du', 'env', 'find', 'free', 'head', 'id', 'nslookup', 'printf', 'sort', 'tail', 'tee', 'top', 'tr', 'uniq', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes'],
};

const DEBIAN_COMMANDS = ['bash', 'sh', 'cat', 'chmod', 'cp', 'date', 'df', 'echo', 'false', 'grep', 'hostname', 'kill', 'ln', 'ls', 'mkdir', 'mount', 'mv', 'pwd', 'rm', 'rmdir', 'sed', 'sleep', 'touch', 'true', 'umount', 'uname', 'awk', 'basename', 'cut', 'dirname', 'du', 'env', 'find', 'head', 'id', 'printf', 'sort', 'tail', 'tee', 'tr', 'uniq', 'wc', 'which', 'whoami', 'xargs', 'yes', 'stat', 'readlink', 'seq', 'diff', 'gzip', 'tar'];

const COMMON_DIRS: Files = {
  '/root': dir(0o700),
  '/tmp': dir(0o1777),
  '/home': dir(),
  '/var/log': dir(),
  '/var/tmp': dir(0o1777),
  '/etc': dir(),
  '/proc': dir(0o555),
  '/sys': dir(0o555),
  '/dev': dir(),
  '/run': dir(),
  '/mnt': dir(),
  '/opt': dir(),
  '/srv': dir(),
  '/usr/local/bin': dir(),
};

export function alpineFiles(version: string): Files {
  const files: Files = {
    ...COMMON_DIRS,
    '/etc/os-release': `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    '/etc/alpine-release': `${version}\n`,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
    '/etc/group': 'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nnobody:x:65534:\n',
    '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
    '/etc/profile': 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nexport PAGER=less\numask 022\n',
    '/bin/busybox': { content: 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n', mode: 0o755 },
    '/lib/ld-musl-x86_64.so.1': { content: 'musl libc (x86_64)\nVersion 1.2.5\n', mode: 0o755 },
    '/usr/bin': dir(),
    '/sbin': dir(),
  };
  for (const applet of BUSYBOX_APPLETS.bin) files[`/bin/${applet}`] = { symlink: '/bin/busybox' };
  for (const applet of BUSYBOX_APPLETS.usrBin) files[`/usr/bin/${applet}`] = { symlink: '/bin/busybox' };
  return files;
}

export function busyboxFiles(): Files {
  const files: Files = {
    ...COMMON_DIRS,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n',
    '/bin/busybox': { content: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n', mode: 0o755 },
  };
  for (const applet of [...BUSYBOX_APPLETS.bin, ...BUSYBOX_APPLETS.usrBin]) files[`/bin/${applet}`] = { symlink: 'busybox' };
  return files;
}

function debianLike(osRelease: string, extra: Files): Files {
  const files: Files = {
    ...COMMON_DIRS,
    '/etc/os-release': osRelease,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nwww-data:x:33:\nnogroup:x:65534:\n',
    '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n',
    '/root/.bashrc': '# ~/.bashrc: executed by bash(1) for non-login shells.\n',
    '/bin': { symlink: 'usr/bin' },
    '/sbin': { symlink: 'usr/sbin' },
    '/lib': { symlink: 'usr/lib' },
    '/usr/sbin': dir(),
    '/usr/lib': dir(),
    '/usr/share': dir(),
    ...extra,
  };
  for (const command of DEBIAN_COMMANDS) files[`/usr/bin/${command}`] = binary(command);
  return files;
}

export function debianFiles(version: string): Files {
  return debianLike(
    `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
    { '/etc/debian_version': `${version}\n` },
  );
}

export function ubuntuFiles(): Files {
  return debianLike(
    `PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n`,
    { '/etc/debian_version': 'trixie/sid\n', '/home/ubuntu': dir(0o750) },
  );
}
