// JSON-safe serialization of a report: JSON has no Infinity or NaN (JSON.stringify would silently
// write null and lose the difference), so each non-finite number becomes null and its path is
// listed in a `nonFinite` map saying what it was, e.g. { "trades.profitFactor": "Infinity" }.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type NonFiniteTag = 'Infinity' | '-Infinity' | 'NaN';

export interface JsonSafe {
  value: JsonValue;
  /** Dotted path (array items as [i]) → the non-finite value replaced by null there. */
  nonFinite: Record<string, NonFiniteTag>;
}

function tag(n: number): NonFiniteTag {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function walk(v: unknown, path: string, nonFinite: Record<string, NonFiniteTag>): JsonValue | undefined {
  if (v === null) return null;
  switch (typeof v) {
    case 'number':
      if (Number.isFinite(v)) return Object.is(v, -0) ? 0 : v;
      nonFinite[path] = tag(v);
      return null;
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`toJsonSafe: bigint at ${path || '(root)'}`);
  }
  const obj = v as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') return walk(obj.toJSON(), path, nonFinite);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    // As JSON.stringify: an unrepresentable array item becomes null rather than shifting the rest.
    return Array.from(v as ArrayLike<unknown>, (item, i) => walk(item, `${path}[${i}]`, nonFinite) ?? null);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    const j = walk(item, path === '' ? k : `${path}.${k}`, nonFinite);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

export function toJsonSafe(value: unknown): JsonSafe {
  const nonFinite: Record<string, NonFiniteTag> = {};
  return { value: walk(value, '', nonFinite) ?? null, nonFinite };
}

/**
 * The JSON text of a report object: its own keys with non-finite numbers nulled, plus a
 * top-level "nonFinite" map (empty when everything was finite) so readers can restore them.
 */
export function stringifyJsonSafe(value: object, space?: number): string {
  const safe = toJsonSafe(value);
  const body = safe.value !== null && typeof safe.value === 'object' && !Array.isArray(safe.value) ? safe.value : { value: safe.value };
  return JSON.stringify({ ...body, nonFinite: safe.nonFinite }, null, space);
}

/** Inverse for readers: puts ±Infinity / NaN back at the listed paths of a parsed object. */
export function restoreNonFinite<T>(parsed: T, nonFinite: Record<string, NonFiniteTag>): T {
  for (const [path, t] of Object.entries(nonFinite)) {
    const keys = path.match(/[^.[\]]+/g) ?? [];
    let node: unknown = parsed;
    for (let i = 0; i < keys.length - 1 && node !== null && typeof node === 'object'; i++) {
      node = (node as Record<string, unknown>)[keys[i] as string];
    }
    const last = keys[keys.length - 1];
    if (last !== undefined && node !== null && typeof node === 'object') {
      (node as Record<string, unknown>)[last] = t === 'NaN' ? Number.NaN : t === 'Infinity' ? Infinity : -Infinity;
    }
  }
  return parsed;
}
