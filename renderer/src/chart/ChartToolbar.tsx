// The chart's controls: timeframe, footprint mode, price step of the footprint rows, and which
// volume profile stands at the side.

import type { ProfileKind } from '../../../core/api/areas/market';
import { CHART_TIMEFRAMES, PRICE_STEPS, useChartStore, type FootprintMode, type PriceStep } from './chart-store';

const MODES: { id: FootprintMode; label: string; title: string }[] = [
  { id: 'bidask', label: 'Bid×Ask', title: 'volume at the bid x volume at the ask per level' },
  { id: 'delta', label: 'Delta', title: 'ask − bid per level' },
  { id: 'volume', label: 'Volume', title: 'total volume per level' },
];

const PROFILES: { id: ProfileKind; label: string }[] = [
  { id: 'rolling', label: 'Rolling 4h' },
  { id: 'session', label: 'Session' },
  { id: 'range', label: 'Visible range' },
];

export function ChartToolbar() {
  const { timeframe, mode, step, profileKind, set } = useChartStore();
  const profile = useChartStore((s) => s.profile);
  return (
    <div className="chart-toolbar" data-testid="chart-toolbar">
      <div className="seg" role="group" aria-label="timeframe">
        {CHART_TIMEFRAMES.map((tf) => (
          <button key={tf} type="button" className={tf === timeframe ? 'on' : ''} data-testid={`tf-${tf}`} onClick={() => set({ timeframe: tf })}>
            {tf}
          </button>
        ))}
      </div>
      <div className="seg" role="group" aria-label="footprint mode">
        {MODES.map((m) => (
          <button key={m.id} type="button" title={m.title} className={m.id === mode ? 'on' : ''} data-testid={`fp-mode-${m.id}`} onClick={() => set({ mode: m.id })}>
            {m.label}
          </button>
        ))}
      </div>
      <label className="tool">
        Step
        <select data-testid="fp-step" value={step} onChange={(e) => set({ step: (e.target.value === 'auto' ? 'auto' : Number(e.target.value)) as PriceStep })}>
          {PRICE_STEPS.map((s) => (
            <option key={s} value={s}>
              {s === 'auto' ? 'Auto' : `${s} USD`}
            </option>
          ))}
        </select>
      </label>
      <label className="tool">
        Profile
        <select data-testid="profile-kind" value={profileKind} onChange={(e) => set({ profileKind: e.target.value as ProfileKind })}>
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <span className="muted profile-note" data-testid="profile-note">
        {profile ? profile.note : 'profile loading…'}
      </span>
      <span className="muted hint">drag to pan · wheel to zoom · double-click: back to live</span>
    </div>
  );
}
