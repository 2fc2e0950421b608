/** The commands our hosts add to (or put in place of) just-bash's own. */
import type { Command } from 'just-bash';
import type { ShellContext } from '../context';
import { hostnameCommand, unameCommand, whoamiCommand } from './identity';
import { killCommand } from './kill';
import { chrootCommand } from './chroot';
import { chownCommand } from './chown';
import { clearCommand } from './clear';
import { cpCommand } from './cp';
import { programCommand } from '../../docker/apps/program-command';
import { dockerCommand } from '../../docker/cli';
import { nslookupCommand, wgetCommand } from './busybox-net';
import { curlCommand } from './curl';
import { dateCommand } from './date';
import { dfCommand } from './df';
import { EDITOR_COMMANDS, editorCommands } from './editor';
import { freeCommand } from './free';
import { idCommand } from './id';
import { ipCommand } from './ip';
import { journalctlCommand } from './journalctl';
import { systemctlCommand } from './systemctl';
import { lsCommand } from './ls';
import { lsnsCommand } from './lsns';
import { nsenterCommand } from './nsenter';
import { mountCommand, umountCommand } from './mount';
import { pgrepCommand, pidofCommand } from './pgrep';
import { psCommand } from './ps';
import { rmdirCommand } from './rmdir';
import { sleepCommand } from './sleep';
import { sshCommand } from './ssh';
import { scpCommand } from './scp';
import { ctrCommand } from '../../kubernetes/node/ctr';
import { kubectlCommand } from '../../kubernetes/kubectl/command';
import { crictlCommand } from '../../kubernetes/node/crictl';
import { etcdctlCommand } from '../../kubernetes/etcdctl';
import { kubeadmCommand } from '../../kubernetes/kubeadm/command';
import { kkCommand } from '../../kubernetes/kubekey/command';
import { stressCommand } from './stress';
import { swapoffCommand, swaponCommand } from './swap';
import { topCommand } from './top';
import { unshareCommand } from './unshare';

export function hostCommands(ctx: ShellContext): Command[] {
  return [whoamiCommand(ctx), hostnameCommand(ctx), unameCommand(ctx), killCommand(ctx), psCommand(ctx), unshareCommand(ctx), stressCommand(ctx), mountCommand(ctx), umountCommand(ctx), lsCommand(ctx),
    freeCommand(ctx), swaponCommand(ctx), swapoffCommand(ctx), idCommand(ctx), lsnsCommand(ctx), nsenterCommand(ctx), chrootCommand(ctx),
    systemctlCommand(ctx), journalctlCommand(ctx), pgrepCommand(ctx), pidofCommand(ctx), ipCommand(ctx), dfCommand(ctx), topCommand(ctx), rmdirCommand(), cpCommand(), chownCommand(), clearCommand(ctx),
    ...editorCommands(ctx), dockerCommand(ctx), curlCommand(ctx), dateCommand(ctx), sleepCommand(ctx), sshCommand(ctx), scpCommand(ctx), kubectlCommand(ctx), kubeadmCommand(ctx), kkCommand(ctx), crictlCommand(ctx), ctrCommand(ctx), etcdctlCommand(ctx), wgetCommand(ctx), nslookupCommand(ctx), programCommand(ctx)];
}

/** The Kubernetes tools, installed only on the cluster course's hosts. */
export const KUBERNETES_COMMAND_NAMES = ['kubectl', 'kubeadm', 'crictl', 'ctr', 'etcdctl'];

/** Names for /usr/bin entries and completion, known before any host exists. */
export const HOST_COMMAND_NAMES = ['whoami', 'hostname', 'uname', 'kill', 'ps', 'unshare', 'stress', 'mount', 'umount', 'ls', 'free', 'swapon', 'swapoff', 'id', 'lsns', 'nsenter', 'chroot', 'systemctl', 'journalctl', 'pgrep', 'pidof', 'ip', 'df', 'top', 'rmdir', 'chown', ...EDITOR_COMMANDS, 'docker', 'curl', 'date', 'sleep', 'ssh', 'scp'];
