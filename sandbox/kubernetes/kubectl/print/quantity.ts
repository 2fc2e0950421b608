/**
 * Resource quantities (k8s.io/apimachinery resource.Quantity) for describe's requests, limits
 * and percentages: `250m`, `2`, `64Mi`, `4015360Ki`, `17714119247`; sums keep the first
 * operand's format, and String() prints the canonical form (`1000m` → `1`, `2048Ki` → `2Mi`).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI';

export interface Quantity {
  /** The value in thousandths (milli-units). */
  milli: number;
  format: QuantityFormat;
}

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

export function parseQuantity(text: string): Quantity {
  const m = /^([+-]?[0-9.]+)(([eE][+-]?[0-9]+)|[a-zA-Z]*)$/.exec(text.trim());
  if (!m) return ZERO;
  const number = Number(m[1]);
  if (m[3]) return { milli: Math.round(number * Number(`1${m[3]}`) * 1000), format: 'DecimalSI' };
  if (m[2] in BINARY) return { milli: Math.round(number * BINARY[m[2]] * 1000), format: 'BinarySI' };
  if (m[2] in DECIMAL) return { milli: Math.round(number * DECIMAL[m[2]] * 1000), format: 'DecimalSI' };
  return ZERO;
}

/** q.Add(other): the sum, in q's format (a zero Quantity takes the other's). */
export function addQuantity(q: Quantity, other: Quantity): Quantity {
  return { milli: q.milli + other.milli, format: q.milli === 0 && q.format === 'DecimalSI' ? other.format : q.format };
}

/** Quantity.String(): canonical, with the largest suffix that keeps the number whole. */
export function quantityString(q: Quantity): string {
  const { milli } = q;
  if (milli === 0) return '0';
  const whole = milli % 1000 === 0;
  const units = milli / 1000;
  if (q.format === 'BinarySI' && whole && Math.abs(units) >= 1024) {
    let value = units;
    let i = -1;
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    while (i < suffixes.length - 1 && value % 1024 === 0) {
      value /= 1024;
      i++;
    }
    return i < 0 ? String(value) : `${value}${suffixes[i]}`;
  }
  if (!whole) return `${milli}m`;
  let value = units;
  let i = 0;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  while (i < suffixes.length - 1 && value % 1000 === 0) {
    value /= 1000;
    i++;
  }
  return `${value}${suffixes[i]}`;
}

/** The value in whole units (bytes, cores), as Value() rounds up. */
export const quantityValue = (q: Quantity) => Math.ceil(q.milli / 1000);
