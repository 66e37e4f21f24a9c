// A live paper run whose feed stops quoting: new entries halt with STALE_DATA while the quotes
// are missing, the halt is logged as a risk event, and a stale-feed alert reaches Discord (a
// local stand-in); entries resume when quotes come back.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Intent, StrategyDefinition } from '../../../core/strategy/types';
import { AlertHub } from '../../../native/alerts/alert-hub';
import { DiscordSink } from '../../../native/alerts/discord-sink';
import { PaperRun, readRunLog } from '../../../native/paper/paper-run';
import { PaperRunner } from '../../../native/paper/paper-runner';
import { Store } from '../../../native/store/store';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const MIN = 60_000;

/** Proposes a long at every minute close it is flat. */
const alwaysLong: StrategyDefinition = {
  id: 'test-always-long',
  name: 'Always long',
  description: 'test',
  params: z.object({}),
  historyMinutes: 5,
  create: () => ({
    onMinute: (ctx): Intent[] => [{ kind: 'enter', side: 'long', stop: ctx.bar.close - 2_000, targets: [{ price: ctx.bar.close + 2_000, share: 1 }], tag: 'L', reason: 'TEST' }],
  }),
};

let discord: FakeDiscord | null = null;
afterEach(async () => {
  await discord?.close();
  discord = null;
});

describe('stale feed in a paper run', () => {
  it('halts new entries with STALE_DATA while quotes are missing, logs the halt and alerts', async () => {
    discord = await startFakeDiscord();
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-stale-')), 's.db'));
    // Quotes stop from minute 10 to minute 16; trades keep printing.
    const outage = { fromTs: T0 + 10 * MIN, toTs: T0 + 16 * MIN, kinds: ['quote' as const] };
    const config = { strategy: alwaysLong.id, settings: { max_hold_minutes: 1, defense: { cooldown_minutes: 0 } }, feed: { kind: 'sim' as const, seed: 3, startTs: T0, outages: [outage] } };
    const run = PaperRun.open(store, 'stale', config, alwaysLong);
    const sink = new DiscordSink({ webhookUrl: discord.url, minIntervalMs: 0 });
    const hub = new AlertHub([sink]);
    const runner = new PaperRunner(run, { speed: 'max', batch: 2_000, until: T0 + 24 * MIN, raise: (a) => hub.raise(a), alertsAtMaxSpeed: true });
    expect((await runner.done).reason).toBe('until');
    await sink.idle();

    const signals = readRunLog(store, 'stale').filter((l) => l.kind === 'signal');
    const at = (from: number, to: number): string[] => signals.filter((s) => s.ts > from && s.ts <= to).map((s) => String(s.data['reasonCode']));
    // Before the outage entries are taken; 10 s into it (the stale_data_ms default) every
    // candidate is refused as stale; once quotes are back they are taken again.
    expect(at(T0, T0 + 10 * MIN)).toContain('OK');
    const during = at(T0 + 11 * MIN, T0 + 16 * MIN);
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(new Set(during)).toEqual(new Set(['STALE_DATA']));
    expect(at(T0 + 17 * MIN, T0 + 24 * MIN)).toContain('OK');
    // No entry was decided while stale.
    const entries = readRunLog(store, 'stale').filter((l) => l.kind === 'order' && l.data['event'] === 'fill' && l.data['role'] === 'entry');
    expect(entries.filter((e) => Number(e.data['decisionTs']) > T0 + 11 * MIN && Number(e.data['decisionTs']) < T0 + 16 * MIN)).toEqual([]);
    expect(entries.length).toBeGreaterThan(3);
    const risk = readRunLog(store, 'stale').filter((l) => l.kind === 'risk');
    expect(risk.map((r) => r.data['code'])).toEqual(expect.arrayContaining(['DATA_STALE', 'STALE_DATA', 'DATA_RESUMED']));
    const staleAt = risk.find((r) => r.data['code'] === 'DATA_STALE')!.ts;
    expect(staleAt).toBeGreaterThan(outage.fromTs + 10_000);
    expect(staleAt).toBeLessThan(outage.fromTs + 12_000);
    expect(discord.titles()).toContainEqual(expect.stringMatching(/^Feed stale: no quote for 1\d s \(stale\)$/));
    run.close();
    store.close();
  }, 60_000);
});
