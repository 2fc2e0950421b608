/**
 * `whoami` and `hostname` answer from the session's identity; just-bash's own answer
 * `user` and `localhost` whatever host the student is on.
 */
import { defineCommand } from 'just-bash';
import type { ShellIdentity } from '../session';

export function identityCommands(identity: () => ShellIdentity) {
  return [
    defineCommand('whoami', async (args) => {
      if (args.length > 0) return { stdout: '', stderr: `whoami: extra operand '${args[0]}'\nTry 'whoami --help' for more information.\n`, exitCode: 1 };
      return { stdout: `${identity().user}\n`, stderr: '', exitCode: 0 };
    }),
    defineCommand('hostname', async (args) => {
      if (args.length > 0 && !args[0].startsWith('-')) {
        // Setting the name needs the UTS namespace model (the host issue); say so instead of pretending.
        return { stdout: '', stderr: 'hostname: changing the host name is not modelled in this sandbox yet\n', exitCode: 1 };
      }
      return { stdout: `${identity().hostname}\n`, stderr: '', exitCode: 0 };
    }),
  ];
}
