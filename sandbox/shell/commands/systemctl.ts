/**
 * systemctl (systemd 255) for the host's services: status, start, stop, restart, is-active,
 * list-units. Starting and stopping change the process table and the cgroups; status reads them.
 */
import { defineCommand } from 'just-bash';
import { joinCgroup } from '../../kernel/cgroups';
import type { JournalEntry, UnitState } from '../../kernel/services';
import { unitName } from '../../kernel/unit-catalogue';
import type { ShellContext } from '../context';
import { fail, ok } from './result';
import { duration, fullTimestamp, journalTimestamp, relative, size } from './systemd-time';

export function journalLine(entry: JournalEntry, hostname: string): string {
  return `${journalTimestamp(entry.time)} ${hostname} ${entry.ident}[${entry.pid}]: ${entry.message}\n`;
}

function failed(state: UnitState): boolean {
  return !state.active && !!state.lastExit && (state.lastExit.signal !== null || state.lastExit.code !== 0);
}

function status(ctx: ShellContext, name: string): { text: string; code: number } {
  const { services, kernel } = ctx.host;
  const definition = services.definition(name)!;
  const state = services.state(name);
  const now = kernel.clock.now();
  const lines: string[] = [];
  const dot = state?.active || state?.autoRestart ? '●' : failed(state!) ? '×' : '○';
  lines.push(`${dot} ${definition.name} - ${definition.description}`);
  lines.push(`     Loaded: loaded (/usr/lib/systemd/system/${definition.name}; enabled; preset: enabled)`);
  if (definition.name === 'kubelet.service') lines.push('    Drop-In: /usr/lib/systemd/system/kubelet.service.d', '             └─10-kubeadm.conf');
  if (state?.active) {
    lines.push(`     Active: active (running) since ${fullTimestamp(state.since)}; ${relative(now - state.since)}`);
  } else if (state?.autoRestart) {
    // The last attempt, restartSec after the one before: the loop has gone on since the unit first failed.
    const period = state.autoRestart.restartSec * 1000;
    const last = state.since + Math.floor((now - state.since) / period) * period;
    lines.push(`     Active: activating (auto-restart) (Result: exit-code) since ${fullTimestamp(last)}; ${relative(now - last)}`);
  } else if (state && failed(state)) {
    lines.push(`     Active: failed (Result: ${state.lastExit!.signal !== null ? 'signal' : 'exit-code'}) since ${fullTimestamp(state.since)}; ${relative(now - state.since)}`);
    lines.push(`   Duration: ${duration(state.since - state.startedAt)}`);
  } else {
    lines.push(`     Active: inactive (dead)${state ? ` since ${fullTimestamp(state.since)}; ${relative(now - state.since)}` : ''}`);
    if (state) lines.push(`   Duration: ${duration(state.since - state.startedAt)}`);
  }
  lines.push(`       Docs: ${definition.docs[0]}`, ...definition.docs.slice(1).map((d) => `             ${d}`));
  const cgroup = joinCgroup('/system.slice', definition.name);
  const members = kernel.members(cgroup);
  if (state?.active && state.mainPid) {
    const main = kernel.get(state.mainPid);
    lines.push(`   Main PID: ${state.mainPid} (${main?.comm ?? definition.ident})`);
    lines.push(`      Tasks: ${members.length} (limit: 4605)`);
    const memory = kernel.memoryCurrent(cgroup);
    lines.push(`     Memory: ${size(memory)} (peak: ${size(Math.max(memory, kernel.cgroups.get(cgroup)?.memoryPeak ?? 0))})`);
    lines.push(`        CPU: ${Math.max(1, Math.round(members.reduce((sum, p) => sum + p.cpuMs, 0) + 40))}ms`);
    lines.push(`     CGroup: ${cgroup}`);
    members.forEach((p, i) => {
      const command = p.argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
      lines.push(`             ${i === members.length - 1 ? '└─' : '├─'}${p.pid} ${command}`);
    });
  } else if (state?.autoRestart) {
    lines.push(`    Process: ${state.autoRestart.lastPid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=1/FAILURE)`);
    lines.push(`   Main PID: ${state.autoRestart.lastPid} (code=exited, status=1/FAILURE)`);
    lines.push('        CPU: 57ms');
  } else if (state?.mainPid) {
    const exit = state.lastExit;
    const how = exit?.signal ? `code=killed, signal=${exit.signal === 9 ? 'KILL' : 'TERM'}` : 'code=exited, status=0/SUCCESS';
    lines.push(`   Main PID: ${state.mainPid} (${how})`);
  }
  const journal = services.entries(definition.name).slice(-10);
  const text = lines.join('\n') + '\n' + (journal.length > 0 ? '\n' + journal.map((e) => journalLine(e, ctx.kernel.uts(ctx.kernel.require(ctx.shellPid)).hostname)).join('') : '');
  return { text, code: state?.active ? 0 : 3 };
}

export function systemctlCommand(ctx: ShellContext) {
  return defineCommand('systemctl', async (args) => {
    const words = args.filter((a) => !a.startsWith('-'));
    const [verb = 'list-units', ...names] = words;
    const { services } = ctx.host;
    const unknown = names.find((n) => !services.definition(n));
    switch (verb) {
      case 'status': {
        if (names.length === 0) return ok(`● ${ctx.host.hostname}\n    State: running\n    Units: ${services.all().length} loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: ${services.all().filter(failed).length} units\n`);
        if (unknown) return fail(`Unit ${unitName(unknown)} could not be found.\n`, 4);
        const results = names.map((n) => status(ctx, n));
        return { stdout: results.map((r) => r.text).join('\n'), stderr: '', exitCode: Math.max(...results.map((r) => r.code)) };
      }
      case 'start':
      case 'stop':
      case 'restart': {
        if (names.length === 0) return fail(`Too few arguments.\n`, 1);
        if (unknown) return fail(`Failed to ${verb} ${unitName(unknown)}: Unit ${unitName(unknown)} ${verb === 'stop' ? 'not loaded' : 'not found'}.\n`, 5);
        if (ctx.kernel.require(ctx.shellPid).uid !== 0) return fail(`Failed to ${verb} ${unitName(names[0])}: Access denied\n`, 1);
        for (const name of names) {
          if (verb === 'start') services.start(name);
          else if (verb === 'stop') services.stop(name);
          else services.restart(name);
        }
        return ok();
      }
      case 'is-active': {
        if (names.length === 0) return fail('Too few arguments.\n', 1);
        const states = names.map((n) => services.state(n));
        const text = states.map((s) => (s?.active ? 'active' : s?.autoRestart ? 'activating' : s && failed(s) ? 'failed' : 'inactive')).join('\n') + '\n';
        return { stdout: text, stderr: '', exitCode: states.every((s) => s?.active) ? 0 : 3 };
      }
      case 'list-units': {
        const rows = services.all().map((s) => {
          const d = services.definition(s.name)!;
          return [s.name, 'loaded', s.active ? 'active' : failed(s) ? 'failed' : 'inactive', s.active ? 'running' : failed(s) ? 'failed' : 'dead', d.description];
        });
        const header = ['UNIT', 'LOAD', 'ACTIVE', 'SUB', 'DESCRIPTION'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
        const line = (r: string[]) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join(' ');
        return ok([line(header), ...rows.map(line)].join('\n') + `\n\nLegend: LOAD   → Reflects whether the unit definition was properly loaded.\n        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.\n        SUB    → The low-level unit activation state, values depend on unit type.\n\n${rows.length} loaded units listed.\n`);
      }
      default:
        return fail(`Unknown command verb '${verb}'.\n`, 1);
    }
  });
}
