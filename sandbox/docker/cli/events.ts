/**
 * docker events: the daemon's event stream, one line per event as the docker 28 CLI prints it
 * (`TIME TYPE ACTION ID (key=value, ...)`), with --since, --until and --filter. On a terminal it
 * follows new events until Ctrl-C; with --until it prints the window and returns.
 */
import type { DockerEngine } from '../engine';
import type { DockerEvent } from '../events';
import { parseFlags } from './options';
import type { CommandOutput, Live } from './output';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A --since/--until value: an RFC 3339 time, a Unix timestamp, or a Go duration before now. */
export function parseEventTime(value: string, now: number): number | null {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const duration = /^((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+$/.test(value) ? [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)] : null;
  if (duration) return now - duration.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

function line(event: DockerEvent): string {
  const time = new Date(event.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  const attributes = Object.keys(event.attributes)
    .sort()
    .map((key) => `${key}=${event.attributes[key]}`)
    .join(', ');
  return `${time} ${event.type} ${event.action} ${event.id}${attributes ? ` (${attributes})` : ''}\n`;
}

function matches(event: DockerEvent, filters: [string, string][]): boolean {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of filters) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  return [...byKey].every(([key, values]) =>
    values.some((value) => {
      if (key === 'type') return event.type === value;
      if (key === 'event') return event.action === value;
      if (key === 'container') return event.type === 'container' && (event.attributes.name === value || event.id.startsWith(value));
      if (key === 'image') return event.attributes.image === value || (event.type === 'image' && event.id.startsWith(value));
      if (key === 'network') return event.type === 'network' && (event.attributes.name === value || event.id.startsWith(value));
      return false;
    }),
  );
}

export async function events(engine: DockerEngine, args: string[], now: number, live: Live | null): Promise<CommandOutput> {
  const parsed = parseFlags('events', args, { since: { value: true }, until: { value: true }, filter: { short: 'f', value: true, repeat: true }, format: { value: true } }, false);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 125 };
  if (parsed.operands.length > 0) return { stdout: '', stderr: `"docker events" accepts no arguments.\nSee 'docker events --help'.\n\nUsage:  docker events [OPTIONS]\n\nGet real time events from the server\n`, exitCode: 1 };
  if (parsed.values.has('format')) return { stdout: '', stderr: 'dockyard: docker events --format is not modelled in this sandbox; the default format is\n', exitCode: 1 };
  const filters: [string, string][] = [];
  for (const filter of parsed.values.get('filter') ?? []) {
    const [key, value] = filter.split(/=(.*)/s, 2);
    if (!['type', 'event', 'container', 'image', 'network'].includes(key) || value === undefined) return { stdout: '', stderr: `Error response from daemon: invalid filter '${key}'\n`, exitCode: 1 };
    filters.push([key, value]);
  }
  const times: Record<'since' | 'until', number | undefined> = { since: undefined, until: undefined };
  for (const flag of ['since', 'until'] as const) {
    const raw = parsed.values.get(flag)?.at(-1);
    if (raw === undefined) continue;
    const parsedTime = parseEventTime(raw, now);
    if (parsedTime === null) return { stdout: '', stderr: `Error response from daemon: invalid value for ${flag}: ${raw}\n`, exitCode: 1 };
    times[flag] = parsedTime;
  }
  const past = times.since === undefined ? [] : engine.events.between(times.since, times.until ?? now).filter((e) => matches(e, filters));
  if (times.until !== undefined && times.until <= now) return { stdout: past.map(line).join(''), stderr: '', exitCode: 0 };
  if (!live) {
    return { stdout: past.map(line).join(''), stderr: 'dockyard: docker events waits for new events until Ctrl-C, which needs the terminal; here, give a window: docker events --since 10m --until 0s\n', exitCode: past.length > 0 ? 0 : 1 };
  }
  // Followed on the terminal: the past window, then each event as it happens, until Ctrl-C.
  live.write(past.map(line).join(''));
  const unfollow = engine.events.follow((event) => {
    if (matches(event, filters)) live.write(line(event));
  });
  const waitMs = times.until === undefined ? Number.POSITIVE_INFINITY : times.until - now;
  await live.clock.sleep(waitMs, live.signal);
  unfollow();
  return { stdout: '', stderr: '', exitCode: 0 };
}
