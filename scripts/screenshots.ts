// `npm run screenshots`: builds the playground, serves it in-process (demo/server/playground.ts), and writes
// docs/screenshots/playground-phone.png (390 px) and playground-desktop.png (1280 px), full page. The desktop
// shot first adds a passkey in the workbench (WebAuthn virtual authenticator) so the event log shows a real entry.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { addVirtualAuthenticator } from '../testing/index.js';
import { build } from 'vite';
import { startPlaygroundServer } from '../demo/server/playground.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}docs/screenshots`;

async function open(browser: Browser, url: string, width: number, authenticator = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  // Before loading: enabling WebAuthn emulation under a page that already armed autofill can fail its next arm.
  if (authenticator) await addAuthenticator(page);
  await page.goto(`${url}/playground`);
  // Every tile in its state, and the workbench loaded.
  await page.waitForFunction(() => document.querySelectorAll('[data-state="busy"] [busy]').length === 4);
  await page.waitForFunction(() =>
    Boolean(document.querySelector<HTMLIFrameElement>('#workbench')?.contentDocument?.querySelector('add-passkey-button')?.shadowRoot),
  );
  return page;
}

async function addAuthenticator(page: Page): Promise<void> {
  await addVirtualAuthenticator(page);
}

/** Adds a passkey and signs in with it from the workbench, so the event log has real entries. */
async function ceremonies(page: Page): Promise<void> {
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await frame.locator('#bench-add').click();
  await page.locator('#log li[data-type="passkey-add-success"]').waitFor();
  await frame.locator('#bench-signin').click();
  await page.locator('#log li[data-source="passkey-signin-button"]').waitFor();
}

const started = performance.now();
await build({ configFile: `${ROOT}demo/playground/vite.config.ts`, logLevel: 'warn' });
const server = await startPlaygroundServer();
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const desktop = await open(browser, server.url, 1280, true);
  await ceremonies(desktop);
  // As tall as the page: the sticky controls panel (max-height 100vh) then shows all of its controls.
  await desktop.evaluate(() => window.scrollTo(0, 0));
  for (let i = 0; i < 2; i++) {
    await desktop.setViewportSize({ width: 1280, height: await desktop.evaluate(() => document.documentElement.scrollHeight) });
  }
  await desktop.screenshot({ path: `${OUT}/playground-desktop.png`, fullPage: true, animations: 'disabled' });
  const phone = await open(browser, server.url, 390);
  await phone.screenshot({ path: `${OUT}/playground-phone.png`, fullPage: true, animations: 'disabled' });
  console.log(`docs/screenshots/playground-{desktop,phone}.png (${Math.round(performance.now() - started)} ms)`);
} finally {
  await browser.close();
  await server.stop();
}
