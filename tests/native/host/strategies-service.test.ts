// The app's strategy runs through the host's API handlers: the strategy list with parameter
// forms, and a run on the local exchange simulator read through ccxt, its ticks written ahead,
// started, running and stopped.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../core/api/contract';
import { createDefaultHost } from '../../../native/host/host';
import { Store } from '../../../native/store/store';

describe('strategies service', () => {
  it('lists the strategies with their parameters, and runs one on the local exchange simulator', async () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-strat-svc-')), 's.db'));
    const host = createDefaultHost({ shell: 'web', version: '0', seed: 2, historyMinutes: 5, store });
    const events: EventName[] = [];
    host.subscribe((name) => events.push(name));
    try {
      const { strategies } = await host.handlers['strategies.list']({});
      const seed003 = strategies.find((s) => s.id === 'seed003-value-area')!;
      expect(seed003.source).toBe('built-in');
      // The same listing as the backtest screen's: the parameters' JSON Schema and the seed's defaults.
      const { strategies: forBacktests } = await host.handlers['backtest.strategies']({});
      expect(forBacktests.find((s) => s.id === 'seed003-value-area')).toEqual(seed003);
      const properties = seed003.paramsSchema?.['properties'] as Record<string, Record<string, unknown>>;
      expect(properties['accept_outside_k']).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
      expect(properties['confirm']).toMatchObject({ enum: expect.arrayContaining(['either', 'both']) });
      expect(seed003.defaults).toMatchObject({ accept_outside_k: 3 });

      const run = await host.handlers['strategies.start']({ strategyId: 'seed003-value-area', settings: {}, feed: { kind: 'exchange-sim', seed: 3 } });
      expect(run).toMatchObject({ state: 'running', feed: 'local exchange simulator, BTC/USDT:USDT', speed: 'realtime' });
      await expect.poll(async () => (await host.handlers['strategies.runs']({})).runs[0]?.eventsProcessed ?? 0, { timeout: 30_000 }).toBeGreaterThan(3);
      const stopped = await host.handlers['strategies.stop']({ runId: run.runId });
      expect(stopped.state).toBe('stopped');
      // Every batch the engine processed is in the store, written ahead.
      const { n } = store.statement('SELECT COUNT(*) AS n FROM paper_feed').get() as { n: number };
      expect(n).toBe(stopped.eventsProcessed);
      expect(events).toContain('strategies.run');
      // A second start of the same run resumes it (its feed and settings are fixed).
      const resumed = await host.handlers['strategies.start']({ strategyId: 'x', settings: {}, feed: { kind: 'sim', seed: 1, speed: 'max' }, runId: run.runId });
      expect(resumed).toMatchObject({ runId: run.runId, state: 'running', feed: 'local exchange simulator, BTC/USDT:USDT', speed: 'realtime' });
      expect(resumed.eventsProcessed).toBe(stopped.eventsProcessed);
      await host.handlers['strategies.stop']({ runId: run.runId });
    } finally {
      await host.stop();
      store.close();
    }
  }, 90_000);
});
