// computeMinuteFlow's inlined loop against MinuteFlowEngine fed event by event: the same rows and
// statistics bit for bit on random tapes under every setting, and the same refusal of disorder.

import { describe, expect, it } from 'vitest';
import { computeMinuteFlow, MinuteFlowEngine, type MinuteFlowColumns, type MinuteFlowConfig } from '../../../core/flow/minute-flow';
import type { SideInferenceStats } from '../../../core/flow/side-inference';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { differingColumns, randomTape } from '../market/random-tape';

const FIELDS = [
  'ts',
  'trades',
  'volume',
  'buyVolume',
  'sellVolume',
  'ambiguousVolume',
  'of',
  'ofNorm',
  'ambiguousFrac',
  'cvd',
  'bidPrice',
  'bidSize',
  'askPrice',
  'askSize',
  'midClose',
  'qimb',
  'qimbEma',
] as const;

/** The merge of the old bulk path: every event through the streaming engine. */
function engineFlow(trades: TradeColumns, quotes: QuoteColumns, config: Partial<MinuteFlowConfig>): { flow: MinuteFlowColumns; stats: SideInferenceStats } {
  const engine = new MinuteFlowEngine(config);
  const rows: Record<string, number[]> = Object.fromEntries(FIELDS.map((f) => [f, []]));
  const take = (): void => {
    for (const f of FIELDS) rows[f]!.push(engine.closed[f]);
  };
  let j = 0;
  for (let i = 0; i < trades.length; i++) {
    const ts = trades.ts[i]!;
    while (j < quotes.length && quotes.ts[j]! <= ts) {
      if (engine.quote(quotes.ts[j]!, quotes.bidPrice[j]!, quotes.bidSize[j]!, quotes.askPrice[j]!, quotes.askSize[j]!)) take();
      j++;
    }
    if (engine.trade(ts, trades.price[i]!, trades.size[i]!, trades.side[i]!)) take();
  }
  for (; j < quotes.length; j++) {
    if (engine.quote(quotes.ts[j]!, quotes.bidPrice[j]!, quotes.bidSize[j]!, quotes.askPrice[j]!, quotes.askSize[j]!)) take();
  }
  if (engine.flush()) take();
  const flow = { length: rows['ts']!.length, ...Object.fromEntries(FIELDS.map((f) => [f, Float64Array.from(rows[f]!)])) } as unknown as MinuteFlowColumns;
  return { flow, stats: engine.stats() };
}

const CONFIGS: Array<Partial<MinuteFlowConfig>> = [
  {},
  { signSource: 'exchange', cvdReset: 'utc-day' },
  { signSource: 'exchange-else-inferred', qimbEmaSpan: 12, sideInference: { maxQuoteStalenessMs: 100, tickRuleFallback: true } },
  { sideInference: { maxQuoteStalenessMs: 0, tickRuleFallback: false }, cvdReset: (ts) => Math.floor(ts / 180_000) },
];

describe('computeMinuteFlow bulk loop against the streaming engine', () => {
  it('gives the same rows and statistics bit for bit on random tapes, for every configuration', () => {
    for (const seed of [101, 102, 103]) {
      const { trades, quotes } = randomTape(seed, 30_000, undefined, { unknownSide: 0.3 });
      for (const config of CONFIGS) {
        const bulk = computeMinuteFlow(trades, quotes, config);
        const ref = engineFlow(trades, quotes, config);
        expect(bulk.flow.length).toBe(ref.flow.length);
        expect(differingColumns(bulk.flow, ref.flow)).toEqual([]);
        expect(differingColumns(bulk.stats, ref.stats)).toEqual([]);
      }
    }
  });

  it('agrees when the side column holds values other than -1, 0 and 1', () => {
    const { trades, quotes } = randomTape(106, 20_000);
    for (let i = 0; i < trades.length; i += 41) trades.side[i] = i % 2 ? 2 : -5;
    for (const config of CONFIGS) {
      const bulk = computeMinuteFlow(trades, quotes, config);
      const ref = engineFlow(trades, quotes, config);
      expect(differingColumns(bulk.flow, ref.flow)).toEqual([]);
      expect(differingColumns(bulk.stats, ref.stats)).toEqual([]);
    }
  });

  it('agrees without quotes, with quotes only after the trades, and without trades', () => {
    const { trades, quotes } = randomTape(104, 8_000);
    const noQuotes: QuoteColumns = { length: 0, ts: new Float64Array(0), bidPrice: new Float64Array(0), bidSize: new Float64Array(0), askPrice: new Float64Array(0), askSize: new Float64Array(0) };
    const noTrades: TradeColumns = { length: 0, ts: new Float64Array(0), price: new Float64Array(0), size: new Float64Array(0), side: new Int8Array(0) };
    const late: QuoteColumns = { ...quotes, ts: quotes.ts.map((t) => t + 3_600_000) };
    for (const [t, q] of [
      [trades, noQuotes],
      [trades, late],
      [noTrades, quotes],
    ] as const) {
      const bulk = computeMinuteFlow(t, q);
      const ref = engineFlow(t, q, {});
      expect(differingColumns(bulk.flow, ref.flow)).toEqual([]);
      expect(differingColumns(bulk.stats, ref.stats)).toEqual([]);
    }
  });

  it('throws where the engine throws: trades or quotes going backwards, or NaN', () => {
    const { trades, quotes } = randomTape(105, 6_000);
    const cases: Array<[TradeColumns, QuoteColumns]> = [];
    const t1 = { ...trades, ts: trades.ts.slice() };
    t1.ts[500] = t1.ts[499]! - 1;
    cases.push([t1, quotes]);
    const t2 = { ...trades, ts: trades.ts.slice() };
    t2.ts[trades.length - 1] = NaN;
    cases.push([t2, quotes]);
    const q1 = { ...quotes, ts: quotes.ts.slice() };
    q1.ts[800] = q1.ts[799]! - 1;
    cases.push([trades, q1]);
    const q2 = { ...quotes, ts: quotes.ts.slice() };
    q2.ts[quotes.length - 1] = NaN;
    cases.push([trades, q2]);
    for (const [t, q] of cases) {
      expect(() => engineFlow(t, q, {})).toThrow(RangeError);
      expect(() => computeMinuteFlow(t, q)).toThrow(/backwards or is NaN/);
    }
  });
});
