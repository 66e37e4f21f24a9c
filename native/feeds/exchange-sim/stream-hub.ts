// The websocket side of the simulator: accepts Binance USD-M stream connections (/ws,
// /public/ws, /market/ws, /stream?streams=...), answers control messages and fans the source's
// live events out as trade, aggTrade and bookTicker events, with the injected faults applied.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { LiveEvent, MarketDataSource } from './data-source';
import type { FaultController } from './faults';
import { StreamClient } from './ws-client';
import { controlMessageSchema, errorFrame, streamKind, type ControlMessage } from './ws-messages';
import type { WireFormat } from './wire-format';

const PATH = /^\/(?:(?:public|market)\/)?(ws|stream)(?:\/(.*))?$/;

export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<StreamClient>();
  private readonly symbolLower: string;
  private readonly unsubscribeSource: () => void;
  private readonly unsubscribeFaults: () => void;
  private bookUpdateId = 1;
  /** Faults applied to trade ids, so their aggregate trades get the same treatment. */
  private readonly tradeFaults = new Map<number, 'drop' | 'duplicate'>();

  constructor(
    source: MarketDataSource,
    private readonly wire: WireFormat,
    private readonly faults: FaultController,
  ) {
    this.symbolLower = wire.symbol.toLowerCase();
    this.unsubscribeSource = source.subscribe((event) => this.dispatch(event));
    this.unsubscribeFaults = faults.onDisconnect(() => this.disconnectAll());
  }

  /** The bookTicker update id of the latest quote (REST bookTicker reports it too). */
  get lastBookUpdateId(): number {
    return this.bookUpdateId - 1;
  }

  get connectionCount(): number {
    return this.clients.size;
  }

  /** Takes over an HTTP upgrade; answers 404 for paths that are not stream endpoints. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = PATH.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const combined = match[1] === 'stream';
    // /ws/<name> and /stream?streams=a/b subscribe at connect; other segments (ccxt appends a
    // stream index such as /public/ws/0) are not stream names and are ignored.
    const initial = combined ? (url.searchParams.get('streams') ?? '').split('/') : (match[2] ?? '').split('/');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, combined, initial));
  }

  disconnectAll(): void {
    for (const client of this.clients) {
      client.drop();
      client.socket.terminate();
    }
    this.clients.clear();
  }

  async close(): Promise<void> {
    this.unsubscribeSource();
    this.unsubscribeFaults();
    this.disconnectAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, combined: boolean, initial: readonly string[]): void {
    const client = new StreamClient(ws, combined);
    for (const name of initial) if (streamKind(name, this.symbolLower)) client.subscriptions.add(name);
    this.clients.add(client);
    ws.on('message', (data, isBinary) => this.onMessage(client, data, isBinary));
    ws.on('close', () => {
      client.drop();
      this.clients.delete(client);
    });
    ws.on('error', () => {
      client.drop();
      this.clients.delete(client);
    });
  }

  private onMessage(client: StreamClient, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      client.socket.send(errorFrame(3, 'Invalid JSON: binary frames are not accepted', undefined));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      client.socket.send(errorFrame(3, 'Invalid JSON: expected value at line 1 column 1', undefined));
      return;
    }
    const parsed = controlMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'message';
      client.socket.send(errorFrame(2, `Invalid request: ${field}: ${issue?.message ?? 'malformed'}`, idOf(json)));
      return;
    }
    this.control(client, parsed.data);
  }

  private control(client: StreamClient, message: ControlMessage): void {
    if (message.method === 'LIST_SUBSCRIPTIONS') {
      client.socket.send(JSON.stringify({ result: [...client.subscriptions], id: message.id }));
      return;
    }
    const names = message.params ?? [];
    const unknown = names.find((name) => !streamKind(name, this.symbolLower));
    if (unknown !== undefined) {
      client.socket.send(errorFrame(2, `Invalid request: unknown stream name '${unknown}'`, message.id));
      return;
    }
    for (const name of names) {
      if (message.method === 'SUBSCRIBE') client.subscriptions.add(name);
      else client.subscriptions.delete(name);
    }
    // The reply goes through the same queue as data, so it is delayed like everything else.
    client.send(JSON.stringify({ result: null, id: message.id }), this.faults.delayMsNow());
  }

  private fanOut(name: string, payload: unknown, copies: number): void {
    const delay = this.faults.delayMsNow();
    for (const client of this.clients) {
      if (!client.subscriptions.has(name)) continue;
      const frame = client.frame(name, payload);
      for (let i = 0; i < copies; i++) client.send(frame, delay);
    }
  }

  private dispatch(event: LiveEvent): void {
    if (this.clients.size === 0) {
      if (event.kind === 'quote') this.bookUpdateId++;
      this.tradeFaults.clear();
      return;
    }
    const eventTime = Date.now();
    if (event.kind === 'trade') {
      const id = event.trade.id;
      if (this.faults.takeDropTrade(id)) {
        this.tradeFaults.set(id, 'drop');
        return;
      }
      const duplicate = this.faults.takeDuplicateTrade();
      if (duplicate) this.tradeFaults.set(id, 'duplicate');
      this.fanOut(`${this.symbolLower}@trade`, this.wire.tradeEvent(event.trade, eventTime), duplicate ? 2 : 1);
      return;
    }
    if (event.kind === 'aggTrade') {
      // An aggregate shares the fate of its first trade: missing or doubled on both streams.
      const { firstId, lastId } = event.agg;
      const fault = this.tradeFaults.get(firstId);
      for (let id = firstId; id <= lastId; id++) this.tradeFaults.delete(id);
      if (fault === 'drop') return;
      this.fanOut(`${this.symbolLower}@aggTrade`, this.wire.aggTradeEvent(event.agg, eventTime), fault === 'duplicate' ? 2 : 1);
      return;
    }
    const delay = this.faults.delayMsNow();
    const updateId = this.bookUpdateId++;
    if (this.faults.quotesStale()) return;
    const payload = this.wire.bookTickerEvent(event.quote, updateId, eventTime);
    const name = `${this.symbolLower}@bookTicker`;
    for (const client of this.clients) {
      const stream = client.subscriptions.has(name) ? name : client.subscriptions.has('!bookTicker') ? '!bookTicker' : null;
      if (stream) client.send(client.frame(stream, payload), delay);
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function idOf(json: unknown): ControlMessage['id'] | undefined {
  if (typeof json !== 'object' || json === null || !('id' in json)) return undefined;
  const id = json.id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}
