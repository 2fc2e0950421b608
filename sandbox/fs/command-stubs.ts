/**
 * just-bash fills /bin and /usr/bin only when it owns the whole filesystem; our hosts mount procfs
 * and cgroupfs over their root, so we lay out a merged-/usr Ubuntu ourselves: an entry in /usr/bin
 * for every command the shell knows (so `which`, `ls /usr/bin` and Tab completion find them), and
 * /bin, /sbin, /lib as the symlinks Ubuntu has.
 */
import { getCommandNames, type InMemoryFs } from 'just-bash';

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
  for (const device of ['null', 'zero', 'random', 'urandom', 'tty', 'full']) fs.writeFileSync(`/dev/${device}`, '');
}
