// The filters and blockers of the defense layer. Each is a small pure rule over the candidate
// and the closed-trade history; reason codes are SCREAMING_SNAKE so they group in reports.

import { sessionAt, type Session } from '../../auction/sessions';
import { PASS, refuse, type Guard, type Verdict } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Trades only in the listed seed 004 sessions (ASIA / LONDON / NY_AM / NY_PM). */
export function sessionFilter(allowed: readonly Session[]): Guard {
  return {
    id: 'session',
    check: (c) => {
      const session = sessionAt(c.ts - 1);
      return session && allowed.includes(session) ? PASS : refuse(`SESSION_${session ?? 'NONE'}`);
    },
  };
}

/** Reward (to the last target, weighted by share) at least `min` times the risk to the stop. */
export function minRewardRisk(min: number): Guard {
  return {
    id: 'min-reward-risk',
    check: (c) => {
      const risk = Math.abs(c.price - c.intent.stop);
      const reward = c.intent.targets.reduce((sum, t) => sum + Math.abs(t.price - c.price) * t.share, 0);
      if (!(risk > 0)) return refuse('RR_NO_RISK');
      return reward / risk >= min ? PASS : refuse('RR_TOO_LOW');
    },
  };
}

/** No trading when sigma_240 is outside [min, max] (ultra-low volatility, or a blow-off). */
export function volatilityRegime(minSigma: number, maxSigma: number): Guard {
  return {
    id: 'volatility',
    check: (c) => {
      const sigma = c.features.sigma_240;
      if (!Number.isFinite(sigma)) return refuse('VOL_UNKNOWN');
      if (sigma < minSigma) return refuse('VOL_TOO_LOW');
      return sigma > maxSigma ? refuse('VOL_TOO_HIGH') : PASS;
    },
  };
}

/** After an exit, no new entry for `minutes` (seed 003 §7.3). */
export function cooldown(minutes: number): Guard {
  return {
    id: 'cooldown',
    check: (c) => {
      const last = c.closedTrades[c.closedTrades.length - 1];
      return last && c.ts - last.exitTs < minutes * MINUTE_MS ? refuse('COOLDOWN') : PASS;
    },
  };
}

/** Daily realized PnL below −maxLoss disables entries until the next UTC day (seed 003 §7.4). */
export function dailyLossKillSwitch(maxLoss: number): Guard {
  return {
    id: 'daily-loss',
    check: (c) => {
      const dayStart = Math.floor(c.ts / DAY_MS) * DAY_MS;
      let pnl = 0;
      for (let i = c.closedTrades.length - 1; i >= 0; i--) {
        const t = c.closedTrades[i]!;
        if (t.exitTs < dayStart) break;
        pnl += t.pnl;
      }
      return pnl < -maxLoss ? refuse('KILL_SWITCH_DAILY_LOSS') : PASS;
    },
  };
}

/** After `count` losses in a row, all entries pause for `pauseMinutes` (seed 004 circuit breaker). */
export function maxConsecutiveLosses(count: number, pauseMinutes: number): Guard {
  return {
    id: 'consecutive-losses',
    check: (c) => {
      let streak = 0;
      for (let i = c.closedTrades.length - 1; i >= 0 && c.closedTrades[i]!.pnl < 0; i--) streak++;
      const last = c.closedTrades[c.closedTrades.length - 1];
      return streak >= count && last && c.ts - last.exitTs < pauseMinutes * MINUTE_MS ? refuse('CIRCUIT_BREAKER_LOSS_STREAK') : PASS;
    },
  };
}

/** After `count` losses in a row in one direction, that direction pauses for `pauseMinutes` (seed 004). */
export function directionalLossBlocker(count: number, pauseMinutes: number): Guard {
  return {
    id: 'directional-loss',
    check: (c): Verdict => {
      const side = c.intent.side;
      const sameSide = c.closedTrades.filter((t) => t.side === side);
      let streak = 0;
      for (let i = sameSide.length - 1; i >= 0 && sameSide[i]!.pnl < 0; i--) streak++;
      const last = sameSide[sameSide.length - 1];
      return streak >= count && last && c.ts - last.exitTs < pauseMinutes * MINUTE_MS ? refuse(`DIRECTION_BLOCKED_${side.toUpperCase()}`) : PASS;
    },
  };
}

/** No entry on stale data: the last market event is older than `maxAgeMs`. */
export function staleDataHalt(maxAgeMs: number): Guard {
  return { id: 'stale-data', check: (c) => (c.dataAgeMs > maxAgeMs ? refuse('STALE_DATA') : PASS) };
}

/** Too much ambiguous flow makes OF unreliable (seed 003 ambiguous_trade_frac_max). */
export function ambiguousFlowFilter(maxFraction: number): Guard {
  return {
    id: 'ambiguous-flow',
    check: (c) => (c.features.ambiguous_trade_frac_1m > maxFraction ? refuse('AMBIGUOUS_FLOW') : PASS),
  };
}
