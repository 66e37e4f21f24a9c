// The inputs of a parameter form (a strategy's, the execution costs'): one per schema field, with
// its default as the hint and the validation message under a field that cannot be used. The
// backtest form and the paper-run launcher share it.

import './param-fields.css';
import { labelOf, type Field, type RawValue } from './schema-fields';

interface Props {
  readonly fields: readonly Field[];
  readonly values: Readonly<Record<string, RawValue>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (key: string, value: RawValue) => void;
  readonly testId: string;
}

function defaultText(f: Field): string {
  return f.defaultValue === undefined ? 'not set' : Array.isArray(f.defaultValue) ? f.defaultValue.join(', ') : String(f.defaultValue);
}

export function ParamFields({ fields, values, errors, onChange, testId }: Props) {
  if (fields.length === 0) return <p className="muted param-note">No parameters.</p>;
  return (
    <div className="param-fields" data-testid={testId}>
      {fields.map((f) => {
        const raw = values[f.key];
        const error = errors[f.key];
        const changed = raw !== undefined && JSON.stringify(raw) !== JSON.stringify(defaultFor(f));
        return (
          <label key={f.key} className={`param-field${error ? ' invalid' : ''}${changed ? ' changed' : ''}`} title={`${f.key} (default ${defaultText(f)})${f.description ? `: ${f.description}` : ''}`}>
            <span className="param-field-label">{labelOf(f.key)}</span>
            <FieldInput field={f} raw={raw} onChange={(v) => onChange(f.key, v)} />
            {error && <span className="param-field-error" role="alert">{error}</span>}
          </label>
        );
      })}
    </div>
  );
}

function defaultFor(f: Field): RawValue {
  const d = f.defaultValue;
  if (f.kind === 'boolean') return d === true;
  if (f.kind === 'choices') return Array.isArray(d) ? (d as string[]) : [];
  if (f.kind === 'json') return d === undefined ? '' : JSON.stringify(d);
  return d === undefined ? '' : String(d);
}

function FieldInput({ field, raw, onChange }: { field: Field; raw: RawValue | undefined; onChange: (v: RawValue) => void }) {
  switch (field.kind) {
    case 'boolean':
      return <input type="checkbox" name={field.key} checked={raw === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'choice':
      return (
        <select name={field.key} value={typeof raw === 'string' ? raw : ''} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'choices': {
      const picked = Array.isArray(raw) ? (raw as readonly string[]) : [];
      return (
        <span className="param-choices">
          {field.options?.map((o) => (
            <label key={o}>
              <input type="checkbox" checked={picked.includes(o)} onChange={(e) => onChange(e.target.checked ? field.options!.filter((x) => x === o || picked.includes(x)) : picked.filter((x) => x !== o))} />
              {o}
            </label>
          ))}
        </span>
      );
    }
    case 'json':
      return <input type="text" name={field.key} value={typeof raw === 'string' ? raw : ''} placeholder={field.optional ? 'not set' : ''} onChange={(e) => onChange(e.target.value)} />;
    default:
      return (
        <input
          type="text"
          inputMode="decimal"
          name={field.key}
          value={typeof raw === 'string' ? raw : ''}
          placeholder={field.optional ? 'not set' : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
