// Entry of `auctioneer exchange-sim`: the simulated BTCUSDT perpetual served over the Binance
// USD-M protocol on 127.0.0.1 until closed.

import type { FaultSpec } from './faults';
import { startExchangeSim } from './server';
import { SimMarketSource } from './sim-source';

export interface RunExchangeSimOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly seed: number;
  /** Minutes of history generated before now (default 120). */
  readonly historyMinutes?: number;
  /** Faults switched on at start (the /_sim/faults query fields). */
  readonly faults?: FaultSpec;
}

export async function runExchangeSim(opts: RunExchangeSimOptions): Promise<{ url: string; wsUrl: string; close(): Promise<void> }> {
  const source = new SimMarketSource({ seed: opts.seed, historyMinutes: opts.historyMinutes ?? 120 });
  try {
    const sim = await startExchangeSim({ source, port: opts.port, ...(opts.faults ? { faults: opts.faults } : {}) });
    return { url: sim.httpUrl, wsUrl: sim.wsUrl, close: () => sim.close() };
  } catch (error) {
    source.close();
    throw error;
  }
}
