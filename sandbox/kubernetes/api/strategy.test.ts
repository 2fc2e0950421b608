import { describe, expect, it } from 'vitest';
import { podQosClass } from './strategy';
import { rfc3339, rfc3339Micro } from './time';
import { isDNS1123Label, isQualifiedName, validateObjectMeta } from './validation';
import { clone } from './clone';

const spec = (...resources: ({ requests?: Record<string, string>; limits?: Record<string, string> } | undefined)[]) => ({
  spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'nginx', resources: r })) },
});

describe('podQosClass', () => {
  it('classifies as the kubelet does', () => {
    expect(podQosClass(spec(undefined))).toBe('BestEffort');
    expect(podQosClass(spec({ limits: { cpu: '500m', memory: '128Mi' } }))).toBe('Guaranteed');
    expect(podQosClass(spec({ requests: { cpu: '0.5', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } }))).toBe('Guaranteed');
    expect(podQosClass(spec({ requests: { cpu: '250m' } }))).toBe('Burstable');
    expect(podQosClass(spec({ limits: { cpu: '1', memory: '1Gi' } }, undefined))).toBe('Burstable');
  });
});

describe('timestamps', () => {
  it('print RFC 3339 to the second, and micro time', () => {
    expect(rfc3339(Date.UTC(2026, 2, 2, 9, 0, 0, 999))).toBe('2026-03-02T09:00:00Z');
    expect(rfc3339Micro(Date.UTC(2026, 2, 2, 9, 0, 0, 123))).toBe('2026-03-02T09:00:00.123000Z');
  });
});

describe('validation', () => {
  it('words problems as apimachinery does', () => {
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isQualifiedName('example.com/app')).toEqual([]);
    expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(validateObjectMeta('Pod', { generateName: 'web-' , name: 'web-abcde' })).toEqual([]);
    expect(validateObjectMeta('Namespace', { name: 'a.b' })[0].detail).toContain('a lowercase RFC 1123 label must consist of');
  });

  it('copies drop undefined members and share nothing', () => {
    const source = { a: { b: [1, { c: undefined }] }, d: undefined };
    const copy = clone(source);
    expect(copy).toEqual({ a: { b: [1, {}] } });
    expect('d' in copy).toBe(false);
    expect(copy.a).not.toBe(source.a);
  });
});
