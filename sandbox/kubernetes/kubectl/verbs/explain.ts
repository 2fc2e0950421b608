/**
 * `kubectl explain RESOURCE[.FIELD…]` as kubectl 1.31 prints it from the server's OpenAPI v3
 * document (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): GROUP/KIND/VERSION, the
 * FIELD line for a field, DESCRIPTION wrapped at 76 columns and indented, then FIELDS sorted
 * by name, each `name<TAB><type>` with its description. The schemas are trimmed (explain-schemas.ts).
 */
import { resolveResource } from '../../api/resources';
import type { KubectlArgs } from '../args';
import { SCHEMAS, type FieldSchema, type TypeSchema } from './explain-schemas';
import type { KubectlResult } from './result';

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

/** go-wordwrap's WrapString: break at spaces so lines stay within `limit`; keeps existing newlines and long words. */
export function wrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current: string | null = null;
      for (const word of line.split(' ')) {
        if (current === null) current = word;
        else if (current.length > 0 && current.length + 1 + word.length > limit) {
          out.push(current);
          current = word;
        } else current += ` ${word}`;
      }
      out.push(current ?? '');
      return out.join('\n');
    })
    .join('\n');
}

const indent = (amount: number, text: string) => ' '.repeat(amount) + text.replace(/\n/g, `\n${' '.repeat(amount)}`);

function fieldList(schema: TypeSchema): string {
  return Object.keys(schema.fields)
    .sort()
    .map((name) => {
      const f = schema.fields[name];
      const enumLine = f.enum ? `\n  enum: ${f.enum.slice(0, 4).join(', ')}${f.enum.length > 4 ? ', ....' : ''}` : '';
      return `  ${name}\t<${f.type}>${f.required ? ' -required-' : ''}${enumLine}\n${indent(4, wrap(f.description, 76))}\n\n`;
    })
    .join('');
}

function body(description: string, schema: TypeSchema | undefined): string {
  return `DESCRIPTION:\n${indent(4, wrap(description, 76))}\n${schema && Object.keys(schema.fields).length > 0 ? `FIELDS:\n${fieldList(schema)}` : ''}`;
}

export function explain(args: KubectlArgs): KubectlResult {
  const [path] = args.operands;
  if (!path) return fail('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee \'kubectl explain -h\' for help and examples\n');
  if (args.operands.length > 1) return fail("error: We accept only this format: explain RESOURCE\nSee 'kubectl explain -h' for help and examples\n");
  const [resource, ...fieldPath] = path.split('.');
  const info = resolveResource(resource);
  if (!info) return fail(`error: the server doesn't have a resource type "${resource}"\n`);
  const root = SCHEMAS[info.kind];
  if (!root) return fail(`dockyard: kubectl explain ${info.plural} is not modelled in this sandbox yet; try pods, deployments, services or nodes\n`);
  if (args.flags.has('recursive')) return fail('dockyard: kubectl explain --recursive is not modelled in this sandbox yet\n');
  let head = `${info.group ? `GROUP:      ${info.group}\n` : ''}KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
  let schema: TypeSchema | undefined = root;
  let field: FieldSchema | undefined;
  for (const name of fieldPath) {
    field = schema?.fields[name];
    if (!field) return fail(`error: field "${name}" does not exist\n`);
    schema = field.ref ? SCHEMAS[field.ref] : undefined;
  }
  if (!field) return { stdout: `${head}${body(`${root.description}\n`, root)}\n`, stderr: '', exitCode: 0 };
  const name = fieldPath[fieldPath.length - 1];
  head += `FIELD: ${name} <${field.type}>\n${field.enum ? `ENUM:${field.enum.map((e) => `\n    ${e}`).join('')}` : ''}\n\n`;
  const description = `${field.description}\n${schema ? `${schema.description}\n` : ''}`;
  return { stdout: `${head}${body(description, schema)}\n`, stderr: '', exitCode: 0 };
}
