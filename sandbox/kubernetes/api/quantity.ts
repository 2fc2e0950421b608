/**
 * Resource quantities (k8s.io/apimachinery/pkg/api/resource): `250m`, `0.5`, `64Mi`, `1Gi`,
 * `128M`, `1e3`. Values are kept exactly, in nano-units, as a bigint; printing follows
 * Quantity.String(): `0.5` → `500m`, `1000m` → `1`, `1.5Gi` → `1536Mi`, `1000` → `1k`.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The amount × 10⁹ (rounded up at the nano, as the API does). */
  nanos: bigint;
  /** How it was written, which decides how it prints. */
  format: QuantityFormat;
}

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

const pow10 = (n: number) => 10n ** BigInt(n);
const NANO = pow10(9);

/** Ceiling division away from zero for a positive divisor. */
function divUp(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  if (value % divisor === 0n) return quotient;
  return value > 0n ? quotient + 1n : quotient - 1n;
}

/** resource.ParseQuantity. Throws QuantityError with the library's message. */
export function parseQuantity(text: string): Quantity {
  if (text.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  let pos = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    pos++;
  }
  let numStart = pos;
  while (pos < text.length && isDigit(text[pos])) pos++;
  const whole = text.slice(numStart, pos) || '0';
  let fraction = '';
  if (text[pos] === '.') {
    numStart = ++pos;
    while (pos < text.length && isDigit(text[pos])) pos++;
    fraction = text.slice(numStart, pos);
  }
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_CHARS.includes(text[pos])) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (pos < text.length && isDigit(text[pos])) pos++;
  if (pos < text.length) throw new QuantityError(ERR_FORMAT_WRONG);
  const suffix = text.slice(suffixStart);

  let format: QuantityFormat;
  let power10 = 0;
  let power1024 = 0;
  if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    power10 = DECIMAL_SUFFIXES[suffix];
  } else if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    power1024 = BINARY_SUFFIXES[suffix];
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    power10 = Number(suffix.slice(1));
    if (!Number.isSafeInteger(power10) || Math.abs(power10) > 1000) throw new QuantityError(ERR_SUFFIX);
  } else {
    throw new QuantityError(ERR_SUFFIX);
  }

  let amount = BigInt(whole + fraction) * 1024n ** BigInt(power1024);
  const shift = 9 + power10 - fraction.length;
  amount = shift >= 0 ? amount * pow10(shift) : divUp(amount, pow10(-shift));
  if (negative) amount = -amount;
  // a fraction of a Ki prints in decimal
  if (format === 'BinarySI' && amount > 0n && amount < NANO) format = 'DecimalSI';
  return { nanos: amount, format };
}

/** Quantity.String(): the canonical form kubectl prints. */
export function formatQuantity(quantity: Quantity): string {
  const { nanos } = quantity;
  if (nanos === 0n) return '0';
  let format = quantity.format;
  if (format === 'BinarySI' && ((nanos > -1024n * NANO && nanos < 1024n * NANO) || nanos % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let amount = nanos / NANO;
    let exponent = 0;
    while (exponent < 6 && amount % 1024n === 0n) {
      amount /= 1024n;
      exponent++;
    }
    return `${amount}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][exponent]}`;
  }
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((key) => DECIMAL_SUFFIXES[key] === exponent);
  if (suffix !== undefined) return `${mantissa}${suffix}`;
  // beyond E: keep the largest suffix and a longer mantissa
  return `${mantissa * pow10(exponent - 18)}E`;
}

/** `0.5` → `500m`, `1.5Gi` → `1536Mi`. */
export function canonicalQuantity(text: string): string {
  return formatQuantity(parseQuantity(text));
}

/** Quantity.Value(): whole units, rounded up (`1.2` → 2, `64Mi` → 67108864). */
export function quantityValue(quantity: Quantity): number {
  return Number(divUp(quantity.nanos, NANO));
}

/** Quantity.MilliValue(), rounded up. */
export function quantityMilliValue(quantity: Quantity): number {
  return Number(divUp(quantity.nanos, pow10(6)));
}

/** CPU text (`250m`, `1`, `0.5`) in millicores. */
export function cpuMillicores(text: string): number {
  return quantityMilliValue(parseQuantity(text));
}

/** Memory text (`64Mi`, `1Gi`, `128M`, `1e3`) in bytes. */
export function memoryBytes(text: string): number {
  return quantityValue(parseQuantity(text));
}

/** Millicores as the API prints a CPU quantity: 250 → `250m`, 2000 → `2`. */
export function formatMillicores(millicores: number): string {
  return formatQuantity({ nanos: BigInt(Math.round(millicores)) * pow10(6), format: 'DecimalSI' });
}

/** Bytes as the API prints a memory quantity: 67108864 → `64Mi` (BinarySI) or `64M`-style (DecimalSI). */
export function formatBytes(bytes: number, format: QuantityFormat = 'BinarySI'): string {
  return formatQuantity({ nanos: BigInt(Math.round(bytes)) * NANO, format });
}

/** Quantity.Add: the sum keeps the first operand's format. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}
