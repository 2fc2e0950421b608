/**
 * systemd's part of the model: units that are started, stopped and restarted, each with a main
 * process in its own cgroup under /system.slice, and a journal of what happened. It never prints.
 */
import { joinCgroup } from './cgroups';
import type { Kernel } from './kernel';
import { SIGNALS } from './process';
import { UNITS, unitName, type UnitDefinition } from './unit-catalogue';

export interface UnitState {
  name: string;
  active: boolean;
  mainPid: number | null;
  /** When it last changed state (simulated ms). */
  since: number;
  /** When the current or last run started. */
  startedAt: number;
  lastExit: { code: number; signal: number | null } | null;
  /**
   * The main process keeps exiting with a failure and systemd keeps restarting it (Restart=always):
   * "activating (auto-restart)". `restarts` counts up with the clock, every `restartSec`.
   */
  autoRestart?: { restartSec: number; lastPid: number; reason?: string };
}

/** Why a unit's program would exit at once right now (the kubelet on a host with swap on). */
export interface StartRefusal {
  /** What `retry` matches: the condition that, once gone, lets the next restart succeed. */
  reason: string;
  /** What the program logs before it exits; `{pid}` becomes the attempt's pid. */
  lines: string[];
}

export interface JournalEntry {
  time: number;
  unit: string;
  /** syslog identifier: `systemd` for the manager's own lines, else the daemon's. */
  ident: string;
  pid: number;
  message: string;
}

export interface ServicesSnapshot {
  units: UnitState[];
  journal: JournalEntry[];
}

export class ServiceManager {
  private readonly units = new Map<string, UnitState>();
  private readonly journal: JournalEntry[] = [];
  /** Asked before each start: a refusal turns the start into a failed attempt and a restart loop. */
  startCheck: ((unit: string) => StartRefusal | null) | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly hostname: string,
    private readonly catalogue: UnitDefinition[] = UNITS,
    saved?: ServicesSnapshot,
  ) {
    if (saved) {
      for (const unit of saved.units) this.units.set(unit.name, unit);
      this.journal.push(...saved.journal);
    }
  }

  definition(name: string): UnitDefinition | undefined {
    return this.catalogue.find((u) => u.name === unitName(name));
  }

  state(name: string): UnitState | undefined {
    return this.units.get(unitName(name));
  }

  all(): UnitState[] {
    return [...this.units.values()];
  }

  entries(unit?: string): JournalEntry[] {
    return unit ? this.journal.filter((e) => e.unit === unitName(unit)) : [...this.journal];
  }

  /** Starts a unit (a no-op when it runs already). Returns its main pid. */
  start(name: string): number {
    const definition = this.definition(name);
    if (!definition) throw new Error(`unknown unit ${name}`);
    const current = this.units.get(definition.name);
    if (current?.active && current.mainPid && this.kernel.get(current.mainPid)) return current.mainPid;
    const refusal = this.startCheck?.(definition.name);
    if (refusal) {
      this.crashLoop(definition.name, 10, refusal.lines, refusal.reason);
      return this.units.get(definition.name)!.autoRestart!.lastPid;
    }
    const cgroup = joinCgroup('/system.slice', definition.name);
    if (!this.kernel.cgroups.get(cgroup)) this.kernel.makeCgroup(cgroup);
    this.log(definition.name, 'systemd', 1, `Starting ${definition.name} - ${definition.description}...`);
    const process = this.kernel.spawn({ parent: 1, argv: definition.argv, comm: definition.ident, cgroup, rssKiB: definition.rssKiB, vszKiB: definition.vszKiB, sessionLeader: true });
    for (const line of definition.startupLog) this.log(definition.name, definition.ident, process.pid, line.replace('HOST', this.hostname));
    this.log(definition.name, 'systemd', 1, `Started ${definition.name} - ${definition.description}.`);
    const now = this.kernel.clock.now();
    this.units.set(definition.name, { name: definition.name, active: true, mainPid: process.pid, since: now, startedAt: now, lastExit: null });
    return process.pid;
  }

  /** Stops a unit: SIGTERM to every process in its cgroup, as systemd does by default. */
  stop(name: string): void {
    const definition = this.definition(name);
    if (!definition) throw new Error(`unknown unit ${name}`);
    const state = this.units.get(definition.name);
    if (!state?.active) return;
    this.log(definition.name, 'systemd', 1, `Stopping ${definition.name} - ${definition.description}...`);
    // Inactive first, so the deaths below read as a stop and not as a crash.
    Object.assign(state, { active: false, since: this.kernel.clock.now(), lastExit: { code: 0, signal: null } });
    for (const p of this.kernel.members(joinCgroup('/system.slice', definition.name))) this.kernel.kill(p.pid, SIGNALS.TERM);
    this.log(definition.name, 'systemd', 1, `${definition.name}: Deactivated successfully.`);
    this.log(definition.name, 'systemd', 1, `Stopped ${definition.name} - ${definition.description}.`);
  }

  restart(name: string): number {
    this.stop(name);
    return this.start(name);
  }

  /**
   * A unit whose program fails at start (the kubelet before it is configured): inactive, and
   * systemd trying again every `restartSec` seconds. A later `start` that succeeds clears it.
   * `failure` is what the program logs; `{pid}` in it becomes the attempt's pid.
   */
  crashLoop(name: string, restartSec: number, failure: string | string[], reason?: string): void {
    const definition = this.definition(name);
    if (!definition) throw new Error(`unknown unit ${name}`);
    const now = this.kernel.clock.now();
    const cgroup = joinCgroup('/system.slice', definition.name);
    if (!this.kernel.cgroups.get(cgroup)) this.kernel.makeCgroup(cgroup);
    // Each attempt is a process that exits at once; the last one's pid is what status names.
    const attempt = this.kernel.spawn({ parent: 1, argv: definition.argv, comm: definition.ident, cgroup, rssKiB: 0 });
    this.kernel.exit(attempt.pid, 1);
    this.log(definition.name, 'systemd', 1, `Started ${definition.name} - ${definition.description}.`);
    for (const line of [failure].flat()) this.log(definition.name, definition.ident, attempt.pid, line.replace('{pid}', String(attempt.pid).padStart(4)));
    this.log(definition.name, 'systemd', 1, `${definition.name}: Main process exited, code=exited, status=1/FAILURE`);
    this.log(definition.name, 'systemd', 1, `${definition.name}: Failed with result 'exit-code'.`);
    this.units.set(definition.name, { name: definition.name, active: false, mainPid: null, since: now, startedAt: now, lastExit: { code: 1, signal: null }, autoRestart: { restartSec, lastPid: attempt.pid, ...(reason ? { reason } : {}) } });
  }

  /**
   * The condition a restart loop was failing on is gone (`swapoff -a` for the kubelet): systemd's
   * next restart, at most `restartSec` away, starts the unit. Other loops carry on.
   */
  retry(name: string, reason: string): void {
    const state = this.state(name);
    if (state?.autoRestart?.reason === reason) this.start(name);
  }

  /** A main process died outside systemctl (`kill -9` of a daemon): the unit fails, as systemd records it. */
  noticeExit(pid: number, signal: number | null): void {
    for (const state of this.units.values()) {
      if (state.mainPid !== pid || !state.active) continue;
      Object.assign(state, { active: false, since: this.kernel.clock.now(), lastExit: { code: signal ? 0 : 1, signal } });
      this.log(state.name, 'systemd', 1, `${state.name}: Main process exited, code=${signal ? 'killed' : 'exited'}, status=${signal ?? 1}/${signal ? `SIG${signalShort(signal)}` : 'FAILURE'}`);
      this.log(state.name, 'systemd', 1, `${state.name}: Failed with result '${signal ? 'signal' : 'exit-code'}'.`);
    }
  }

  private log(unit: string, ident: string, pid: number, message: string): void {
    this.journal.push({ time: this.kernel.clock.now(), unit, ident, pid, message });
  }

  snapshot(): ServicesSnapshot {
    return structuredClone({ units: this.all(), journal: this.journal });
  }
}

function signalShort(signal: number): string {
  return ({ 9: 'KILL', 15: 'TERM', 2: 'INT', 1: 'HUP' } as Record<number, string>)[signal] ?? String(signal);
}
