/**
 * Parsing what is written into cgroup v2 files, with the kernel's rules: `max` or a number with
 * an optional K/M/G/T suffix (memparse), memory rounded down to whole pages, cpu.max periods
 * between 1 ms and 1 s, cpu.weight from 1 to 10000. Anything else is EINVAL.
 */
import { KernelError } from '../core/errors';

export const PAGE_SIZE = 4096;
const SUFFIX: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
/** The kernel prints this for "no limit" in files that hold a byte count. */
export const MAX = 'max';

/** `max` → null (no limit); `50M` → 52428800. */
export function parseMemory(value: string, file: string): number | null {
  const text = value.trim();
  if (text === MAX) return null;
  const match = /^(\d+)([kKmMgGtT]?)$/.exec(text);
  if (!match) throw new KernelError('EINVAL', 'write', file);
  const bytes = Number(match[1]) * (match[2] ? SUFFIX[match[2].toLowerCase()] : 1);
  return Math.floor(bytes / PAGE_SIZE) * PAGE_SIZE;
}

export function parseCount(value: string, file: string): number | null {
  const text = value.trim();
  if (text === MAX) return null;
  if (!/^\d+$/.test(text)) throw new KernelError('EINVAL', 'write', file);
  return Number(text);
}

export interface CpuMax {
  /** Microseconds of CPU per period; null for no limit. */
  quotaUs: number | null;
  periodUs: number;
}

/** `cpu.max` takes "$MAX $PERIOD" or just "$MAX"; the period is kept when omitted. */
export function parseCpuMax(value: string, current: CpuMax, file: string): CpuMax {
  const parts = value.trim().split(/\s+/);
  if (parts.length < 1 || parts.length > 2 || parts[0] === '') throw new KernelError('EINVAL', 'write', file);
  const quota = parts[0] === MAX ? null : Number(parts[0]);
  const period = parts.length === 2 ? Number(parts[1]) : current.periodUs;
  if (quota !== null && (!Number.isInteger(quota) || quota < 1000)) throw new KernelError('EINVAL', 'write', file);
  if (!Number.isInteger(period) || period < 1000 || period > 1_000_000) throw new KernelError('EINVAL', 'write', file);
  return { quotaUs: quota, periodUs: period };
}

export function parseWeight(value: string, file: string): number {
  const text = value.trim();
  const weight = Number(text);
  if (!/^\d+$/.test(text) || weight < 1 || weight > 10000) throw new KernelError('EINVAL', 'write', file);
  return weight;
}

export function formatLimit(value: number | null): string {
  return value === null ? MAX : String(value);
}
