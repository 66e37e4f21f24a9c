// Exchange API keys: sealed by the host before they are stored (the OS keychain in the desktop
// app), never sent back in full: the list shows the last 4 characters. Replace or delete them.

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestResult } from '../../../../core/api/contract';

type Keys = RequestResult<'settings.keys.list'>;

export function ApiKeysSection({ api }: { api: AuctioneerApi }) {
  const [keys, setKeys] = useState<Keys>([]);
  const [exchange, setExchange] = useState('binanceusdm');
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void api.request('settings.keys.list', {}).then(setKeys, (e: unknown) => setError(String(e))), [api]);

  const save = async (): Promise<void> => {
    try {
      setKeys(await api.request('settings.keys.set', { exchange: exchange.trim(), apiKey: apiKey.trim(), apiSecret: apiSecret.trim() }));
      // The form forgets what was typed: the key now lives only in the host, sealed.
      setApiKey('');
      setApiSecret('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="settings-card" data-testid="settings-keys">
      <h2>API keys</h2>
      <p className="muted">Stored encrypted; shown back only by their last 4 characters. Market data needs no key.</p>
      {keys.length > 0 && (
        <ol className="key-list" data-testid="key-list">
          {keys.map((k) => (
            <li key={k.exchange}>
              <b>{k.exchange}</b>
              <code data-testid={`key-masked-${k.exchange}`}>{k.apiKeyMasked}</code>
              <span className="muted">{k.hasSecret ? 'with secret' : 'no secret'} · {new Date(k.updatedAt).toISOString().slice(0, 10)}</span>
              <button onClick={() => setExchange(k.exchange)} title="type a new key below to replace it">
                Replace
              </button>
              <button data-testid={`key-delete-${k.exchange}`} onClick={() => void api.request('settings.keys.delete', { exchange: k.exchange }).then(setKeys)}>
                Delete
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="settings-row">
        <input data-testid="key-exchange" value={exchange} onChange={(e) => setExchange(e.target.value)} placeholder="ccxt exchange id" />
        <input className="grow" data-testid="key-api-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="API key" />
        <input className="grow" data-testid="key-api-secret" type="password" autoComplete="off" value={apiSecret} onChange={(e) => setApiSecret(e.target.value)} placeholder="API secret" />
        <button data-testid="key-save" disabled={apiKey.trim().length < 4 || exchange.trim() === ''} onClick={() => void save()}>
          {keys.some((k) => k.exchange === exchange.trim()) ? 'Replace key' : 'Save key'}
        </button>
      </div>
      {error && <div className="import-error">{error}</div>}
    </section>
  );
}
