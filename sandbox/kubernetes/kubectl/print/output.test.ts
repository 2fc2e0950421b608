import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../api/types';
import { toGoYaml } from './go-yaml';
import { printOutput, resourceName } from './output';
import { deployment, pod, running } from './test-fixtures';

const web = (): Pod => {
  const p = pod('web-x2x9k', { node: 'node01', ip: '10.244.1.2', labels: { app: 'web' }, statuses: [running({ restartCount: 0 })], ready: true });
  p.metadata.uid = '6f1c0d2e-8b1a-4c3d-9e2f-0a1b2c3d4e5f';
  p.metadata.resourceVersion = '1234';
  p.metadata.creationTimestamp = '2025-01-15T11:55:00Z';
  p.status!.containerStatuses![0].state = { running: { startedAt: '2025-01-15T11:55:10Z' } };
  p.status!.conditions = [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-15T11:55:10Z' }];
  return p;
};
const db = (): Pod => ({ ...pod('db-0', { node: 'node02', ip: '10.244.2.7' }), metadata: { name: 'db-0', namespace: 'default' } });

describe('-o yaml', () => {
  it('prints one named object bare, keys sorted, as kubectl does', () => {
    expect(printOutput('yaml', [web()], { singleItemImplied: true }).stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2025-01-15T11:55:00Z"
  labels:
    app: web
  name: web-x2x9k
  namespace: default
  resourceVersion: "1234"
  uid: 6f1c0d2e-8b1a-4c3d-9e2f-0a1b2c3d4e5f
spec:
  containers:
  - image: nginx:1.27
    name: app
  nodeName: node01
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2025-01-15T11:55:10Z"
    status: "True"
    type: Ready
  containerStatuses:
  - image: nginx:1.27
    imageID: ""
    lastState: {}
    name: app
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2025-01-15T11:55:10Z"
  phase: Running
  podIP: 10.244.1.2
  podIPs:
  - ip: 10.244.1.2
`);
  });

  it('wraps a listing in a v1 List, even of one or none', () => {
    expect(printOutput('yaml', []).stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(printOutput('yaml', [db()]).stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: db-0\n/);
  });

  it('quotes, folds and blocks strings as go-yaml v2 does', () => {
    expect(toGoYaml({ a: '*', b: 'a: b', c: 'yes', d: '0777', e: '1.5', f: ' x', g: 'line1\nline2\n', h: 'line1\nline2', i: "it's", y: 'plain text', '80': 'x', k: 'tab\there' })).toBe(
      `"80": x\na: '*'\nb: 'a: b'\nc: "yes"\nd: "0777"\ne: "1.5"\nf: ' x'\ng: |\n  line1\n  line2\nh: |-\n  line1\n  line2\ni: it's\nk: "tab\\there"\n"y": plain text\n`);
    const message = '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(toGoYaml({ status: { conditions: [{ message, type: 'PodScheduled' }] } })).toBe(`status:
  conditions:
  - message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
      }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'
    type: PodScheduled
`);
  });
});

describe('-o json', () => {
  it('indents by four spaces with sorted keys and escapes <, > and &', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { html: '<b>&</b>' } } as KubeObject;
    expect(printOutput('json', [cm], { singleItemImplied: true }).stdout).toBe(`{
    "apiVersion": "v1",
    "data": {
        "html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e"
    },
    "kind": "ConfigMap",
    "metadata": {
        "name": "c"
    }
}
`);
    expect(printOutput('json', []).stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });
});

describe('-o name', () => {
  it('prints kind.group/name', () => {
    expect(printOutput('name', [web(), deployment]).stdout).toBe('pod/web-x2x9k\ndeployment.apps/web\n');
    expect(resourceName(deployment)).toBe('deployment.apps/web');
  });
});

describe('-o jsonpath', () => {
  const pods = [web(), db()];
  const jp = (template: string, objects: KubeObject[] = pods, single = false) => printOutput(`jsonpath=${template}`, objects, { singleItemImplied: single });
  it('selects fields, lists and indexes', () => {
    expect(jp('{.metadata.name}', [web()], true).stdout).toBe('web-x2x9k');
    expect(jp('{.items[*].metadata.name}').stdout).toBe('web-x2x9k db-0');
    expect(jp('{.items[0].status.podIP}').stdout).toBe('10.244.1.2');
    expect(jp('{.items[-1].spec.nodeName}').stdout).toBe('node02');
    expect(jp('{.items[*].metadata.labels}').stdout).toBe('{"app":"web"}');
    expect(jp('{.items[0].metadata.labels.app}').stdout).toBe('web');
    expect(jp('{..image}').stdout).toBe('nginx:1.27 nginx:1.27 nginx:1.27');
    expect(jp('{.items[*].metadata.missing}').stdout).toBe('');
  });
  it('ranges, with quoted literals and plain text', () => {
    expect(jp('{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}').stdout).toBe('web-x2x9k\tnode01\ndb-0\tnode02\n');
    expect(jp('names: {.items[*].metadata.name}\\n').stdout).toBe('names: web-x2x9k db-0\\n');
  });
  it('filters', () => {
    expect(jp('{.items[0].status.conditions[?(@.type=="Ready")].status}').stdout).toBe('True');
    expect(jp("{.items[?(@.spec.nodeName=='node02')].metadata.name}").stdout).toBe('db-0');
    expect(jp('{.items[?(@.status.podIP)].metadata.name}').stdout).toBe('web-x2x9k db-0');
  });
  it('reports parse errors and jsonpath-as-json', () => {
    expect(jp('{.items[*].metadata.name').error).toBe('error: error parsing jsonpath {.items[*].metadata.name, unclosed action\n');
    expect(printOutput('jsonpath=', pods).error).toBe('error: template format specified but no template given\n');
    expect(printOutput('jsonpath-as-json={.items[*].spec.nodeName}', pods).stdout).toBe('[\n    "node01",\n    "node02"\n]\n');
  });
});

describe('-o custom-columns', () => {
  it('prints the columns as given, <none> when missing, %v for maps', () => {
    expect(printOutput('custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,LABELS:.metadata.labels,IP:{.status.podIP},X:.nope', [web(), db()]).stdout).toBe(
      'NAME        NODE     LABELS         IP           X\n' +
      'web-x2x9k   node01   map[app:web]   10.244.1.2   <none>\n' +
      'db-0        node02   <none>         10.244.2.7   <none>\n');
  });
  it('rejects a bad spec in kubectl words', () => {
    expect(printOutput('custom-columns=NAME', []).error).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
  });
});

describe('unknown formats', () => {
  it('lists the allowed formats', () => {
    expect(printOutput('xml', []).error).toBe(
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
  });
});

describe('jsonpath on any template', () => {
  it('prints or reports a parse error, never throws', async () => {
    const fc = (await import('fast-check')).default;
    const unit = fc.constantFrom('{', '}', '.', '[', ']', '*', '?', '(', ')', '@', '"', "'", '=', '!', '<', 'items', 'metadata', 'name', '0', '-1', ':', ',', ' ', 'range ', 'end', '..', '\\');
    fc.assert(fc.property(fc.string({ unit, maxLength: 20 }), (template) => {
      const result = printOutput(`jsonpath=${template}`, [web()]);
      expect(result.error === undefined || result.error.startsWith('error: ')).toBe(true);
    }), { numRuns: 500 });
  });
});
