import { describe, expect, it } from 'vitest';
import { addQuantities, canonicalQuantity, cpuMillicores, ERR_FORMAT_WRONG, ERR_SUFFIX, formatBytes, formatMillicores, memoryBytes, parseQuantity } from './quantity';

describe('CPU quantities', () => {
  it('read as millicores, rounded up', () => {
    const cases: [string, number][] = [
      ['250m', 250],
      ['1', 1000],
      ['0.5', 500],
      ['.1', 100],
      ['2.25', 2250],
      ['1500m', 1500],
      ['100u', 1],
      ['0', 0],
    ];
    for (const [text, millis] of cases) expect(cpuMillicores(text), text).toBe(millis);
  });

  it('print as the API prints them', () => {
    expect([250, 1000, 1500, 2000, 100, 0].map(formatMillicores)).toEqual(['250m', '1', '1500m', '2', '100m', '0']);
  });
});

describe('memory quantities', () => {
  it('read as bytes', () => {
    const cases: [string, number][] = [
      ['64Mi', 64 * 2 ** 20],
      ['1Gi', 2 ** 30],
      ['128M', 128e6],
      ['1e3', 1000],
      ['1.5Gi', 1.5 * 2 ** 30],
      ['2Ki', 2048],
      ['129e6', 129e6],
      ['1k', 1000],
      ['0.5', 1],
    ];
    for (const [text, bytes] of cases) expect(memoryBytes(text), text).toBe(bytes);
  });

  it('print in the canonical form', () => {
    expect(formatBytes(64 * 2 ** 20)).toBe('64Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1536Mi');
    expect(formatBytes(1000)).toBe('1k');
    expect(formatBytes(1025)).toBe('1025');
    expect(formatBytes(128e6, 'DecimalSI')).toBe('128M');
    expect(formatBytes(2 ** 32)).toBe('4Gi');
  });
});

describe('canonical form (Quantity.String)', () => {
  it('matches apimachinery for its classic cases', () => {
    const cases: [string, string][] = [
      ['0.5', '500m'],
      ['1000m', '1'],
      ['1000', '1k'],
      ['1.5Gi', '1536Mi'],
      ['0.5Gi', '512Mi'],
      ['1.1Gi', '1181116006400m'],
      ['100Mi', '100Mi'],
      ['1024Mi', '1Gi'],
      ['1Ki', '1Ki'],
      ['0.5Ki', '512'],
      ['1e3', '1e3'],
      ['1E3', '1e3'],
      ['129e6', '129e6'],
      ['128974848', '128974848'],
      ['1.5', '1500m'],
      ['0.1m', '100u'],
      ['0.00000000001', '1n'],
      ['-250m', '-250m'],
      ['+1', '1'],
      ['0Mi', '0'],
      ['5E', '5E'],
    ];
    for (const [text, canonical] of cases) expect(canonicalQuantity(text), text).toBe(canonical);
  });

  it('refuses malformed text with the library’s messages', () => {
    for (const text of ['', 'abc', '1.5.5', '1 Gi', '1e3m', '1Mb']) expect(() => parseQuantity(text), text).toThrow(ERR_FORMAT_WRONG);
    for (const text of ['1MM', '1e', '1Kii', '1mi', '--1']) expect(() => parseQuantity(text), text).toThrow(ERR_SUFFIX);
  });

  it('adds keeping the first format', () => {
    expect(canonicalQuantity('1Gi')).toBe('1Gi');
    const sum = addQuantities(parseQuantity('170Mi'), parseQuantity('70Mi'));
    expect(formatBytes(Number(sum.nanos / 1_000_000_000n), sum.format)).toBe('240Mi');
  });
});
