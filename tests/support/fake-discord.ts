// A local HTTP server standing in for a Discord webhook: records every message it accepts.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDiscord {
  readonly url: string;
  /** Titles of the embeds received, in order. */
  titles(): string[];
  close(): Promise<void>;
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const titles: string[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(data) as { embeds: Array<{ title: string }> };
      for (const e of body.embeds) titles.push(e.title);
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/1/x`,
    titles: () => [...titles],
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
