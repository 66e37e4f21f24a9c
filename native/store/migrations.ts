// The store's schema as an ordered list of migrations. PRAGMA user_version records how many
// have been applied; opening a file applies the rest, each in its own transaction. Never edit
// a released migration: add the next one.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'market data: instruments, bars, tick blocks, imports, funding, open interest',
    sql: `
      CREATE TABLE instruments (
        id INTEGER PRIMARY KEY,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        tick_size REAL NOT NULL CHECK (tick_size > 0),
        contract_size REAL NOT NULL CHECK (contract_size > 0),
        size_step REAL NOT NULL CHECK (size_step > 0),
        UNIQUE (venue, symbol)
      );

      -- Bars of any timeframe as columnar blocks of up to 1,440 bars (native/store/bar-codec.ts);
      -- prices in integer ticks of the instrument.
      CREATE TABLE bar_blocks (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        timeframe_s INTEGER NOT NULL,
        block_ts INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        source TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (instrument_id, timeframe_s, block_ts)
      ) WITHOUT ROWID;

      -- Ticks stored as columnar blocks, one per instrument, kind, source and UTC hour, so a
      -- day of trades loads as 24 BLOB reads instead of millions of rows (DESIGN.md §3).
      CREATE TABLE tick_blocks (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        kind TEXT NOT NULL CHECK (kind IN ('trade', 'quote')),
        hour_ts INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('import', 'live')),
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (instrument_id, kind, hour_ts, origin)
      ) WITHOUT ROWID;
      CREATE INDEX tick_blocks_retention ON tick_blocks (origin, last_ts);

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        file TEXT NOT NULL,
        format TEXT NOT NULL,
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        imported_at INTEGER NOT NULL,
        trades INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        bars INTEGER NOT NULL,
        rows_other INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE funding_rates (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        ts INTEGER NOT NULL,
        rate REAL NOT NULL,
        PRIMARY KEY (instrument_id, ts)
      ) WITHOUT ROWID;

      CREATE TABLE open_interest (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        period_s INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        open_interest REAL NOT NULL,
        open_interest_value REAL,
        PRIMARY KEY (instrument_id, period_s, ts)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'per-minute features and signals (seed 003 §3.3)',
    sql: `
      CREATE TABLE features_1m (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        ts_min INTEGER NOT NULL,
        mid_close REAL,
        sigma_240 REAL,
        bin_width REAL,
        poc REAL,
        vah REAL,
        val REAL,
        va_coverage REAL,
        of_1m REAL,
        of_norm_1m REAL,
        qimb_close REAL,
        ambiguous_trade_frac_1m REAL,
        bvc_buy_frac_1m REAL,
        bvc_net_proxy_1m REAL,
        PRIMARY KEY (instrument_id, ts_min)
      ) WITHOUT ROWID;

      CREATE TABLE signals_1m (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        strategy TEXT NOT NULL,
        ts_min INTEGER NOT NULL,
        signal_breakin_long INTEGER NOT NULL DEFAULT 0,
        signal_breakin_short INTEGER NOT NULL DEFAULT 0,
        signal_breakout_long INTEGER NOT NULL DEFAULT 0,
        signal_breakout_short INTEGER NOT NULL DEFAULT 0,
        signal_failbreak_long INTEGER NOT NULL DEFAULT 0,
        signal_failbreak_short INTEGER NOT NULL DEFAULT 0,
        acceptance_state INTEGER,
        chosen_action TEXT NOT NULL,
        reason_code TEXT NOT NULL,
        PRIMARY KEY (instrument_id, strategy, ts_min)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'backtest runs with trades and equity; the paper account',
    sql: `
      CREATE TABLE backtest_runs (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        strategy TEXT NOT NULL,
        params_json TEXT NOT NULL,
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        mode TEXT NOT NULL CHECK (mode IN ('bars', 'ticks')),
        from_ts INTEGER NOT NULL,
        to_ts INTEGER NOT NULL,
        metrics_json TEXT NOT NULL
      );
      CREATE TABLE backtest_trades (
        run_id INTEGER NOT NULL REFERENCES backtest_runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        qty REAL NOT NULL,
        entry_ts INTEGER NOT NULL,
        entry_px REAL NOT NULL,
        exit_ts INTEGER,
        exit_px REAL,
        stop_px REAL,
        targets_json TEXT,
        fees REAL NOT NULL,
        funding REAL NOT NULL,
        pnl REAL,
        tag TEXT,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE backtest_equity (
        run_id INTEGER NOT NULL REFERENCES backtest_runs(id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        equity REAL NOT NULL,
        PRIMARY KEY (run_id, ts)
      ) WITHOUT ROWID;

      CREATE TABLE paper_accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        currency TEXT NOT NULL,
        starting_balance REAL NOT NULL
      );
      -- Append-only journal: every order, fill, position and balance change, committed before
      -- it is acknowledged; the account is rebuilt from it on start (DESIGN.md §3).
      CREATE TABLE paper_journal (
        account_id INTEGER NOT NULL REFERENCES paper_accounts(id),
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'fetch ranges: what `auctioneer fetch` has already brought in, per instrument and kind',
    sql: `
      -- Disjoint time ranges [from_ts, to_ts) already fetched from an exchange, so a re-run
      -- fetches only what is missing and an interrupted run resumes after its last page.
      CREATE TABLE fetch_ranges (
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        kind TEXT NOT NULL,
        from_ts INTEGER NOT NULL,
        to_ts INTEGER NOT NULL CHECK (to_ts > from_ts),
        PRIMARY KEY (instrument_id, kind, from_ts)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'paper account snapshots: the broker state committed with each journal write',
    sql: `
      -- The latest full broker state of each paper account, written in the same transaction as
      -- the journal rows it follows, so a restart resumes exactly where the last commit left it.
      CREATE TABLE paper_snapshots (
        account_id INTEGER PRIMARY KEY REFERENCES paper_accounts(id),
        ts INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        snapshot_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'headless paper runs: a strategy on a feed, how far it got, and which process owns it',
    sql: `
      CREATE TABLE paper_runs (
        account_id INTEGER PRIMARY KEY REFERENCES paper_accounts(id),
        config_json TEXT NOT NULL,
        -- Market events processed and committed: the run resumes after them.
        events_processed INTEGER NOT NULL DEFAULT 0,
        last_ts INTEGER,
        owner_pid INTEGER,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'paper run monitoring log: feature snapshots at signals, order lifecycle, risk events, alerts',
    sql: `
      -- Written in the same transaction as the journal rows of the same batch, so a replay after
      -- a crash regenerates exactly the entries that were lost and never repeats one.
      CREATE TABLE paper_log (
        account_id INTEGER NOT NULL REFERENCES paper_accounts(id),
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    name: 'paper run feed: the ticks of a live feed, written ahead of the engine',
    sql: `
      -- A live feed's batches as they arrived (host time), committed before the engine processes
      -- them, so the run is rebuilt by replaying exactly what it saw.
      CREATE TABLE paper_feed (
        account_id INTEGER NOT NULL REFERENCES paper_accounts(id),
        seq INTEGER NOT NULL,
        recv_ts INTEGER NOT NULL,
        events_json TEXT NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'app settings (layout, alerts) and secrets (API keys, webhook) encrypted at rest',
    sql: `
      -- One JSON value per setting name (e.g. "layout", "alerts"), so the app remembers them.
      CREATE TABLE app_settings (
        name TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Secrets as ciphertext only (native/host/areas/secret-box.ts); last4 is what the UI shows.
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL,
        last4 TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'tick hour blocks in a rowid table, keyed by a unique index',
    sql: `
      -- The blocks' key in an index of its own, apart from the BLOBs. In the WITHOUT ROWID table the
      -- key's b-tree held each whole block, and SQLite compares a search key with a whole record,
      -- so every seek and range step read the blocks it passed over in full: loading a day read
      -- its 278 MB six times over. The rows move as they are (a scan reads each block once).
      CREATE TABLE tick_blocks_rowid (
        id INTEGER PRIMARY KEY,
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        kind TEXT NOT NULL CHECK (kind IN ('trade', 'quote')),
        hour_ts INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('import', 'live')),
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (instrument_id, kind, hour_ts, origin)
      );
      INSERT INTO tick_blocks_rowid (instrument_id, kind, hour_ts, origin, first_ts, last_ts, count, encoding, data)
        SELECT instrument_id, kind, hour_ts, origin, first_ts, last_ts, count, encoding, data FROM tick_blocks;
      DROP TABLE tick_blocks;
      ALTER TABLE tick_blocks_rowid RENAME TO tick_blocks;
      CREATE INDEX tick_blocks_retention ON tick_blocks (origin, last_ts);
    `,
  },
  {
    version: 11,
    name: 'the bars a backtest run stepped through (klines run at their own timeframe)',
    sql: `
      -- Runs saved before were all on 1m bars (bar mode) or 1m bars built from ticks.
      ALTER TABLE backtest_runs ADD COLUMN timeframe TEXT NOT NULL DEFAULT '1m';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
