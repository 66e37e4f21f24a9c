import { afterAll, describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { FootprintBuilder } from '../../../core/profile/footprint';
import { RollingProfile } from '../../../core/profile/rolling-profile';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';
import { ProfileSnapshotReader, ProfileSnapshotWriter, snapshotBytes } from '../../../native/workers/profile-snapshot';
import { ProfileWorkerHost } from '../../../native/workers/profile-worker-host';
import { SeqLock } from '../../../native/workers/seqlock';

const hosts: ProfileWorkerHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.terminate();
});

describe('SeqLock', () => {
  it('retries a read that overlapped a write and returns the consistent value', () => {
    const control = new Int32Array(new SharedArrayBuffer(4));
    const lock = new SeqLock(control);
    const data = [1, 1];
    let reads = 0;
    const value = lock.read(() => {
      reads++;
      // The first attempt is interrupted by a write that changes both halves.
      if (reads === 1) lock.write(() => {
        data[0] = 2;
        data[1] = 2;
      });
      return [...data];
    });
    expect(reads).toBe(2);
    expect(value).toEqual([2, 2]);
    expect(lock.version).toBe(2);
  });

  it('refuses to read while a write is open (odd counter)', () => {
    const control = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(control, 0, 1);
    expect(() => new SeqLock(control).read(() => 1, 100)).toThrow(/no consistent read/);
  });
});

describe('profile snapshot in shared memory', () => {
  it('publishes the rolling histogram and levels exactly as the core computed them', () => {
    const { trades } = simulateColumns(BTCUSDT_PERP, 50_000, { overrides: { seed: 21 } });
    const profile = new RollingProfile();
    const fp = new FootprintBuilder();
    profile.addTrades(trades);
    fp.addTrades(trades);
    const buffer = new SharedArrayBuffer(snapshotBytes());
    new ProfileSnapshotWriter(buffer).publish(profile, profile.levels(), profile.lastClosedMinute, trades.length, fp.openBar());
    new ProfileSnapshotReader(buffer).read((view) => {
      expect(view.levels).toEqual(profile.levels());
      expect(view.tradesProcessed).toBe(50_000);
      for (let key = profile.lo; key <= profile.hi; key++) expect(view.histogram[key - view.histogramOrigin]).toBe(profile.volumeAt(key));
      const bar = fp.openBar();
      expect(view.bar?.ts).toBe(bar?.ts);
      expect([...(view.bar?.bid ?? [])]).toEqual([...(bar?.bid ?? [])]);
      expect([...(view.bar?.ask ?? [])]).toEqual([...(bar?.ask ?? [])]);
    });
  });
});

describe('ProfileWorkerHost', () => {
  it('computes in its thread the same profile and footprint as the inline core code', async () => {
    const { trades } = simulateColumns(BTCUSDT_PERP, 120_000, { overrides: { seed: 5 } });
    const inline = new RollingProfile();
    const fp = new FootprintBuilder();
    inline.addTrades(trades);
    fp.addTrades(trades);

    const host = new ProfileWorkerHost({ onError: (m) => expect.fail(m) });
    hosts.push(host);
    await host.whenReady();
    // Batches as the live feed sends them; copies so the inline arrays stay usable.
    const batch = 10_000;
    for (let from = 0; from < trades.length; from += batch) {
      const to = Math.min(trades.length, from + batch);
      host.addTrades({ length: to - from, ts: trades.ts.slice(from, to), price: trades.price.slice(from, to), size: trades.size.slice(from, to), side: trades.side.slice(from, to) });
    }
    expect(await host.flush()).toBe(120_000);
    host.read((view) => {
      expect(view.levels).toEqual(inline.levels());
      expect(view.lastClosedMinute).toBe(inline.lastClosedMinute);
      expect(view.bar?.delta).toBeCloseTo(fp.openBar()?.delta ?? NaN, 9);
      let total = 0;
      for (const v of view.histogram) total += v;
      expect(total).toBeCloseTo(inline.levels().total, 6);
    });
  });

  it('reports a bad batch (time going back into a closed minute) instead of dying silently', async () => {
    const errors: string[] = [];
    const host = new ProfileWorkerHost({ onError: (m) => errors.push(m) });
    hosts.push(host);
    await host.whenReady();
    const t0 = Date.UTC(2026, 0, 5);
    host.addTrades({ length: 2, ts: new Float64Array([t0, t0 + 120_000]), price: new Float64Array([100, 101]), size: new Float64Array([1, 1]), side: new Int8Array([1, -1]) });
    host.addTrades({ length: 1, ts: new Float64Array([t0 + 1]), price: new Float64Array([100]), size: new Float64Array([1]), side: new Int8Array([1]) });
    await host.flush();
    expect(errors.join('\n')).toMatch(/closed or earlier minute/);
  });
});
