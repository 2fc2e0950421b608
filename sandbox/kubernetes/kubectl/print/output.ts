/**
 * `kubectl get -o FORMAT` beyond tables: yaml, json, name, jsonpath, jsonpath-as-json and
 * custom-columns, with kubectl's rules for wrapping: one object asked for by name prints bare;
 * anything else (a listing, even of one or none) prints as a `kind: List` with `items:`.
 * Unknown formats give kubectl's exact error.
 */
import type { KubeObject } from '../../api/types';
import { parseCustomColumns, printCustomColumns } from './custom-columns';
import { toGoYaml } from './go-yaml';
import { goJson, JsonPathParseError, parseErrorMessage, runJsonPath } from './jsonpath';

export interface OutputResult {
  stdout: string;
  /** `error: …\n` text for stderr; exit code 1 when set. */
  error?: string;
}

/** What `kubectl get` accepts after `-o`, sorted, as its error lists them. */
export const ALLOWED_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];

export function unknownFormatError(format: string): string {
  return `error: unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${ALLOWED_FORMATS.join(',')}\n`;
}

/** The API group of an apiVersion: `apps` for `apps/v1`, empty for `v1`. */
export const apiGroup = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** `pod/web-x2x9k`, `deployment.apps/web`: how `-o name` and kubectl's `created` lines name an object. */
export function resourceName(object: KubeObject): string {
  const group = apiGroup(object.apiVersion);
  return `${object.kind.toLowerCase()}${group ? `.${group}` : ''}/${object.metadata.name}`;
}

/** The `v1` List kubectl wraps a listing in (metadata.resourceVersion is printed empty). */
export function asList(objects: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** YAMLPrinter: go-yaml via sigs.k8s.io/yaml; several documents separated by `---`. */
export function printYaml(...documents: unknown[]): string {
  return documents.map(toGoYaml).join('---\n');
}

/** JSONPrinter: json.MarshalIndent with four spaces, keys sorted, then a newline. */
export function printJson(document: unknown): string {
  return goJson(document, '    ') + '\n';
}

export interface OutputOptions {
  /** True when one object was asked for by name (`kubectl get pod web`): print it bare, not in a List. */
  singleItemImplied?: boolean;
  noHeaders?: boolean;
}

/**
 * Prints `objects` as `-o FORMAT` would. `format` is the flag's value (`yaml`,
 * `jsonpath={.items[*].metadata.name}`, `custom-columns=NAME:.metadata.name`). Table formats
 * (`''`, `wide`) belong to get.ts; go-template formats are not modelled and report so.
 */
export function printOutput(format: string, objects: KubeObject[], options: OutputOptions = {}): OutputResult {
  const eq = format.indexOf('=');
  const name = eq < 0 ? format : format.slice(0, eq);
  const arg = eq < 0 ? '' : format.slice(eq + 1);
  const document = options.singleItemImplied && objects.length === 1 ? objects[0] : asList(objects);
  switch (name) {
    case 'yaml':
      return { stdout: printYaml(document) };
    case 'json':
      return { stdout: printJson(document) };
    case 'name':
      return { stdout: objects.map((o) => resourceName(o) + '\n').join('') };
    case 'jsonpath':
    case 'jsonpath-as-json': {
      if (arg === '') return { stdout: '', error: 'error: template format specified but no template given\n' };
      try {
        return { stdout: runJsonPath(arg, JSON.parse(JSON.stringify(document)), name === 'jsonpath-as-json') };
      } catch (e) {
        if (e instanceof JsonPathParseError) return { stdout: '', error: `error: ${parseErrorMessage(arg, e.message)}` };
        throw e;
      }
    }
    case 'custom-columns':
      try {
        return { stdout: printCustomColumns(parseCustomColumns(arg), objects, options.noHeaders) };
      } catch (e) {
        return { stdout: '', error: `error: ${(e as Error).message}\n` };
      }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
    case 'jsonpath-file':
    case 'custom-columns-file':
      // Real kubectl supports these; the sandbox does not model them yet.
      return { stdout: '', error: `error: output format "${name}" is not supported in this sandbox\n` };
    default:
      return { stdout: '', error: unknownFormatError(format) };
  }
}
