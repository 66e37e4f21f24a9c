// The "new backtest" form: strategy, range from what the store holds, mode, the strategy's
// parameters and the execution costs (both forms built from their schemas), Run with progress.

import { useEffect, useMemo, useState } from 'react';
import type { BacktestProgress, BacktestRanges } from '../../../../core/api/areas/backtest';
import type { Timeframe } from '../../../../core/market/timeframes';
import type { StrategyListing } from '../../../../core/api/areas/strategy-listing';
import type { AuctioneerApi } from '../../../../core/api/contract';
import { ParamFields } from '../../forms/ParamFields';
import { changedSettings, fieldsOf, rawDefault, type Field, type RawValue } from '../../forms/schema-fields';
import { contiguousSpans, fromInputValue, spanLength, toInputValue, utcMinute, type Span } from './time';

/** Execution keys a trader sets per run; the rest keep the seed's values. */
const EXECUTION_KEYS = ['initial_balance', 'taker_fee_bps', 'maker_fee_bps', 'slippage_ticks_entry', 'slippage_ticks_exit', 'slippage_bps', 'funding_model', 'funding_rate_8h', 'bar_market_price'];

interface Props {
  readonly api: AuctioneerApi;
  readonly strategies: readonly StrategyListing[];
  readonly loadErrors: ReadonlyArray<{ file: string; message: string }>;
  readonly executionSchema: Record<string, unknown> | null;
  readonly ranges: BacktestRanges | null;
  readonly job: BacktestProgress | null;
  readonly onStarted: (jobId: string) => void;
}

const defaults = (fields: readonly Field[]): Record<string, RawValue> => Object.fromEntries(fields.map((f) => [f.key, rawDefault(f)]));

export function RunForm({ api, strategies, loadErrors, executionSchema, ranges, job, onStarted }: Props) {
  const [strategyId, setStrategyId] = useState('');
  const strategy = strategies.find((s) => s.id === strategyId) ?? strategies[0] ?? null;
  const paramFields = useMemo(() => (strategy ? fieldsOf(strategy.paramsSchema, strategy.defaults) : []), [strategy]);
  const executionFields = useMemo(() => fieldsOf(executionSchema, {}).filter((f) => EXECUTION_KEYS.includes(f.key)), [executionSchema]);
  const [params, setParams] = useState<Record<string, RawValue>>({});
  const [execution, setExecution] = useState<Record<string, RawValue>>({});
  const [instrument, setInstrument] = useState('');
  const [mode, setMode] = useState<'bars' | 'ticks'>('bars');
  const [timeframe, setTimeframe] = useState<Timeframe | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setParams(defaults(paramFields)), [paramFields]);
  useEffect(() => setExecution(defaults(executionFields)), [executionFields]);

  const held = ranges?.instruments.find((i) => i.instrument === instrument) ?? ranges?.instruments[0] ?? null;
  // Bar mode runs on one stored timeframe: the one chosen, else 1m, else the first held (klines
  // imported at 15m or 1h are stored at their own interval).
  const barSets = held?.bars ?? [];
  const bars = barSets.find((b) => b.timeframe === timeframe) ?? barSets.find((b) => b.timeframe === '1m') ?? barSets[0] ?? null;
  const runTimeframe: Timeframe = mode === 'bars' && bars ? bars.timeframe : '1m';
  const spans: Span[] = useMemo(() => contiguousSpans(mode === 'bars' ? (bars?.days ?? []) : (held?.tickDays ?? [])), [bars, held, mode]);
  // Start on the newest stored span, the data a trader most likely just imported.
  useEffect(() => {
    const last = spans[spans.length - 1];
    if (!last) return;
    setFrom((f) => (f === '' ? toInputValue(last.fromTs) : f));
    setTo((t) => (t === '' ? toInputValue(last.toTs) : t));
  }, [spans]);

  const p = changedSettings(paramFields, params);
  const e = changedSettings(executionFields, execution);
  const fromTs = fromInputValue(from);
  const toTs = fromInputValue(to);
  const rangeError = !Number.isFinite(fromTs) || !Number.isFinite(toTs) ? 'times as YYYY-MM-DD HH:MM (UTC)' : toTs <= fromTs ? 'the range must end after it starts' : null;
  const invalid = Object.keys(p.errors).length + Object.keys(e.errors).length > 0 || rangeError !== null || !strategy || !held;
  const running = job !== null && !['done', 'failed', 'cancelled'].includes(job.state);

  const run = async (): Promise<void> => {
    if (!strategy || !held || invalid) return;
    setError(null);
    try {
      const { jobId } = await api.request('backtest.start', { strategy: strategy.id, settings: { ...p.settings, ...e.settings }, instrument: held.instrument, fromTs, toTs, mode, timeframe: runTimeframe });
      onStarted(jobId);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const cancel = async (): Promise<void> => {
    if (job) await api.request('backtest.cancel', { jobId: job.jobId });
  };

  return (
    <aside className="bt-form" data-testid="backtest-form">
      <h2>New backtest</h2>
      <label className="bt-row">
        <span>Strategy</span>
        <select data-testid="bt-strategy" value={strategy?.id ?? ''} onChange={(ev) => setStrategyId(ev.target.value)}>
          {strategies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.source === 'user' ? ' (yours)' : ''}
            </option>
          ))}
        </select>
      </label>
      {strategy && <p className="bt-note muted">{strategy.description}</p>}
      {loadErrors.map((l) => (
        <p key={l.file} className="bt-note warn" title={l.message}>
          {l.file.split(/[\\/]/).pop()}: did not load ({l.message.split('\n')[0]})
        </p>
      ))}

      <h3>Data</h3>
      {!held ? (
        <p className="bt-note muted" data-testid="bt-no-data">
          The store holds no history yet: import bars or ticks (Data &amp; settings, or <code>auctioneer import</code>).
        </p>
      ) : (
        <>
          {(ranges?.instruments.length ?? 0) > 1 && (
            <label className="bt-row">
              <span>Instrument</span>
              <select value={held.instrument} onChange={(ev) => setInstrument(ev.target.value)}>
                {ranges?.instruments.map((i) => (
                  <option key={i.instrument}>{i.instrument}</option>
                ))}
              </select>
            </label>
          )}
          <div className="bt-row">
            <span>Mode</span>
            <span className="bt-segmented">
              {(['bars', 'ticks'] as const).map((m) => (
                <button key={m} type="button" className={mode === m ? 'on' : ''} data-testid={`bt-mode-${m}`} disabled={m === 'bars' ? barSets.length === 0 : held.tickDays.length === 0} onClick={() => setMode(m)}>
                  {m === 'bars' ? 'Bars' : 'Ticks'}
                </button>
              ))}
            </span>
          </div>
          {mode === 'bars' && barSets.length > 0 && (
            <label className="bt-row">
              <span>Bars</span>
              <select
                data-testid="bt-timeframe"
                value={runTimeframe}
                title="The stored bars the run steps through: 1m bars, or klines at the interval they were imported at"
                onChange={(ev) => {
                  setTimeframe(ev.target.value as Timeframe);
                  // The range follows the data of the new timeframe.
                  setFrom('');
                  setTo('');
                }}
              >
                {barSets.map((b) => (
                  <option key={b.timeframe} value={b.timeframe}>
                    {b.timeframe}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="bt-spans" data-testid="bt-spans">
            {spans.length === 0 && <span className="muted">No {mode === 'bars' ? `${runTimeframe} bars` : 'ticks'} stored.</span>}
            {spans.map((s) => {
              const on = fromTs === s.fromTs && toTs === s.toTs;
              return (
                <button
                  key={s.fromTs}
                  type="button"
                  className={on ? 'on' : ''}
                  title={`${utcMinute(s.fromTs)} to ${utcMinute(s.toTs)} UTC, ${s.count.toLocaleString('en-US')} ${mode === 'bars' ? 'bars' : 'trades'}`}
                  onClick={() => {
                    setFrom(toInputValue(s.fromTs));
                    setTo(toInputValue(s.toTs));
                  }}
                >
                  {utcMinute(s.fromTs).slice(0, 10)} · {spanLength(s.toTs - s.fromTs)}
                </button>
              );
            })}
          </div>
          <label className="bt-row">
            <span>From (UTC)</span>
            <input type="text" placeholder="YYYY-MM-DD HH:MM" data-testid="bt-from" value={from} onChange={(ev) => setFrom(ev.target.value)} />
          </label>
          <label className="bt-row">
            <span>To (UTC)</span>
            <input type="text" placeholder="YYYY-MM-DD HH:MM" data-testid="bt-to" value={to} onChange={(ev) => setTo(ev.target.value)} />
          </label>
          {rangeError && <p className="param-field-error">{rangeError}</p>}
        </>
      )}

      <h3>Parameters</h3>
      <ParamFields testId="bt-params" fields={paramFields} values={params} errors={p.errors} onChange={(k, v) => setParams((s) => ({ ...s, [k]: v }))} />
      <h3>Execution</h3>
      <ParamFields testId="bt-execution" fields={executionFields} values={execution} errors={e.errors} onChange={(k, v) => setExecution((s) => ({ ...s, [k]: v }))} />

      <div className="bt-run">
        {running ? (
          <>
            <div className="bt-progress" data-testid="bt-progress" role="progressbar" aria-valuenow={Math.round((job?.fraction ?? 0) * 100)}>
              <div style={{ width: `${Math.round((job?.fraction ?? 0) * 100)}%` }} />
              <span>
                {job?.state} {Math.round((job?.fraction ?? 0) * 100)}%
              </span>
            </div>
            <button type="button" data-testid="bt-cancel" onClick={() => void cancel()}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="primary" data-testid="bt-run" disabled={invalid} onClick={() => void run()}>
            Run backtest
          </button>
        )}
      </div>
      {Object.keys(p.settings).length + Object.keys(e.settings).length > 0 && (
        <p className="bt-note muted" data-testid="bt-cli-equivalent" title="The same run from the command line">
          {Object.entries({ ...p.settings, ...e.settings })
            .map(([k, v]) => `--set ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(' ')}
        </p>
      )}
      {job?.state === 'failed' && <p className="bt-error" role="alert">Run failed: {job.message}</p>}
      {job?.state === 'cancelled' && <p className="bt-note muted">Run cancelled.</p>}
      {error && (
        <p className="bt-error" role="alert">
          {error}
        </p>
      )}
    </aside>
  );
}
