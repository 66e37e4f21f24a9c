// Imports: a file by its path on this machine (any size, no copy), or uploaded from the browser
// (which cannot tell the host a path) in chunks, with progress, the importer's error (file,
// line, field) when a line is bad, and the stored days the replay calendar now shows.

import { useEffect, useState } from 'react';
import { contiguousSpans, utcDay } from '../backtest/time';
import type { AuctioneerApi, EventPayload, RequestResult } from '../../../../core/api/contract';

type Progress = EventPayload<'settings.importProgress'>;
type Outcome = RequestResult<'settings.import'>;
type Calendar = RequestResult<'store.calendar'>;
type Ranges = RequestResult<'backtest.ranges'>;

const CHUNK_BYTES = 384 * 1024;
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function newId(): string {
  return `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function ImportSection({ api }: { api: AuctioneerApi }) {
  const [path, setPath] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [calendar, setCalendar] = useState<Calendar | null>(null);

  const [ranges, setRanges] = useState<Ranges | null>(null);
  const refreshCalendar = (): void => {
    void api.request('store.calendar', {}).then(setCalendar, () => setCalendar(null));
    void api.request('backtest.ranges', {}).then(setRanges, () => setRanges(null));
  };
  useEffect(refreshCalendar, [api]);
  useEffect(() => api.on('settings.importProgress', setProgress), [api]);

  const run = async (start: (importId: string) => Promise<Outcome>): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    setFailure(null);
    try {
      setOutcome(await start(newId()));
      refreshCalendar();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const importPath = (): Promise<void> => run((importId) => api.request('settings.import', { importId, source: { kind: 'path', path: path.trim() } }));

  const upload = (file: File): Promise<void> =>
    run(async (importId) => {
      if (file.size > MAX_UPLOAD_BYTES) throw new Error(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB: uploads stop at 64 MB, give its path instead`);
      const uploadId = newId();
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw new Error(`${file.name} is empty`);
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
        setProgress({ importId, file: file.name, stage: 'uploading', fraction: (offset / bytes.length) * 0.1, message: `sending ${(offset / 1e6).toFixed(1)} of ${(bytes.length / 1e6).toFixed(1)} MB` });
        await api.request('settings.uploadChunk', { uploadId, name: file.name, offset, totalBytes: bytes.length, dataBase64: toBase64(bytes.subarray(offset, offset + CHUNK_BYTES)) });
      }
      return api.request('settings.import', { importId, source: { kind: 'upload', uploadId } });
    });

  const problem = outcome && !outcome.ok ? outcome.problem : null;
  return (
    <section className="settings-card" data-testid="settings-import">
      <h2>Import data</h2>
      <p className="muted">Trades, quotes, klines, funding or open interest (plain or gzipped). Each file is imported whole or not at all; a file imported before adds nothing.</p>
      <div className="settings-row">
        <input className="grow" data-testid="import-path" placeholder="/path/on/this/machine/BTCUSDT-trades-2026-01-05.csv.gz" value={path} onChange={(e) => setPath(e.target.value)} />
        <button data-testid="import-path-button" disabled={busy || path.trim() === ''} onClick={() => void importPath()}>
          Import path
        </button>
        <label className="button-like">
          Upload a file…
          <input
            type="file"
            data-testid="import-upload"
            hidden
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      {progress && (
        <div className="import-progress" data-testid="import-progress" data-stage={progress.stage} data-rows={progress.rows ?? ''}>
          <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress.fraction * 100)}>
            <div className={progress.stage === 'failed' ? 'fill failed' : 'fill'} style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
          </div>
          <span>
            <b>{Math.round(progress.fraction * 100)}%</b> {progress.file}: {progress.stage} · {progress.message}
          </span>
        </div>
      )}
      {problem && (
        <div className="import-error" role="alert" data-testid="import-error">
          <b>Nothing was imported.</b> {problem.line > 0 ? `Line ${problem.line}, field “${problem.field}”: ${problem.detail}` : problem.detail}
          <div className="muted">{problem.file}</div>
        </div>
      )}
      {failure && (
        <div className="import-error" role="alert" data-testid="import-error">
          {failure}
        </div>
      )}
      {outcome?.ok && (
        <div className="import-done" data-testid="import-done">
          {outcome.summary.alreadyImported
            ? `${outcome.summary.file} was imported before: nothing added.`
            : `${outcome.summary.file} (${outcome.summary.format}): ${count(outcome.summary.tradesAdded, 'trade')}, ${count(outcome.summary.quotesAdded, 'quote')}, ${count(outcome.summary.barsWritten, 'bar')}${outcome.summary.otherRows ? `, ${count(outcome.summary.otherRows, 'row')}` : ''}.`}
        </div>
      )}
      <h3>Stored bars</h3>
      <StoredBars ranges={ranges} />
      <h3>Stored ticks {calendar?.instrument && <small className="muted">· {calendar.instrument}</small>}</h3>
      {!calendar || calendar.days.length === 0 ? (
        <p className="muted" data-testid="calendar-days">
          No ticks stored yet: import a trades file or capture an exchange.
        </p>
      ) : (
        <ol className="calendar-days" data-testid="calendar-days">
          {calendar.days.map((d) => (
            <li key={d.dayTs}>
              <b>{new Date(d.dayTs).toISOString().slice(0, 10)}</b>
              <span>
                {new Date(d.firstTs).toISOString().slice(11, 16)}–{new Date(d.lastTs).toISOString().slice(11, 16)} UTC
              </span>
              <span>{d.trades.toLocaleString('en-US')} trades</span>
              <span>{d.quotes.toLocaleString('en-US')} quotes</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Per instrument and timeframe, the stored bars: first to last day, how many, and in how many stretches of consecutive days. */
function StoredBars({ ranges }: { ranges: Ranges | null }) {
  const sets = (ranges?.instruments ?? []).flatMap((i) => i.bars.map((b) => ({ instrument: i.instrument, ...b })));
  if (sets.length === 0) {
    return (
      <p className="muted" data-testid="stored-bars">
        No bars stored yet: import klines or trades, or fetch history.
      </p>
    );
  }
  return (
    <ol className="calendar-days stored-bars" data-testid="stored-bars">
      {sets.map((b) => {
        const spans = contiguousSpans(b.days);
        const bars = b.days.reduce((n, d) => n + d.count, 0);
        return (
          <li key={`${b.instrument} ${b.timeframe}`} title={b.instrument}>
            <b>{b.timeframe}</b>
            <span>
              {utcDay(b.days[0]!.firstTs)} → {utcDay(b.days[b.days.length - 1]!.lastTs)}
            </span>
            <span>{bars.toLocaleString('en-US')} bars</span>
            <span title="Stretches of consecutive days; a day without bars splits them (gaps within a day are not counted)">
              {spans.length === 1 ? 'no day missing' : `${spans.length} stretches`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
