// One connected websocket client: its subscriptions, its framing (raw or combined) and an
// outgoing queue that applies the injected delay without reordering messages.

import type { WebSocket } from 'ws';

export class StreamClient {
  readonly subscriptions = new Set<string>();
  private readonly queue: Array<{ due: number; data: string }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDue = 0;

  constructor(
    readonly socket: WebSocket,
    /** Combined streams (/stream) wrap each event as {"stream": name, "data": event}. */
    readonly combined: boolean,
  ) {}

  frame(stream: string, event: unknown): string {
    return JSON.stringify(this.combined ? { stream, data: event } : event);
  }

  send(data: string, delayMs: number): void {
    const now = Date.now();
    if (delayMs <= 0 && this.queue.length === 0) {
      this.write(data);
      return;
    }
    // A message never overtakes one queued before it, even when the delay shrinks.
    const due = Math.max(now + delayMs, this.lastDue);
    this.lastDue = due;
    this.queue.push({ due, data });
    this.schedule();
  }

  drop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = Date.now();
      while (this.queue.length > 0 && (this.queue[0]?.due ?? Infinity) <= now) {
        const next = this.queue.shift();
        if (next) this.write(next.data);
      }
      this.schedule();
    }, Math.max(0, head.due - Date.now()));
  }

  private write(data: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(data);
  }
}
