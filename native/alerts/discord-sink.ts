// Alerts to a Discord webhook: queued so trading never waits on the network, sent at most one a
// second (Discord allows about 30 a minute per webhook), retried with exponential backoff on
// network errors, 5xx and 429 (honouring Discord's retry_after), then dropped with a report.

import type { Alert, AlertSink } from './alert';

export interface DiscordSinkOptions {
  readonly webhookUrl: string;
  readonly minIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  /** Where failures are reported (never thrown). */
  readonly onError?: (message: string) => void;
  readonly fetchImpl?: typeof fetch;
}

const COLORS: Record<Alert['kind'], number> = {
  'trade-open': 0x26a69a,
  'trade-close': 0x58a6ff,
  'strategy-start': 0x8b949e,
  'strategy-stop': 0x8b949e,
  'feed-stale': 0xe3b341,
  'ambiguous-flow': 0xe3b341,
  'va-invalid': 0xe3b341,
  'daily-loss': 0xef5350,
  'near-lvn': 0x58a6ff,
};

export class DiscordSink implements AlertSink {
  readonly name = 'discord';
  private readonly queue: Alert[] = [];
  private sending = false;
  private lastSent = 0;
  /** Delivered and dropped counts, for status and tests. */
  readonly stats = { delivered: 0, dropped: 0, retries: 0 };

  constructor(private readonly o: DiscordSinkOptions) {
    const url = new URL(o.webhookUrl);
    if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new Error('a Discord webhook must be an https:// URL');
    }
  }

  deliver(alert: Alert): void {
    this.queue.push(alert);
    if (!this.sending) void this.drain();
  }

  /** Resolves when everything queued so far was delivered or dropped (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.sending || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (let alert = this.queue.shift(); alert; alert = this.queue.shift()) {
        const wait = this.lastSent + (this.o.minIntervalMs ?? 1_000) - Date.now();
        if (wait > 0) await sleep(wait);
        await this.send(alert);
        this.lastSent = Date.now();
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(alert: Alert): Promise<void> {
    const body = JSON.stringify({
      username: 'Auctioneer',
      embeds: [{ title: alert.title, description: alert.message, color: COLORS[alert.kind], timestamp: new Date(alert.ts).toISOString() }],
    });
    const attempts = this.o.maxAttempts ?? 5;
    const doFetch = this.o.fetchImpl ?? fetch;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfterMs: number | null = null;
      let problem: string;
      try {
        const res = await doFetch(this.o.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
        if (res.ok) {
          this.stats.delivered++;
          return;
        }
        problem = `HTTP ${res.status}`;
        if (res.status === 429) {
          const json = (await res.json().catch(() => null)) as { retry_after?: number } | null;
          const header = Number(res.headers.get('retry-after'));
          retryAfterMs = json?.retry_after !== undefined ? json.retry_after * 1000 : Number.isFinite(header) && header > 0 ? header * 1000 : null;
        } else if (res.status < 500) {
          // 4xx other than 429 will not get better by retrying (bad URL, deleted webhook).
          this.stats.dropped++;
          this.o.onError?.(`discord alert dropped: ${problem} (check the webhook URL)`);
          return;
        }
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (attempt === attempts) break;
      this.stats.retries++;
      await sleep(retryAfterMs ?? (this.o.baseBackoffMs ?? 500) * 2 ** (attempt - 1));
    }
    this.stats.dropped++;
    this.o.onError?.(`discord alert "${alert.title}" dropped after ${attempts} attempts`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
