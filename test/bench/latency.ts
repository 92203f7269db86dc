/**
 * Click → passkey prompt and navigation → autofill armed, in real Chromium against the real local server, for
 * the plain SDK integration of the guides and for the elements, in two latency models:
 *   rtt   100 ms round trip emulated by Chromium (CDP Network.emulateNetworkConditions)
 *   held  every answer of the page's server and of the API held 100 ms (CORS preflights included)
 * The prompt is the page's call of navigator.credentials.get/create (a virtual authenticator answers it).
 * Each case runs in a fresh browser context (a first visit, nothing cached), `trials` times; medians are kept.
 * BENCH_TRACE=1 prints each autofill page's resource timeline (what was fetched when) next to its armed time.
 */
import { readdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Authsignal } from '@authsignal/node';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startAuthsignalLocal } from '../../authsignal-local/index.js';
import { startFaultyProxy } from '../helpers/faulty-proxy.js';
import { addVirtualAuthenticator } from '../../testing/index.js';
import { launchChromium } from '../../scripts/chromium.js';
import { benchPage, instrument, type Integration, type PageKind } from './pages.js';

export type Model = 'rtt' | 'held';
export interface ClickTiming {
  firstMs: number;
  secondMs: number;
  /** Requests the page started between the first click and its prompt. */
  requestsBetween: number;
}
export interface LatencyResult {
  model: Model;
  integration: Integration;
  signin?: ClickTiming;
  add?: ClickTiming;
  autofillArmedMs: number;
}

const LATENCY_MS = 100;
const THINK_MS = 1500; // a person reads the page before clicking
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchLatency({ trials = 7, clicks: measureClicks = true } = {}): Promise<LatencyResult[]> {
  let hold = 0;
  const app = new Hono();
  app.use('*', async (_, next) => {
    if (hold) await sleep(hold);
    await next();
  });
  app.get('/cdn/*', serveStatic({ root: './dist/cdn', rewriteRequestPath: (path) => path.replace(/^\/cdn/, '') }));
  app.get('/sdk/*', serveStatic({ root: './node_modules/@authsignal/browser/dist', rewriteRequestPath: (path) => path.replace(/^\/sdk/, '') }));
  let apiUrl = '';
  // An enrollment token adds one passkey: one user per page, a fresh token per request (the elements' token-url).
  const addPasskeyToken = async (userId = `bench-${crypto.randomUUID()}`) =>
    (await server.track({ userId, action: 'add-passkey', attributes: { scope: 'add:authenticators' } })).token;
  app.post('/token', async (c) => c.json({ token: await addPasskeyToken() }));
  app.get('/:integration/:kind', async (c) => {
    const tokens = (await Promise.all([addPasskeyToken(), addPasskeyToken()])) as [string, string];
    const sdkChunk = readdirSync('dist/cdn').find((file) => file === 'passkey-ceremonies.js')!;
    const input = { tenantId: local.options.tenantId, baseUrl: apiUrl, tokens, sdkChunk };
    return c.html(benchPage(c.req.param('integration') as Integration, c.req.param('kind') as PageKind, input));
  });
  const site = serve({ fetch: app.fetch, port: 0, hostname: 'localhost' });
  await new Promise((resolve) => site.once('listening', resolve));
  const origin = `http://localhost:${(site.address() as AddressInfo).port}`;
  const local = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false, origins: [origin] });
  const server = new Authsignal({ apiSecretKey: local.options.secret, apiUrl: local.url, retries: 0 });

  const browser = await launchChromium();
  const results: LatencyResult[] = [];
  try {
    for (const model of ['rtt', 'held'] as Model[]) {
      const proxy = await startFaultyProxy(local.url, { delayMs: model === 'held' ? LATENCY_MS : 0 });
      apiUrl = proxy.url;
      hold = model === 'held' ? LATENCY_MS : 0;
      // Trials take turns between the integrations, so that a busy moment of the machine falls on all of them.
      const integrations = ['plain', 'elements', 'elements-preload'] as Integration[];
      const armed = new Map(integrations.map((integration) => [integration, [] as number[]]));
      for (let i = 0; i < trials; i++) {
        for (const integration of integrations) {
          armed.get(integration)!.push(await autofillArmed(browser, `${origin}/${integration}/autofill`, model));
        }
      }
      for (const integration of integrations) {
        const result: LatencyResult = { model, integration, autofillArmedMs: median(armed.get(integration)!) };
        if (measureClicks && integration !== 'elements-preload') {
          for (const kind of ['signin', 'add'] as const) {
            const timings: ClickTiming[] = [];
            for (let i = 0; i < trials; i++) timings.push(await clicks(browser, `${origin}/${integration}/${kind}`, model));
            result[kind] = {
              firstMs: median(timings.map((t) => t.firstMs)),
              secondMs: median(timings.map((t) => t.secondMs)),
              requestsBetween: median(timings.map((t) => t.requestsBetween)),
            };
          }
        }
        results.push(result);
      }
      await proxy.close();
    }
  } finally {
    await browser.close();
    site.close();
    await local.stop();
  }
  return results;
}

async function openPage(browser: Browser, model: Model): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { cdp } = await addVirtualAuthenticator(page);
  if (model === 'rtt') {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.addInitScript(instrument);
  return page;
}

type Marks = { prompts: { t: number; conditional: boolean }[]; clicks: number[]; checks: string[] };
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __marks: Marks }).__marks);

async function autofillArmed(browser: Browser, url: string, model: Model): Promise<number> {
  const page = await openPage(browser, model);
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.prompts.some((p) => p.conditional), null, { timeout: 15_000 });
    const armedAt = (await marks(page)).prompts.find((p) => p.conditional)!.t;
    if (process.env.BENCH_TRACE) {
      const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => `${e.startTime.toFixed(0)}→${(e as PerformanceResourceTiming).responseEnd.toFixed(0)} ${new URL(e.name).pathname}`));
      console.log(url, armedAt.toFixed(0), entries, (await marks(page)).checks);
    }
    return armedAt;
  } finally {
    await page.context().close();
  }
}

async function clicks(browser: Browser, url: string, model: Model): Promise<ClickTiming> {
  const page = await openPage(browser, model);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await sleep(THINK_MS);
    const target = url.endsWith('/signin') ? 'button, passkey-signin-button' : 'button, add-passkey-button';
    const once = async (n: number) => {
      await page.locator(target).first().click();
      await page.waitForFunction((count) => (window as unknown as { __marks: Marks }).__marks.prompts.length >= count, n, { timeout: 15_000 });
      await page.waitForFunction((count) => (window as unknown as { __done: number }).__done >= count, n, { timeout: 15_000 });
      const { prompts, clicks } = await marks(page);
      return { click: clicks[n - 1]!, prompt: prompts[n - 1]!.t };
    };
    const first = await once(1).catch((error: Error) => {
      throw new Error(`${url}, first click: ${error.message}`);
    });
    const requestsBetween = await page.evaluate(
      ({ from, to }) => performance.getEntriesByType('resource').filter((e) => e.startTime >= from && e.startTime <= to).length,
      { from: first.click, to: first.prompt },
    );
    await sleep(THINK_MS);
    const second = await once(2).catch((error: Error) => {
      throw new Error(`${url}, second click: ${error.message}`);
    });
    return { firstMs: first.prompt - first.click, secondMs: second.prompt - second.click, requestsBetween };
  } finally {
    await page.context().close();
  }
}
