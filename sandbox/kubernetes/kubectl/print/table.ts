/**
 * kubectl's human-readable table printer (k8s.io/cli-runtime printers.HumanReadablePrinter):
 * upper-case headers, columns separated by three spaces and padded to the widest cell by
 * tabwriter, no padding after the last column; `-A` puts NAMESPACE first, `--show-labels` adds
 * LABELS last; several kinds print as blocks with `kind.group/name` in the first column,
 * separated by a blank line. "No resources found" goes to stderr, as in real kubectl.
 */
import { formatLabels } from './labels';
import { GET_TABWRITER, tabwrite } from './tabwriter';

export interface TableRow {
  cells: string[];
  /** metadata.namespace of the row's object, for `-A`. */
  namespace?: string;
  /** metadata.labels of the row's object, for `--show-labels`. */
  labels?: Record<string, string>;
}

export interface Table {
  /** `pod`, `deployment.apps`: the lower-cased GroupKind that prefixes names when kinds are mixed. */
  kindPrefix: string;
  /** Whether the kind lives in namespaces (pods) or not (nodes, namespaces). */
  namespaced: boolean;
  /** Column names as the API's table defines them (`Nominated Node`); printed upper case. */
  columns: string[];
  rows: TableRow[];
}

export interface TableOptions {
  /** `-A` / `--all-namespaces`: a NAMESPACE column for namespaced kinds. */
  allNamespaces?: boolean;
  showLabels?: boolean;
  noHeaders?: boolean;
  /** Prefix names with `kind/`; kubectl does so when more than one kind was asked for. */
  withKind?: boolean;
}

export interface PrintResult {
  stdout: string;
  stderr: string;
}

/** One table as tab-separated lines, before alignment. */
function tableLines(table: Table, options: TableOptions): string {
  const withNamespace = options.allNamespaces === true && table.namespaced;
  let text = '';
  if (!options.noHeaders) {
    const headers = table.columns.map((c) => c.toUpperCase());
    if (withNamespace) headers.unshift('NAMESPACE');
    if (options.showLabels) headers.push('LABELS');
    text += headers.join('\t') + '\n';
  }
  for (const row of table.rows) {
    const cells = [...row.cells];
    if (options.withKind && cells.length > 0) cells[0] = `${table.kindPrefix}/${cells[0]}`;
    if (withNamespace) cells.unshift(row.namespace ?? '');
    if (options.showLabels) cells.push(formatLabels(row.labels));
    text += cells.join('\t') + '\n';
  }
  return text;
}

/** Prints one table, aligned; nothing at all when it has no rows. */
export function printTable(table: Table, options: TableOptions = {}): string {
  if (table.rows.length === 0) return '';
  return tabwrite(tableLines(table, options), GET_TABWRITER);
}

/** `No resources found in default namespace.` or, for `-A` and cluster-scoped kinds, `No resources found`. */
export function noResourcesFound(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}

/**
 * Prints the tables of one `kubectl get` (one per kind, in the order asked), each block aligned
 * on its own and separated by a blank line; names carry `kind/` when more than one kind was asked
 * for. With no rows at all, stdout is empty and stderr says `No resources found …`.
 */
export function printTables(tables: Table[], options: TableOptions & { namespace?: string }): PrintResult {
  const withKind = options.withKind ?? tables.length > 1;
  const blocks = tables.map((t) => printTable(t, { ...options, withKind })).filter((b) => b !== '');
  if (blocks.length > 0) return { stdout: blocks.join('\n'), stderr: '' };
  const allNamespaced = !options.allNamespaces && tables.every((t) => t.namespaced);
  return { stdout: '', stderr: noResourcesFound(allNamespaced ? (options.namespace ?? 'default') : undefined) };
}
