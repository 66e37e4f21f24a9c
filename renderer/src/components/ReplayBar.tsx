// Replay controls: which stored day, play and pause, step one bar, speed 1x to 1000x, jump to a
// time, and the replay clock. Shown while the feed is a replay.

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestResult } from '../../../core/api/contract';
import { useMarketStore } from '../store/market-store';

const SPEEDS = [1, 2, 5, 10, 30, 60, 120, 300, 1000];
type Calendar = RequestResult<'store.calendar'>;

const utc = (ts: number): string => new Date(ts).toISOString().replace('T', ' ').slice(0, 19);

export function ReplayBar({ api }: { api: AuctioneerApi }) {
  const replay = useMarketStore((s) => s.replay);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [jumpTo, setJumpTo] = useState('');

  useEffect(() => {
    if (replay) void api.request('store.calendar', {}).then(setCalendar, () => setCalendar(null));
  }, [api, replay?.fromTs]);

  if (!replay) return null;
  const control = (params: Parameters<AuctioneerApi['request']>[1] & object): void => {
    void api
      .request('replay.control', params as never)
      .then((state) => useMarketStore.getState().setReplay(state))
      .catch((e: unknown) => useMarketStore.getState().setError(e instanceof Error ? e.message : String(e)));
  };
  const span = replay.toTs - replay.fromTs;
  const progress = span > 0 ? ((replay.marketTs - replay.fromTs) / span) * 100 : 0;
  return (
    <div className="replay-bar" data-testid="replay-bar">
      <span className="replay-badge">REPLAY</span>
      <select
        aria-label="Stored day"
        value={calendar?.days.find((d) => d.firstTs <= replay.fromTs && d.lastTs >= replay.fromTs)?.dayTs ?? ''}
        onChange={(e) => {
          const day = calendar?.days.find((d) => d.dayTs === Number(e.target.value));
          if (day) void api.request('feed.connect', { source: 'replay', fromTs: day.firstTs, toTs: day.lastTs + 1, speed: replay.speed });
        }}
      >
        {calendar?.days.map((d) => (
          <option key={d.dayTs} value={d.dayTs}>
            {new Date(d.dayTs).toISOString().slice(0, 10)} · {d.trades.toLocaleString()} trades
          </option>
        ))}
      </select>
      <button data-testid="replay-play" onClick={() => control(replay.playing ? { action: 'pause' } : { action: 'play' })} disabled={replay.finished}>
        {replay.playing ? 'Pause' : 'Play'}
      </button>
      <button data-testid="replay-step" onClick={() => control({ action: 'step' })} disabled={replay.finished}>
        Step bar
      </button>
      <select aria-label="Speed" data-testid="replay-speed" value={replay.speed} onChange={(e) => control({ action: 'speed', speed: Number(e.target.value) })}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}x
          </option>
        ))}
      </select>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const ts = Date.parse(`${jumpTo.replace(' ', 'T')}Z`);
          if (Number.isFinite(ts)) control({ action: 'jump', ts });
          else useMarketStore.getState().setError(`Not a time: "${jumpTo}" (use YYYY-MM-DD HH:MM:SS, UTC)`);
        }}
      >
        <input aria-label="Jump to (UTC)" placeholder="jump to YYYY-MM-DD HH:MM:SS" value={jumpTo} onChange={(e) => setJumpTo(e.target.value)} />
      </form>
      <span className="replay-clock" data-testid="replay-clock">
        {utc(replay.marketTs)} UTC
      </span>
      <div className="replay-progress">
        <div style={{ width: `${progress}%` }} />
      </div>
    </div>
  );
}
