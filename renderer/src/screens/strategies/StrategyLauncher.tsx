// Picks a strategy, shows its parameters (defaults from its schema, editable) and starts a
// paper run of it on the simulated market, in real time or as fast as the machine goes.

import { useEffect, useMemo, useState } from 'react';
import type { RequestParams, RequestResult } from '../../../../core/api/contract';
import { ParamFields } from '../../forms/ParamFields';
import { changedSettings, fieldsOf, rawDefault, type RawValue } from '../../forms/schema-fields';

type Listing = RequestResult<'strategies.list'>['strategies'][number];

export interface StartRequest {
  strategyId: string;
  settings: Record<string, unknown>;
  feed: RequestParams<'strategies.start'>['feed'];
}

type FeedKind = 'sim' | 'exchange-sim' | 'exchange';

export function StrategyLauncher({ strategies, errors, busy, onStart }: { strategies: Listing[]; errors: Array<{ file: string; message: string }>; busy: boolean; onStart: (r: StartRequest) => void }) {
  const [selected, setSelected] = useState<string>('');
  const strategy = strategies.find((s) => s.id === selected) ?? strategies[0];
  const [seed, setSeed] = useState(1);
  const [speed, setSpeed] = useState<'realtime' | 'max'>('max');
  const [feedKind, setFeedKind] = useState<FeedKind>('sim');
  const [exchange, setExchange] = useState('binanceusdm');
  const [symbol, setSymbol] = useState('BTC/USDT:USDT');
  const feed = (): StartRequest['feed'] => (feedKind === 'sim' ? { kind: 'sim', seed, speed } : feedKind === 'exchange-sim' ? { kind: 'exchange-sim', seed } : { kind: 'exchange', exchange, symbol });
  const fields = useMemo(() => (strategy ? fieldsOf(strategy.paramsSchema, strategy.defaults) : []), [strategy]);
  const [values, setValues] = useState<Record<string, RawValue>>({});
  useEffect(() => setValues(Object.fromEntries(fields.map((f) => [f.key, rawDefault(f)]))), [fields]);
  const { settings, errors: invalid } = changedSettings(fields, values);
  const changed = Object.keys(settings).length;

  if (!strategy) return <section className="strat-panel launcher"><p className="muted">Loading strategies…</p></section>;
  return (
    <section className="strat-panel launcher" data-testid="strategy-launcher">
      <h2>Strategies</h2>
      <ul className="strategy-list" data-testid="strategy-list">
        {strategies.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className={s.id === strategy.id ? 'active' : ''}
              data-testid={`strategy-${s.id}`}
              onClick={() => setSelected(s.id)}
            >
              <b>{s.name}</b>
              <small>{s.file === undefined ? s.id : `${s.id} · ${s.file}`}</small>
            </button>
          </li>
        ))}
      </ul>
      {errors.map((e) => (
        <p key={e.file} className="strat-error">
          {e.file}: {e.message}
        </p>
      ))}
      <p className="strat-description">{strategy.description}</p>
      <h3>
        Parameters <small>{changed > 0 ? `${changed} changed` : 'seed defaults'}</small>
      </h3>
      <ParamFields testId="strategy-params" fields={fields} values={values} errors={invalid} onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))} />
      <h3>Feed</h3>
      <div className="param-grid">
        <label className="wide">
          <span>market</span>
          <select data-testid="run-feed" value={feedKind} onChange={(e) => setFeedKind(e.target.value as FeedKind)}>
            <option value="sim">simulated BTCUSDT perpetual</option>
            <option value="exchange-sim">local exchange simulator (ccxt)</option>
            <option value="exchange">exchange (ccxt.pro, internet)</option>
          </select>
        </label>
        {feedKind !== 'exchange' && (
          <label>
            <span>seed</span>
            <input data-testid="run-seed" value={seed} inputMode="numeric" onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
          </label>
        )}
        {feedKind === 'sim' && (
          <label>
            <span>speed</span>
            <select data-testid="run-speed" value={speed} onChange={(e) => setSpeed(e.target.value as 'realtime' | 'max')}>
              <option value="max">max (forward test)</option>
              <option value="realtime">real time</option>
            </select>
          </label>
        )}
        {feedKind === 'exchange' && (
          <>
            <label>
              <span>exchange</span>
              <input value={exchange} onChange={(e) => setExchange(e.target.value)} />
            </label>
            <label>
              <span>symbol</span>
              <input value={symbol} onChange={(e) => setSymbol(e.target.value)} />
            </label>
          </>
        )}
      </div>
      <button
        type="button"
        className="start"
        data-testid="start-run"
        disabled={busy || Object.keys(invalid).length > 0}
        onClick={() => onStart({ strategyId: strategy.id, settings, feed: feed() })}
      >
        Start paper run
      </button>
    </section>
  );
}
