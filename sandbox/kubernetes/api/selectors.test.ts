import { describe, expect, it } from 'vitest';
import { SelectorError } from './errors';
import { compileFieldSelector, fieldSelectorMatches, formatLabelSelector, formatLabelSet, labelSelectorMatches, matchLabelSelector, matchSelectorMap, parseFieldSelector, parseLabelSelector } from './selectors';
import type { Pod } from './types';

const web = { app: 'web', tier: 'frontend', env: 'prod' };

function parseError(text: string): string {
  try {
    parseLabelSelector(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SelectorError);
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}

describe('label selector strings', () => {
  it('match equality, set and existence requirements, ANDed by commas', () => {
    const cases: [string, boolean][] = [
      ['app=web', true],
      ['app==web', true],
      ['app=db', false],
      ['app!=db', true],
      ['app!=web', false],
      ['missing!=x', true],
      ['env in (prod,dev)', true],
      ['env in (dev)', false],
      ['env notin (dev, test)', true],
      ['env notin (prod)', false],
      ['missing notin (x)', true],
      ['app', true],
      ['missing', false],
      ['!missing', true],
      ['!app', false],
      ['app=web,tier=frontend', true],
      ['app=web,tier=backend', false],
      ['app = web , env in ( prod )', true],
      ['', true],
      ['app=', false],
    ];
    for (const [text, expected] of cases) expect(labelSelectorMatches(text, web), text).toBe(expected);
    expect(labelSelectorMatches('app', undefined)).toBe(false);
    expect(labelSelectorMatches('!app', undefined)).toBe(true);
    expect(labelSelectorMatches('gen>3', { gen: '5' })).toBe(true);
    expect(labelSelectorMatches('gen<3', { gen: '5' })).toBe(false);
  });

  it('parses into sorted requirements, in/notin usable as names', () => {
    expect(parseLabelSelector('tier in (b,a,b),app=web')).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['a', 'b'] },
    ]);
    expect(parseLabelSelector('in in (in)')).toEqual([{ key: 'in', operator: 'in', values: ['in'] }]);
    expect(parseLabelSelector('k8s.io/app')).toEqual([{ key: 'k8s.io/app', operator: 'exists', values: [] }]);
  });

  it('fails with the API server’s words', () => {
    expect(parseError('a b')).toBe('unable to parse requirement: found \'b\', expected: in, notin, =, ==, !=, gt, lt');
    expect(parseError('env IN (a)')).toBe("unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError('=b')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(parseError('a=b,')).toBe("found '', expected: identifier after ','");
    expect(parseError('a=b c')).toBe("found 'c', expected: ',' or 'end of string'");
    expect(parseError('a in b')).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(parseError('a in (b c)')).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(parseError('a=(')).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError('!a=b')).toBe("found '=', expected: ',' or 'end of string'");
    expect(parseError('-a=b')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(parseError('a=-b')).toBe(
      "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    expect(parseError('a>b')).toBe("unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer");
  });
});

describe('LabelSelector objects', () => {
  it('match matchLabels and matchExpressions together', () => {
    expect(matchLabelSelector({ matchLabels: { app: 'web' } }, web)).toBe(true);
    expect(matchLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, web)).toBe(false);
    expect(matchLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }, { key: 'tier', operator: 'Exists' }] }, web)).toBe(true);
    expect(matchLabelSelector({ matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, web)).toBe(true);
  });

  it('select everything when empty and nothing when missing', () => {
    expect(matchLabelSelector({}, web)).toBe(true);
    expect(matchLabelSelector(undefined, web)).toBe(false);
    expect(matchSelectorMap({ app: 'web' }, web)).toBe(true);
    expect(matchSelectorMap({}, web)).toBe(false);
  });

  it('print as kubectl describe shows them', () => {
    expect(formatLabelSelector({ matchLabels: { tier: 'frontend', app: 'web' } })).toBe('app=web,tier=frontend');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'old', operator: 'DoesNotExist' }] })).toBe('env in (dev,prod),!old');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSet({ tier: 'db', app: 'web' })).toBe('app=web,tier=db');
  });
});

describe('field selectors', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: { nodeName: 'node01', containers: [] }, status: { phase: 'Running' } } as Pod;
  const pending = { ...pod, metadata: { name: 'web-2', namespace: 'dev' }, spec: { containers: [] }, status: { phase: 'Pending' } } as Pod;

  it('match = and != on the supported fields', () => {
    expect(fieldSelectorMatches('metadata.name=web-1', pod)).toBe(true);
    expect(fieldSelectorMatches('metadata.namespace!=default', pod)).toBe(false);
    expect(fieldSelectorMatches('spec.nodeName=node01,status.phase=Running', pod)).toBe(true);
    expect(fieldSelectorMatches('spec.nodeName==node01', pending)).toBe(false);
    expect(fieldSelectorMatches('spec.nodeName=', pending)).toBe(true);
    expect(fieldSelectorMatches('status.phase!=Running', pending)).toBe(true);
    expect(parseFieldSelector('b=1,a!=2')).toEqual([
      { field: 'a', operator: '!=', value: '2' },
      { field: 'b', operator: '=', value: '1' },
    ]);
  });

  it('refuse what the server refuses, in its words', () => {
    expect(() => compileFieldSelector('Pod', 'spec.foo=bar')).toThrow('field label not supported: spec.foo');
    expect(() => compileFieldSelector('Deployment', 'spec.replicas=1')).toThrow('"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(() => compileFieldSelector('Pod', 'status.phase')).toThrow("invalid selector: 'status.phase'; can't understand 'status.phase'");
    expect(() => compileFieldSelector('Node', 'spec.unschedulable=true')).not.toThrow();
  });
});
