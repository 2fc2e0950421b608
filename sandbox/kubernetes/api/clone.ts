/** Deep copies of API objects, which are plain JSON-shaped data. */

/** A deep copy of plain data, dropping undefined members as JSON would. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : clone(item))) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = clone(item);
  return out as T;
}
