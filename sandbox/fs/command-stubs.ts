/**
 * just-bash fills /bin and /usr/bin only when it owns the whole filesystem; our hosts mount procfs
 * and cgroupfs over their root, so we lay out a merged-/usr Ubuntu ourselves: an entry in /usr/bin
 * for every command the shell knows (so `which`, `ls /usr/bin` and Tab completion find them), and
 * /bin, /sbin, /lib as the symlinks Ubuntu has.
 */
import { getCommandNames, type InMemoryFs } from 'just-bash';
import { deviceMarker } from './special-files';

const DEVICES: [string, number, number][] = [['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0]];

export function writeCommandStubs(fs: InMemoryFs, extraCommands: string[]): void {
  fs.mkdirSync('/usr/bin', { recursive: true });
  fs.mkdirSync('/usr/sbin', { recursive: true });
  fs.mkdirSync('/usr/lib', { recursive: true });
  for (const name of new Set([...getCommandNames(), ...extraCommands])) {
    if (name.startsWith('__')) continue;
    // just-bash runs a registered command only from /usr/bin or /bin, so every one lives there.
    fs.writeFileSync(`/usr/bin/${name}`, `#!/bin/bash\n# Built-in command: ${name}\n`);
    void fs.chmod(`/usr/bin/${name}`, 0o755);
  }
  for (const [link, target] of [['/bin', 'usr/bin'], ['/sbin', 'usr/sbin'], ['/lib', 'usr/lib']]) {
    void fs.symlink(target, link);
  }
  fs.mkdirSync('/dev/pts', { recursive: true });
  for (const [name, major, minor] of DEVICES) {
    fs.writeFileSync(`/dev/${name}`, deviceMarker({ major, minor }));
    void fs.chmod(`/dev/${name}`, 0o666);
  }
}
