/** The hardware and kernel build every simulated host reports: a small cloud VM running Ubuntu 24.04. */
export const MACHINE = {
  cpus: 2,
  cpuModel: 'Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz',
  cpuMHz: 2793.436,
  memTotalKiB: 4_013_020,
  kernelRelease: '6.8.0-49-generic',
  kernelVersion: '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024',
  arch: 'x86_64',
  /** Page cache and kernel memory the model does not attribute to processes. */
  cachedKiB: 1_104_212,
  buffersKiB: 48_124,
  kernelKiB: 182_456,
} as const;

export function kernelVersionLine(): string {
  return `Linux version ${MACHINE.kernelRelease} (buildd@lcy02-amd64-055) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) ${MACHINE.kernelVersion}`;
}
