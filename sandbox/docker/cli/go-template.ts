/**
 * The part of Go's text/template that students use with `docker inspect -f`: `{{.A.B}}`,
 * `{{json .A}}`, `{{len .A}}`, `{{index .A "key"}}`, and `{{range .A}}…{{end}}` over a list or a
 * map's values (not nested), printing
 * values as Go's fmt does (`[a b]`, `map[k:v]` with sorted keys, `<no value>`).
 */
type Value = unknown;

function lookup(value: Value, path: string): Value {
  let current = value;
  for (const key of path.split('.').filter(Boolean)) current = current && typeof current === 'object' ? (current as Record<string, Value>)[key] : undefined;
  return current;
}

function show(value: Value): string {
  if (value === undefined) return '<no value>';
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(show).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${typeof v === 'object' && v !== null ? JSON.stringify(v) : show(v)}`).join(' ')}]`;
  }
  return String(value);
}

function fields(template: string, value: Value): string {
  return template
    .replace(/\{\{\s*len\s+\.([\w.]*)\s*\}\}/g, (_, path: string) => {
      const found = lookup(value, path);
      return String(Array.isArray(found) ? found.length : found && typeof found === 'object' ? Object.keys(found).length : typeof found === 'string' ? found.length : 0);
    })
    .replace(/\{\{\s*index\s+\.([\w.]*)\s+(?:"([^"]*)"|(\d+))\s*\}\}/g, (_, path: string, key: string | undefined, position: string | undefined) => {
      const found = lookup(value, path) as Record<string, Value> | Value[] | undefined;
      return show(found && typeof found === 'object' ? (found as Record<string, Value>)[key ?? Number(position)] : undefined);
    })
    .replace(/\{\{\s*(json\s+)?\.([\w.]*)\s*\}\}/g, (_, json: string | undefined, path: string) => {
      const found = lookup(value, path);
      return json ? JSON.stringify(found ?? null) : show(found);
    });
}

export function renderTemplate(template: string, value: Value): string {
  const ranged = template.replace(/\{\{\s*range\s+\.([\w.]*)\s*\}\}([\s\S]*?)\{\{\s*end\s*\}\}/g, (_, path: string, body: string) => {
    const found = lookup(value, path);
    if (!found || typeof found !== 'object') return '';
    const items = Array.isArray(found) ? found : Object.keys(found as object).sort().map((k) => (found as Record<string, Value>)[k]);
    return items.map((item) => fields(body, item)).join('');
  });
  return fields(ranged, value);
}
