// Strategies: start a strategy paper-trading (the same durable run as `auctioneer paper`), watch
// its state, account, fills and signals with their reason codes, read its monitoring log, stop it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunLogEntry, StrategyRun, StrategySignal } from '../../../core/api/areas/strategies';
import type { AuctioneerApi, RequestResult } from '../../../core/api/contract';
import { RunDetail } from './strategies/RunDetail';
import { RunList } from './strategies/RunList';
import { StrategyLauncher, type StartRequest } from './strategies/StrategyLauncher';
import './strategies/strategies.css';

type Listing = RequestResult<'strategies.list'>;
type Detail = RequestResult<'strategies.detail'>;

const LOG_KEEP = 500;

export function StrategiesScreen({ api }: { api: AuctioneerApi }) {
  const [listing, setListing] = useState<Listing>({ strategies: [], errors: [] });
  const [runs, setRuns] = useState<StrategyRun[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  const fillsShown = useRef(-1);

  const fail = (e: unknown): void => setError(e instanceof Error ? e.message : String(e));

  const loadDetail = useCallback(
    async (runId: string): Promise<void> => {
      const d = await api.request('strategies.detail', { runId });
      if (selectedRef.current !== runId) return;
      fillsShown.current = d.run.account.fills;
      setDetail(d);
    },
    [api],
  );

  useEffect(() => {
    void api.request('strategies.list', {}).then(setListing, fail);
    void api.request('strategies.runs', {}).then((r) => {
      setRuns(r.runs);
      setSelected((s) => s ?? r.runs.find((x) => x.state === 'running')?.runId ?? r.runs[r.runs.length - 1]?.runId ?? null);
    }, fail);
    const offRun = api.on('strategies.run', (run) => {
      setRuns((list) => (list.some((r) => r.runId === run.runId) ? list.map((r) => (r.runId === run.runId ? run : r)) : [...list, run]));
      if (run.runId !== selectedRef.current) return;
      setDetail((d) => (d ? { ...d, run } : d));
      // New fills: fetch them (the run pushes its state, not its fills).
      if (run.account.fills !== fillsShown.current) void loadDetail(run.runId).catch(fail);
    });
    const offLog = api.on('strategies.log', ({ runId, entries }) => {
      if (runId !== selectedRef.current) return;
      setDetail((d) => (d ? { ...d, log: [...d.log, ...entries].slice(-LOG_KEEP) } : d));
    });
    const offSignal = api.on('strategies.signal', (s: StrategySignal) => {
      if (s.runId !== selectedRef.current) return;
      setDetail((d) => (d ? { ...d, signals: [...d.signals, s].slice(-LOG_KEEP) } : d));
    });
    return () => {
      offRun();
      offLog();
      offSignal();
    };
  }, [api, loadDetail]);

  useEffect(() => {
    setDetail(null);
    fillsShown.current = -1;
    if (selected) void loadDetail(selected).catch(fail);
  }, [selected, loadDetail]);

  const start = async (r: StartRequest): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const run = await api.request('strategies.start', { strategyId: r.strategyId, settings: r.settings, feed: r.feed });
      setRuns((list) => [...list.filter((x) => x.runId !== run.runId), run]);
      setSelected(run.runId);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const stop = (runId: string): void => {
    void api.request('strategies.stop', { runId }).then((run) => setRuns((list) => list.map((x) => (x.runId === run.runId ? run : x))), fail);
  };

  const resume = (run: StrategyRun): void => {
    setError(null);
    void api.request('strategies.start', { strategyId: run.strategyId, settings: {}, feed: { kind: 'sim', seed: 1, speed: run.speed }, runId: run.runId }).then((r) => {
      setRuns((list) => list.map((x) => (x.runId === r.runId ? r : x)));
      setSelected(r.runId);
    }, fail);
  };

  const current: RunLogEntry[] = detail?.log ?? [];
  return (
    <main className="screen strategies-screen">
      {error && (
        <div className="banner error" role="alert" data-testid="strategies-error">
          {error}
        </div>
      )}
      <div className="strategies-layout">
        <StrategyLauncher strategies={listing.strategies} errors={listing.errors} busy={busy} onStart={(r) => void start(r)} />
        <div className="strategies-main">
          <RunList runs={runs} selected={selected} onSelect={setSelected} onStop={stop} onResume={resume} />
          {detail ? <RunDetail run={detail.run} fills={detail.fills} signals={detail.signals} log={current} /> : selected && <p className="muted">Loading run…</p>}
        </div>
      </div>
    </main>
  );
}
