import { describe, expect, it } from 'vitest';
import { exitStatus, parseCodeMeta, resolveCodeLanguage } from './code-languages';

describe('parseCodeMeta', () => {
  it('reads norun, title and exit in any order, without one mistaken for another', () => {
    expect(parseCodeMeta(undefined)).toEqual({ norun: false, title: undefined });
    expect(parseCodeMeta('norun')).toEqual({ norun: true, title: undefined });
    expect(parseCodeMeta('exit=137')).toEqual({ norun: false, title: undefined, exit: '137' });
    expect(parseCodeMeta('title="exit=1 norun" exit=2')).toEqual({ norun: false, title: 'exit=1 norun', exit: '2' });
    expect(parseCodeMeta('exit="1" title=run.sh norun')).toEqual({ norun: true, title: 'run.sh', exit: '1' });
    expect(parseCodeMeta('exit=')).toEqual({ norun: false, title: undefined, exit: '' });
    expect(parseCodeMeta('exit=one')).toMatchObject({ exit: 'one' });
  });

  it('takes exit statuses from 0 to 255 only', () => {
    expect(exitStatus('0')).toBe(0);
    expect(exitStatus('137')).toBe(137);
    expect(exitStatus('255')).toBe(255);
    for (const bad of ['', '256', '-1', '1.5', 'one', '0x1', ' 1']) expect(exitStatus(bad), bad).toBeNull();
  });

  it('resolves languages and their aliases', () => {
    expect(resolveCodeLanguage(undefined)).toBe('text');
    expect(resolveCodeLanguage('yml')).toBe('yaml');
    expect(resolveCodeLanguage('rust')).toBeUndefined();
  });
});
