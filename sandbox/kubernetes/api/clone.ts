/** Deep copies of API objects, which are plain JSON-shaped data, and the frozen form the store keeps. */

/** A deep copy of plain data, dropping undefined members as JSON would. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value[i] === undefined ? null : clone(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = clone(item);
  }
  return out as T;
}

/**
 * Freezes plain data all the way down, so it can be shared without copying: a write to any part
 * of it throws (modules run in strict mode) instead of changing what others see.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
