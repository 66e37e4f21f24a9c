// Parameter names as a trader reads them on the Backtests and paper-run forms: the seed's
// abbreviations in capitals, and a unit at the end of a name shown as a unit.

import { describe, expect, it } from 'vitest';
import { labelOf } from '../../../renderer/src/forms/schema-fields';

describe('labelOf', () => {
  it('writes the seeds\' abbreviations in capitals', () => {
    expect(labelOf('of_entry_min')).toBe('OF entry min');
    expect(labelOf('max_poc_distance_pct')).toBe('Max POC distance (%)');
    expect(labelOf('lvn_tolerance_atr')).toBe('LVN tolerance (ATR)');
    expect(labelOf('cvd_momentum_threshold')).toBe('CVD momentum threshold');
    expect(labelOf('ny_session_only')).toBe('NY session only');
  });

  it('shows a trailing unit as a unit', () => {
    expect(labelOf('stop_buffer_ticks')).toBe('Stop buffer (ticks)');
    expect(labelOf('retest_window_minutes')).toBe('Retest window (minutes)');
    expect(labelOf('taker_fee_bps')).toBe('Taker fee (bps)');
    expect(labelOf('breakout_tp1_r')).toBe('Breakout TP1 (R)');
    expect(labelOf('funding_rate_8h')).toBe('Funding rate (per 8h)');
    expect(labelOf('max_quote_staleness_ms')).toBe('Max quote staleness (ms)');
  });

  it('leaves other words as they are, and a one-word name whole', () => {
    expect(labelOf('accept_outside_k')).toBe('Accept outside k');
    expect(labelOf('slippage_ticks_entry')).toBe('Slippage ticks entry');
    expect(labelOf('confirm')).toBe('Confirm');
    expect(labelOf('atr')).toBe('ATR');
  });
});
