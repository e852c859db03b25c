// Shared driver pieces: open one SDK page per user in a single Chromium, log in, and wait for recorded events.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../browser/chromium.mjs';
import { serve } from '../../browser/static-server.mjs';

const pageDir = path.dirname(fileURLToPath(import.meta.url));

/** Starts Chromium and the page server; returns { open(login, password, opts), close() }. */
export async function startBrowser(apiUrl, chatUrl) {
  const server = await serve(pageDir);
  const browser = await launch();
  const pages = [];
  return {
    async open(login, password, opts = {}) {
      const page = pages.length === 0 ? browser.page : await browser.newPage();
      pages.push(page);
      await page.goto(`${server.url}/sdk-page.html`);
      await page.waitForFunction(() => typeof window.ConnectyCube?.init === 'function', null, { timeout: 10000 });
      const userId = await page.evaluate(a => window.setup(a), { apiUrl, chatUrl, login, password, ...opts });
      return { page, userId };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until an event named `name` was recorded on `page` (optionally matching `extra`), returns it. */
export async function waitEvent(page, name, timeout = 20000, extra = {}) {
  const handle = await page.waitForFunction(([n, x]) => window.events.find(e => e.e === n
    && Object.entries(x).every(([k, v]) => e[k] === v)), [name, extra], { timeout, polling: 100 });
  return handle.jsonValue();
}

export const events = (page) => page.evaluate(() => window.events);
