import { describe, expect, it } from 'vitest';
import { noResourcesFound, printTable, printTables, type Table } from './table';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from './tabwriter';

describe('tabwriter (Go text/tabwriter)', () => {
  it('pads columns to the widest cell plus padding, never the last cell', () => {
    expect(tabwrite('NAME\tAGE\nweb-1\t5m\n', GET_TABWRITER)).toBe('NAME    AGE\nweb-1   5m\n');
  });
  it('keeps a minimum width of six for kubectl get', () => {
    expect(tabwrite('A\tB\nx\ty\n', GET_TABWRITER)).toBe('A     B\nx     y\n');
  });
  it('aligns each block of consecutive lines that share a column on its own', () => {
    const text = 'IP:\t10.244.1.3\nIPs:\n  IP:\t10.244.1.3\nControlled By:\tReplicaSet/web-7d4b9c5f8\n';
    expect(tabwrite(text, DESCRIBE_TABWRITER)).toBe('IP:  10.244.1.3\nIPs:\n  IP:           10.244.1.3\nControlled By:  ReplicaSet/web-7d4b9c5f8\n');
  });
  it('pads a cell that is followed by an empty last cell', () => {
    expect(tabwrite('Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\n', DESCRIBE_TABWRITER)).toBe('Port:        <unset>  80/TCP\nTargetPort:  80/TCP\n');
  });
});

const pods: Table = {
  kindPrefix: 'pod', namespaced: true, columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
  rows: [
    { cells: ['web-7d4b9c5f8-x2x9k', '1/1', 'Running', '0', '5m'], namespace: 'default', labels: { app: 'web', 'pod-template-hash': '7d4b9c5f8' } },
    { cells: ['coredns-7c65d6cfc9-8kq2z', '0/1', 'Pending', '0', '12m'], namespace: 'kube-system' },
  ],
};

describe('printTable', () => {
  it('prints upper-case headers and rows three spaces apart', () => {
    expect(printTable(pods)).toBe(
      'NAME                       READY   STATUS    RESTARTS   AGE\n' +
      'web-7d4b9c5f8-x2x9k        1/1     Running   0          5m\n' +
      'coredns-7c65d6cfc9-8kq2z   0/1     Pending   0          12m\n');
  });
  it('adds NAMESPACE first with -A and LABELS last with --show-labels', () => {
    expect(printTable(pods, { allNamespaces: true, showLabels: true })).toBe(
      'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE   LABELS\n' +
      'default       web-7d4b9c5f8-x2x9k        1/1     Running   0          5m    app=web,pod-template-hash=7d4b9c5f8\n' +
      'kube-system   coredns-7c65d6cfc9-8kq2z   0/1     Pending   0          12m   <none>\n');
  });
  it('leaves the header out with --no-headers', () => {
    expect(printTable(pods, { noHeaders: true })).toBe('web-7d4b9c5f8-x2x9k        1/1   Running   0     5m\ncoredns-7c65d6cfc9-8kq2z   0/1   Pending   0     12m\n');
  });
});

describe('printTables', () => {
  const svc: Table = { kindPrefix: 'service', namespaced: true, columns: ['Name', 'Type'], rows: [{ cells: ['kubernetes', 'ClusterIP'] }] };
  it('separates kinds by a blank line and prefixes names with the kind', () => {
    expect(printTables([{ ...pods, rows: pods.rows.slice(0, 1) }, svc], {}).stdout).toBe(
      'NAME                      READY   STATUS    RESTARTS   AGE\n' +
      'pod/web-7d4b9c5f8-x2x9k   1/1     Running   0          5m\n' +
      '\n' +
      'NAME                 TYPE\n' +
      'service/kubernetes   ClusterIP\n');
  });
  it('says No resources found on stderr, naming the namespace unless -A or cluster-scoped', () => {
    expect(printTables([{ ...pods, rows: [] }], { namespace: 'default' })).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(printTables([{ ...pods, rows: [] }], { allNamespaces: true }).stderr).toBe('No resources found\n');
    expect(printTables([{ ...pods, rows: [], namespaced: false }], { namespace: 'default' }).stderr).toBe('No resources found\n');
    expect(noResourcesFound('kube-system')).toBe('No resources found in kube-system namespace.\n');
  });
});
