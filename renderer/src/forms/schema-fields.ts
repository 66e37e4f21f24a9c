// A strategy's parameter form from its JSON Schema (as the host describes zod schemas): one field
// per property (number, integer, boolean, choice, several choices, or JSON for anything else),
// each checked as the trader types with a message saying what is wrong.

export type FieldKind = 'number' | 'integer' | 'boolean' | 'choice' | 'choices' | 'json';

export interface Field {
  readonly key: string;
  readonly kind: FieldKind;
  readonly defaultValue: unknown;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  readonly options?: readonly string[];
  /** Not required and without a default: left empty means "not set". */
  readonly optional: boolean;
  readonly description?: string;
}

/** What the trader has typed or picked, per field. */
export type RawValue = string | boolean | readonly string[];

type JsonSchema = Record<string, unknown>;
const SAFE_LIMIT = Number.MAX_SAFE_INTEGER;

function bound(v: unknown): number | undefined {
  return typeof v === 'number' && Math.abs(v) < SAFE_LIMIT ? v : undefined;
}

export function fieldsOf(schema: JsonSchema | null, defaults: Record<string, unknown>): Field[] {
  const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
  const keys = schema ? Object.keys(properties) : Object.keys(defaults);
  return keys.map((key): Field => {
    const p = properties[key] ?? {};
    const defaultValue = key in defaults ? defaults[key] : p['default'];
    const optional = defaultValue === undefined;
    const description = typeof p['description'] === 'string' ? p['description'] : undefined;
    const base = { key, defaultValue, optional, ...(description ? { description } : {}) };
    const type = p['type'];
    if (Array.isArray(p['enum']) && p['enum'].every((v) => typeof v === 'string')) return { ...base, kind: 'choice', options: p['enum'] as string[] };
    if (type === 'boolean') return { ...base, kind: 'boolean' };
    if (type === 'number' || type === 'integer') {
      const exMin = bound(p['exclusiveMinimum']);
      const exMax = bound(p['exclusiveMaximum']);
      const min = exMin ?? bound(p['minimum']);
      const max = exMax ?? bound(p['maximum']);
      return {
        ...base,
        kind: type === 'integer' ? 'integer' : 'number',
        ...(min !== undefined ? { min, exclusiveMin: exMin !== undefined } : {}),
        ...(max !== undefined ? { max, exclusiveMax: exMax !== undefined } : {}),
      };
    }
    const items = p['items'] as JsonSchema | undefined;
    if (type === 'array' && items && Array.isArray(items['enum'])) return { ...base, kind: 'choices', options: items['enum'] as string[] };
    return { ...base, kind: 'json' };
  });
}

/** The form's starting value of a field: its default. */
export function rawDefault(field: Field): RawValue {
  const d = field.defaultValue;
  switch (field.kind) {
    case 'boolean':
      return d === true;
    case 'choices':
      return Array.isArray(d) ? (d as string[]) : [];
    case 'choice':
      return typeof d === 'string' ? d : '';
    case 'json':
      return d === undefined ? '' : JSON.stringify(d);
    default:
      return typeof d === 'number' ? String(d) : '';
  }
}

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** The value a field's input stands for, or why it cannot be used. `undefined` value: not set. */
export function parseField(field: Field, raw: RawValue): Parsed {
  switch (field.kind) {
    case 'boolean':
      return { ok: true, value: raw === true };
    case 'choices':
      return { ok: true, value: [...(raw as readonly string[])] };
    case 'choice':
      return field.options?.includes(raw as string) ? { ok: true, value: raw } : { ok: false, error: `one of ${field.options?.join(', ')}` };
    case 'json': {
      const text = (raw as string).trim();
      if (text === '') return field.optional ? { ok: true, value: undefined } : { ok: false, error: 'required' };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, error: 'not valid JSON' };
      }
    }
    default: {
      const text = (raw as string).trim();
      if (text === '') return field.optional ? { ok: true, value: undefined } : { ok: false, error: 'required' };
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, error: 'must be a number' };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { ok: false, error: 'must be a whole number' };
      if (field.min !== undefined && (field.exclusiveMin ? n <= field.min : n < field.min)) return { ok: false, error: `must be ${field.exclusiveMin ? '>' : '≥'} ${field.min}` };
      if (field.max !== undefined && (field.exclusiveMax ? n >= field.max : n > field.max)) return { ok: false, error: `must be ${field.exclusiveMax ? '<' : '≤'} ${field.max}` };
      return { ok: true, value: n };
    }
  }
}

/**
 * The settings to send: only values that differ from their defaults (as `--set` would name
 * them), and the problems of the fields that do not parse.
 */
export function changedSettings(fields: readonly Field[], raws: Readonly<Record<string, RawValue>>): { settings: Record<string, unknown>; errors: Record<string, string> } {
  const settings: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = raws[f.key];
    if (raw === undefined) continue;
    const parsed = parseField(f, raw);
    if (!parsed.ok) errors[f.key] = parsed.error;
    else if (parsed.value !== undefined && JSON.stringify(parsed.value) !== JSON.stringify(f.defaultValue)) settings[f.key] = parsed.value;
  }
  return { settings, errors };
}

// Terms traders write in capitals, and units shown after the name instead of as its last word.
const ACRONYMS = new Map(['of', 'tp1', 'tp2', 'atr', 'lvn', 'hvn', 'poc', 'va', 'vah', 'val', 'cvd', 'bvc', 'ema', 'er', 'ny', 'oi'].map((w) => [w, w.toUpperCase()]));
const UNITS = new Map([
  ['ticks', 'ticks'],
  ['minutes', 'minutes'],
  ['bps', 'bps'],
  ['pct', '%'],
  ['ms', 'ms'],
  ['atr', 'ATR'],
  ['r', 'R'],
  ['8h', 'per 8h'],
]);

/** "stop_buffer_ticks" as "Stop buffer (ticks)", "breakout_tp1_r" as "Breakout TP1 (R)", "of_entry_min" as "OF entry min". */
export function labelOf(key: string): string {
  const words = key.split('_').filter((w) => w !== '');
  const last = words.length > 1 ? UNITS.get(words[words.length - 1]!) : undefined;
  if (last !== undefined) words.pop();
  const shown = words.map((w) => ACRONYMS.get(w) ?? w);
  const name = shown.join(' ');
  const capital = name.charAt(0).toUpperCase() + name.slice(1);
  return last === undefined ? capital : `${capital} (${last})`;
}
