import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe('parseManifest', () => {
  it('reads several documents, skipping empty ones', () => {
    const text = `---\n${deploy}---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n`;
    const { objects, error } = parseManifest(text, 'web.yaml');
    expect(error).toBeUndefined();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web']);
    expect((objects[0] as unknown as { spec: { replicas: number } }).spec.replicas).toBe(2);
  });

  it('flattens a kind: List', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: dev\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: app\n';
    expect(parseManifest(text, 'list.yaml').objects.map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap']);
  });

  it('reads JSON objects', () => {
    const { objects } = parseManifest('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}\n', 'ns.json');
    expect(objects[0].metadata.name).toBe('dev');
  });

  it.each([
    ['apiVersion: v1\nkind: Pod\nmetadata: name: x\n', 'yaml: line 3: mapping values are not allowed in this context'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: y\n', 'yaml: line 5: mapping values are not allowed in this context'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n    name: x\n  labels: y\n', 'yaml: line 5: did not find expected key'],
    ['spec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n', "yaml: line 5: did not find expected '-' indicator"],
  ])('words YAML errors as go-yaml does: %j', (text, problem) => {
    expect(parseManifest(text, 'pod.yaml').error).toBe(`error: error parsing pod.yaml: error converting YAML to JSON: ${problem}\n`);
  });

  it('counts lines from the start of the bad document and keeps the objects before it', () => {
    const result = parseManifest(`${deploy}---\napiVersion: v1\nkind: Pod\nmetadata: name: x\n`, 'all.yaml');
    expect(result.objects).toHaveLength(1);
    expect(result.error).toBe('error: error parsing all.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n');
  });

  it('words JSON errors as encoding/json does', () => {
    expect(parseManifest('{"kind": "Pod",}', 'pod.json').error).toBe(
      "error: error parsing pod.json: json: offset 16: invalid character '}' looking for beginning of object key string\n");
    expect(parseManifest('{"kind": "Pod"', 'pod.json').error).toBe('error: error parsing pod.json: unexpected EOF\n');
  });

  it('reports a missing apiVersion or kind as a validation error', () => {
    expect(parseManifest('metadata:\n  name: x\n', 'x.yaml').error).toBe(
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n');
    expect(parseManifest('apiVersion: v1\nmetadata:\n  name: x\n', 'x.yaml').error).toBe(
      'error: error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n');
    expect(parseManifest('apiVersion: v1\nmetadata:\n  name: x\n', 'x.yaml', { validate: false }).error).toBe(
      'error: unable to decode "x.yaml": Object \'Kind\' is missing in \'{"apiVersion":"v1","metadata":{"name":"x"}}\'\n');
  });
});

describe('parseManifest on any text', () => {
  it('never throws', async () => {
    const fc = (await import('fast-check')).default;
    const unit = fc.constantFrom('a', ':', ' ', '\n', '-', '---\n', '{', '}', '[', ']', '"', "'", '\t', ',', 'kind: Pod', 'apiVersion: v1', '#', '&a', '*a', '|');
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
      const result = parseManifest(text, 'x.yaml');
      expect(result.error === undefined || result.error.startsWith('error: ')).toBe(true);
    }), { numRuns: 500 });
  });
});

describe('aliases', () => {
  it('reports an unknown anchor as go-yaml does', () => {
    expect(parseManifest('a: 1\nb: *x\n', 'x.yaml').error).toBe("error: error parsing x.yaml: error converting YAML to JSON: yaml: line 2: unknown anchor 'x' referenced\n");
  });
});
