// The auction at a glance (seed 002 Phase 1 widgets, seed 003 features): market state and
// distance from POC, the session and the setup it favours, the aggression score (0-100), the
// nearest LVN of the chart's profile, and the last minute's order flow — OF, normalised OF,
// quote imbalance, ambiguous share, BVC and CVD.

import { decimalsOf, fromTicks } from '../../../core/market/instrument';
import { useChartStore } from '../chart/chart-store';
import { useMarketStore, type MinuteFeatures } from '../store/market-store';

/** Seed 002's LVN alert distance: price within 0.5% of an LVN. */
const LVN_NEAR_PCT = 0.5;

const STATE_LABEL: Record<NonNullable<MinuteFeatures['marketState']>, string> = {
  BALANCE: 'Balance',
  IMBALANCE_UP: 'Imbalance ↑',
  IMBALANCE_DOWN: 'Imbalance ↓',
};

const SESSION_LABEL: Record<NonNullable<MinuteFeatures['session']>, string> = {
  ASIA: 'Asia',
  LONDON: 'London',
  NY_AM: 'New York AM',
  NY_PM: 'New York PM',
};

function signed(v: number | null, digits: number): string {
  if (v === null) return '—';
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;
}

function tone(v: number | null): string {
  return v === null || v === 0 ? '' : v > 0 ? 'up' : 'down';
}

/** The LVN of the chart's profile nearest to a price (ticks), with its distance in percent. */
export function nearestLvn(lvnTicks: readonly number[], binTicks: number, priceTicks: number): { lvn: number; pct: number } | null {
  let best: { lvn: number; pct: number } | null = null;
  for (const low of lvnTicks) {
    const mid = low + binTicks / 2;
    const pct = ((priceTicks - mid) / mid) * 100;
    if (!best || Math.abs(pct) < Math.abs(best.pct)) best = { lvn: mid, pct };
  }
  return best;
}

function AggressionMeter({ aggression }: { aggression: MinuteFeatures['aggression'] }) {
  if (!aggression) return <>—</>;
  const buy = aggression.direction === 'BUY';
  // The seed gives a direction even when no condition scored (the sign of the CVD momentum);
  // "0 buyers" read as a contradiction, so a zero score names no side.
  const who = aggression.score === 0 ? 'quiet' : buy ? 'buyers' : 'sellers';
  return (
    <span className="meter-row">
      <b className={aggression.score >= 70 ? (buy ? 'up' : 'down') : ''}>{aggression.score}</b>
      <span className="meter" aria-hidden>
        <span className={buy ? 'fill up-bg' : 'fill down-bg'} style={{ width: `${aggression.score}%` }} />
      </span>
      <small title="0-100 (seed 002): volume spike 30, CVD momentum 40, buy pressure 30">{who}</small>
    </span>
  );
}

function LvnProximity() {
  const profile = useChartStore((s) => s.profile);
  const last = useMarketStore((s) => s.lastTrade?.price ?? null);
  const instrument = useMarketStore((s) => s.instrument);
  if (!profile?.available || last === null || !instrument) return <>—</>;
  const near = nearestLvn(profile.lvn, profile.binTicks, last);
  if (!near) return <>no LVN in the {profile.kind} profile</>;
  const close = Math.abs(near.pct) <= LVN_NEAR_PCT;
  return (
    <span className={close ? 'warn' : ''} title={`${profile.kind} profile; within ${LVN_NEAR_PCT}% is near (seed 002)`}>
      {fromTicks(near.lvn, instrument.tickSize).toFixed(decimalsOf(instrument.tickSize))} <small>· {Math.abs(near.pct).toFixed(2)}% {near.pct >= 0 ? 'below' : 'above'}</small>
    </span>
  );
}

export function OrderFlowPanel() {
  const f = useMarketStore((s) => s.features);
  return (
    <section className="flow-panel" data-testid="order-flow-panel">
      <h2>Auction &amp; order flow</h2>
      {!f ? (
        <div className="empty">Waiting for the first closed minute…</div>
      ) : (
        <dl>
          <dt>State</dt>
          <dd data-testid="market-state" className={f.marketState === 'IMBALANCE_UP' ? 'up' : f.marketState === 'IMBALANCE_DOWN' ? 'down' : ''}>
            {f.marketState ? STATE_LABEL[f.marketState] : 'value area building'}
            {f.distanceFromPocPct !== null && <small> · {f.distanceFromPocPct.toFixed(2)}% from POC</small>}
          </dd>
          <dt>Session</dt>
          <dd data-testid="session">
            {f.session ? SESSION_LABEL[f.session] : 'between sessions'}
            {f.favouredSetup && <small> · favours {f.favouredSetup === 'TREND_MODEL' ? 'trend model' : f.favouredSetup}</small>}
          </dd>
          <dt>Aggression</dt>
          <dd data-testid="aggression">
            <AggressionMeter aggression={f.aggression} />
          </dd>
          <dt>Nearest LVN</dt>
          <dd data-testid="lvn-proximity">
            <LvnProximity />
          </dd>
          <dt>OF 1m</dt>
          <dd data-testid="of-1m" className={tone(f.of1m)}>
            {signed(f.of1m, 3)}
            {f.ofNorm1m !== null && <small> ({signed(f.ofNorm1m * 100, 1)}%)</small>}
          </dd>
          <dt>Quote imb.</dt>
          <dd data-testid="qimb" className={tone(f.qimb)}>
            {signed(f.qimb, 2)}
          </dd>
          <dt>Ambiguous</dt>
          <dd data-testid="ambiguous" className={f.ambiguousFrac !== null && f.ambiguousFrac > 0.35 ? 'warn' : ''}>
            {f.ambiguousFrac === null ? '—' : `${(f.ambiguousFrac * 100).toFixed(1)}%`}
          </dd>
          <dt>BVC buy</dt>
          <dd data-testid="bvc">
            {f.bvcBuyFrac === null ? (
              <small title="BVC needs a full window of 1-minute close-to-close changes (240 by default, seed 003 §5.7)">warming up</small>
            ) : (
              `${(f.bvcBuyFrac * 100).toFixed(0)}%`
            )}
          </dd>
          <dt>CVD</dt>
          <dd data-testid="cvd" className={tone(f.cvd)}>
            {signed(f.cvd, 2)}
          </dd>
          <dt>σ 240</dt>
          <dd>{f.sigma240 === null ? '—' : `${(f.sigma240 * 1e4).toFixed(2)} bp`}</dd>
        </dl>
      )}
    </section>
  );
}
