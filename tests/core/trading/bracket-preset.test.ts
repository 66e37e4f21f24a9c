import { describe, expect, it } from 'vitest';
import { bracketPrices, type BracketPreset } from '../../../core/trading/bracket-preset';

describe('bracket presets', () => {
  it('puts a long stop and targets in ticks below and above the entry', () => {
    const preset: BracketPreset = { stop: 20, stopUnit: 'ticks', targetUnit: 'ticks', targets: [{ distance: 30, share: 0.5 }, { distance: 60, share: 0.5 }] };
    expect(bracketPrices(preset, 'buy', 1000, 0.1)).toEqual({ stopPrice: 980, targets: [{ price: 1030, share: 0.5 }, { price: 1060, share: 0.5 }] });
  });

  it('converts points (price units) to ticks: 1.5 points at a 0.1 tick are 15 ticks; a short mirrors', () => {
    const preset: BracketPreset = { stop: 1.5, stopUnit: 'points', targetUnit: 'points', targets: [{ distance: 4, share: 1 }] };
    expect(bracketPrices(preset, 'sell', 1000, 0.1)).toEqual({ stopPrice: 1015, targets: [{ price: 960, share: 1 }] });
  });

  it('places R targets at multiples of the stop distance', () => {
    // Stop 2.5 points = 25 ticks; 1R, 2R and 3.2R are 25, 50 and 80 ticks.
    const preset: BracketPreset = { stop: 2.5, stopUnit: 'points', targetUnit: 'R', targets: [{ distance: 1, share: 0.25 }, { distance: 2, share: 0.25 }, { distance: 3.2, share: 0.5 }] };
    const prices = bracketPrices(preset, 'buy', 50_000, 0.1);
    expect(prices.stopPrice).toBe(49_975);
    expect(prices.targets.map((t) => t.price)).toEqual([50_025, 50_050, 50_080]);
    expect(prices.targets.map((t) => t.share)).toEqual([0.25, 0.25, 0.5]);
  });

  it('never puts a stop or target at the entry: under a tick rounds up to one tick', () => {
    const preset: BracketPreset = { stop: 0.01, stopUnit: 'points', targetUnit: 'R', targets: [{ distance: 0.1, share: 1 }] };
    expect(bracketPrices(preset, 'buy', 100, 0.1)).toEqual({ stopPrice: 99, targets: [{ price: 101, share: 1 }] });
  });
});
