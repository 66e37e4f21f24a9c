// Bar-mode features computed once and replayed: a parameter sweep runs many backtests over the
// same bars, and runs whose feature settings agree (they differ in the strategy's parameters or
// the execution costs) would each compute the same rolling value area, sigma and BVC from
// scratch, about half of a bar backtest's time. The columns hold exactly the numbers
// BarFeatureStream gives, so a run replaying them is the run computing them, bit for bit.

import { barAt, type BarColumnsInput } from '../market/bar-columns';
import type { Bar } from '../market/bars';
import { BarFeatureStream } from './bar-feature-stream';
import type { FeatureConfig } from './config';
import type { FeatureRow, MinuteSnapshot } from './minute-feature-stream';
import { FEATURE_COLUMNS, type FeatureTable } from './minute-features';

/** Where the engine gets each bar's features in bar mode: computed as bars come, or replayed. */
export interface BarFeatureSource {
  onBar(bar: Bar): MinuteSnapshot;
}

type Columns = FeatureTable & { readonly cvd: Float64Array };

export class BarFeatureColumns {
  private constructor(private readonly c: Columns) {}

  get length(): number {
    return this.c.length;
  }

  /** Runs `bars` through BarFeatureStream with `config` (as a bar backtest would) and keeps every row. */
  static compute(bars: BarColumnsInput, config: FeatureConfig): BarFeatureColumns {
    const n = bars.length;
    const c = Object.fromEntries([['length', n], ['cvd', new Float64Array(n)], ...FEATURE_COLUMNS.map((k) => [k, new Float64Array(n)])]) as Columns;
    const stream = new BarFeatureStream(config);
    for (let i = 0; i < n; i++) {
      const { features, cvd } = stream.onBar(barAt(bars, i));
      for (const k of FEATURE_COLUMNS) c[k][i] = features[k];
      c.cvd[i] = cvd;
    }
    return new BarFeatureColumns(c);
  }

  /** A source replaying the rows in order, for one backtest over the same bars. */
  replay(): BarFeatureSource {
    let next = 0;
    return {
      onBar: (bar: Bar): MinuteSnapshot => {
        const i = next++;
        const c = this.c;
        // A replay over other bars would trade on features of the wrong market: refuse it.
        if (i >= this.length || c.ts_min[i] !== bar.ts) notThisBar(bar.ts, i);
        // The same keys in the same order as BarFeatureStream's rows.
        const features: FeatureRow = {
          ts_min: c.ts_min[i]!,
          mid_close: c.mid_close[i]!,
          sigma_240: c.sigma_240[i]!,
          bin_width: c.bin_width[i]!,
          poc: c.poc[i]!,
          vah: c.vah[i]!,
          val: c.val[i]!,
          va_coverage: c.va_coverage[i]!,
          of_1m: c.of_1m[i]!,
          of_norm_1m: c.of_norm_1m[i]!,
          qimb_close: c.qimb_close[i]!,
          ambiguous_trade_frac_1m: c.ambiguous_trade_frac_1m[i]!,
          bvc_buy_frac_1m: c.bvc_buy_frac_1m[i]!,
          bvc_net_proxy_1m: c.bvc_net_proxy_1m[i]!,
        };
        return { bar, cvd: c.cvd[i]!, features };
      },
    };
  }
}

/** A function of its own: inline, the message's numbers were made into strings at every bar (see market/time-order.ts). */
function notThisBar(ts: number, i: number): never {
  throw new RangeError(`bar features: bar ${ts} is not bar ${i} of the precomputed ones`);
}
