// The app's settings in the store: named JSON values (layout, alerts) and secrets, the latter
// only ever written sealed by the secret box, with the last 4 characters kept apart for display.

import type { Store } from '../../store/store';
import type { SecretBox } from './secret-box';

export const MASK = '••••••••';

export function masked(last4: string): string {
  return `${MASK}${last4}`;
}

export class SettingsStore {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  get<T>(name: string): T | null {
    const row = this.store.statement('SELECT value_json FROM app_settings WHERE name = ?').get(name) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : null;
  }

  set(name: string, value: unknown): void {
    this.store
      .statement('INSERT INTO app_settings (name, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at')
      .run(name, JSON.stringify(value), Date.now());
  }

  setSecret(name: string, plain: string, shown: string): void {
    this.store
      .statement('INSERT INTO secrets (name, ciphertext, last4, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, last4 = excluded.last4, updated_at = excluded.updated_at')
      .run(name, this.box.seal(plain), shown.slice(-4), Date.now());
  }

  secret(name: string): string | null {
    const row = this.store.statement('SELECT ciphertext FROM secrets WHERE name = ?').get(name) as { ciphertext: Buffer } | undefined;
    return row ? this.box.open(row.ciphertext) : null;
  }

  deleteSecret(name: string): void {
    this.store.statement('DELETE FROM secrets WHERE name = ?').run(name);
  }

  /** Secrets whose name starts with prefix, as the UI may see them (no plaintext). */
  listSecrets(prefix: string): Array<{ name: string; last4: string; updatedAt: number }> {
    const rows = this.store.statement(`SELECT name, last4, updated_at FROM secrets WHERE substr(name, 1, ?) = ? ORDER BY name`).all(prefix.length, prefix) as Array<{ name: string; last4: string; updated_at: number }>;
    return rows.map((r) => ({ name: r.name, last4: r.last4, updatedAt: r.updated_at }));
  }
}
