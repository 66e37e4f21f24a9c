// Backtests: run a strategy over stored history (the form on the left), read its results
// (metrics, equity and drawdown, trades drawn on their candles) and compare earlier runs.

import { useCallback, useEffect, useState } from 'react';
import type { BacktestProgress, BacktestRanges, BacktestRunDetail, BacktestRunSummary, BacktestTrade } from '../../../core/api/areas/backtest';
import type { StrategyListing } from '../../../core/api/areas/strategy-listing';
import type { AuctioneerApi } from '../../../core/api/contract';
import { decimalsOf } from '../../../core/market/instrument';
import './backtest/backtest.css';
import { EquityPlots } from './backtest/EquityPlots';
import { runMetricRows, runReport } from './backtest/metrics';
import { MetricsTable } from './backtest/MetricsTable';
import { RunComparison } from './backtest/RunComparison';
import { RunForm } from './backtest/RunForm';
import { RunsList } from './backtest/RunsList';
import { runData } from './backtest/run-data';
import { utcMinute } from './backtest/time';
import { TradeChart } from './backtest/TradeChart';
import { TradeList } from './backtest/TradeList';

interface Catalogue {
  strategies: StrategyListing[];
  errors: Array<{ file: string; message: string }>;
  executionSchema: Record<string, unknown> | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function BacktestScreen({ api }: { api: AuctioneerApi }) {
  const [catalogue, setCatalogue] = useState<Catalogue>({ strategies: [], errors: [], executionSchema: null });
  const [ranges, setRanges] = useState<BacktestRanges | null>(null);
  const [runs, setRuns] = useState<BacktestRunSummary[]>([]);
  const [job, setJob] = useState<BacktestProgress | null>(null);
  const [detail, setDetail] = useState<BacktestRunDetail | null>(null);
  const [trade, setTrade] = useState<BacktestTrade | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const loadRuns = useCallback(async () => setRuns((await api.request('backtest.runs', {})).runs), [api]);
  const openRun = useCallback(
    async (id: number) => {
      try {
        const d = await api.request('backtest.run', { id });
        setDetail(d);
        setTrade(null);
      } catch (e) {
        setError(message(e));
      }
    },
    [api],
  );

  useEffect(() => {
    let live = true;
    Promise.all([api.request('backtest.strategies', {}), api.request('backtest.ranges', {}), api.request('backtest.runs', {}), api.request('backtest.jobs', {})])
      .then(([s, r, list, jobs]) => {
        if (!live) return;
        setCatalogue({ strategies: s.strategies, errors: s.errors, executionSchema: s.executionSchema });
        setRanges(r);
        setRuns(list.runs);
        setJob(jobs.jobs[0] ?? null);
        const newest = list.runs[0];
        if (newest) void openRun(newest.id);
      })
      .catch((e: unknown) => live && setError(message(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, openRun]);

  useEffect(
    () =>
      api.on('backtest.progress', (p) => {
        setJob((current) => (current === null || current.jobId === p.jobId || ['done', 'failed', 'cancelled'].includes(current.state) ? p : current));
        if (p.state === 'done' && p.runId !== undefined) {
          void loadRuns();
          void openRun(p.runId);
        }
      }),
    [api, loadRuns, openRun],
  );

  const pickedRuns = runs.filter((r) => picked.has(r.id));
  const decimals = detail ? decimalsOf(detail.summary.tickSize) : 2;

  return (
    <main className="bt-screen" data-testid="backtest-screen">
      <RunForm
        api={api}
        strategies={catalogue.strategies}
        loadErrors={catalogue.errors}
        executionSchema={catalogue.executionSchema}
        ranges={ranges}
        job={job}
        // Its first events may come before the reply: keep them rather than going back to "queued".
        onStarted={(jobId) => setJob((current) => (current?.jobId === jobId ? current : { jobId, strategy: '', mode: 'bars', state: 'queued', fraction: 0 }))}
      />
      <div className="bt-main">
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        {comparing && pickedRuns.length >= 2 && <RunComparison runs={pickedRuns} onClose={() => setComparing(false)} />}
        {detail ? (
          <section className="bt-result" data-testid="bt-result" data-run={detail.summary.id}>
            <header className="bt-result-head">
              <h2>
                Run {detail.summary.id} · {catalogue.strategies.find((s) => s.id === detail.summary.strategy)?.name ?? detail.summary.strategy}
              </h2>
              <span className="muted">
                {detail.summary.instrument} · {runData(detail.summary)} · {utcMinute(detail.summary.fromTs)} → {utcMinute(detail.summary.toTs)} UTC · {detail.trades.length} trades
              </span>
            </header>
            <div className="bt-result-top">
              <EquityPlots equity={detail.equity} />
              <MetricsTable rows={runMetricRows(runReport(detail.summary))} />
            </div>
            <div className="bt-result-trades">
              <TradeList trades={detail.trades} decimals={decimals} selected={trade?.seq ?? null} onSelect={setTrade} />
              <TradeChart api={api} instrument={detail.summary.instrument} timeframe={detail.summary.timeframe} decimals={decimals} trade={trade} />
            </div>
          </section>
        ) : (
          <section className="bt-result empty muted">{loading ? 'Loading…' : 'No run open: run a backtest, or open an earlier run below.'}</section>
        )}
        <section className="bt-history">
          <header>
            <h3>Earlier runs</h3>
            <button type="button" data-testid="bt-compare-button" disabled={pickedRuns.length < 2} onClick={() => setComparing(true)}>
              Compare {pickedRuns.length >= 2 ? `${pickedRuns.length} runs` : '(tick 2 or more)'}
            </button>
          </header>
          <RunsList
            runs={runs}
            openId={detail?.summary.id ?? null}
            picked={picked}
            onOpen={(id) => void openRun(id)}
            onPick={(id, on) =>
              setPicked((s) => {
                const next = new Set(s);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
          />
        </section>
      </div>
    </main>
  );
}
