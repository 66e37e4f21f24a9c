// The app in web mode opened in Chromium: the built renderer served for a started host, one page
// on it at a trader's screen size. Shared by the browser tests, which differ only in the host.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Host } from '../../native/host/host';
import { startWebServer } from '../../native/host/web-server';
import { launchChromium } from './browser';

export interface AppInBrowser {
  page: Page;
  close(): Promise<void>;
}

/** `beforeLoad` runs on the page before it navigates, so listeners see the first load too. */
export async function openAppInBrowser(host: Host, beforeLoad?: (page: Page) => void): Promise<AppInBrowser> {
  const server = await startWebServer({ host, staticDir: join(process.cwd(), 'dist', 'renderer') });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  beforeLoad?.(page);
  await page.goto(server.url);
  return {
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
