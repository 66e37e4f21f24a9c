import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { PaperAccount } from '../../../native/paper/paper-account';
import { Store } from '../../../native/store/store';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');

describe('auctioneer status', () => {
  it('prints the paper account as the store holds it, in JSON and as a table', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'auctioneer-status-')), 's.db');
    const store = Store.open(db);
    const account = PaperAccount.open(store, 'sim', BTCUSDT_PERP, DEFAULT_BROKER_CONFIG);
    const t0 = Date.UTC(2026, 0, 5, 12);
    account.onMarket([{ kind: 'quote', quote: { ts: t0, bidPrice: 650_000, bidSize: 1, askPrice: 650_001, askSize: 1 } }]);
    expect(account.submitBracket({ side: 'buy', qty: 0.5, entry: { type: 'market' }, stopPrice: 649_000, targets: [{ price: 652_000, share: 1 }] }).ok).toBe(true);
    account.onMarket([{ kind: 'quote', quote: { ts: t0 + 1_000, bidPrice: 650_010, bidSize: 1, askPrice: 650_011, askSize: 1 } }]);
    store.close();

    const json = spawnSync(process.execPath, [bin, 'status', '--db', db, '--json'], { encoding: 'utf8' });
    expect(json.status).toBe(0);
    const [sim] = (JSON.parse(json.stdout) as { accounts: Array<{ name: string; positionQty: number; avgEntry: number; fills: unknown[] }> }).accounts;
    // Bought 0.5 at the second quote's ask 650,011 plus one tick of slippage.
    expect(sim).toMatchObject({ name: 'sim', positionQty: 0.5, avgEntry: 650_012 });
    expect(sim?.fills).toHaveLength(1);
    const table = spawnSync(process.execPath, [bin, 'status', '--db', db], { encoding: 'utf8' });
    expect(table.stdout).toContain('65001.2');
    const missing = spawnSync(process.execPath, [bin, 'status', '--db', db, '--account', 'nope'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no paper account "nope"');
  });
});
