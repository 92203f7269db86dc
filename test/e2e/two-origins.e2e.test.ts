// The guides' topology in Chromium: the login server (an OpenID Connect provider) and the app on another
// origin, with the local Authsignal server expecting both, all started in-process on free ports:
//   open the app → the login server → password + a code from the authenticator app (the pre-built UI)
//   → back on the app, signed in → add a passkey on the app's origin → sign out of both
//   → open the app again → the login server's passkey autofill signs in with the passkey made on the
//   other origin → back on the app as the same person, no password typed
//   → restart both servers on the same data → still signed in (the app's session and the provider's),
//   and the passkey still signs in.
// One page (one CDP session, one virtual authenticator) throughout. Needs `npm run build` (dist/cdn).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../../testing/index.js';
import { APP_SESSION_COOKIE } from '../../demo/server/app/start.js';
import { startTopology, type Topology } from '../../demo/server/topology/start.js';
import { codeFor } from '../helpers/totp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist/cdn/passkey-elements.js');

describe('two origins: login server (OpenID Connect) and app, in Chromium', { timeout: 90_000 }, () => {
  let dataDir: string;
  let topology: Topology;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let authenticator: VirtualAuthenticator;
  /** The ports of the first start, used again at the restart (cookies and passkeys belong to those origins). */
  let ports: { login: number; app: number; authsignal: number };
  const problems: string[] = [];
  /** Every request the browser made, as method + URL: checked for passwords and tokens at the end. */
  const requests: Request[] = [];

  const start = (fixed?: typeof ports) =>
    startTopology({
      dataDir,
      clientSecret: 'e2e-client-secret',
      log: false,
      login: { port: fixed?.login ?? 0, authsignal: { port: fixed?.authsignal ?? 0 } },
      app: { port: fixed?.app ?? 0 },
    });
  const origin = () => new URL(page.url()).origin;
  const path = () => new URL(page.url()).pathname;
  const signedIn = async () => ({
    method: await page.locator('#signed-in-as [data-method]').getAttribute('data-method'),
    text: ((await page.locator('#signed-in-as').textContent()) ?? '').replace(/\s+/g, ' ').trim(),
  });
  const credentials = () => authenticator.credentials();

  /** Signs out of the app and, on the login server's end-session page, of the login server too. */
  const signOutOfBoth = async () => {
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL((url) => url.origin === topology.login.url && url.pathname === '/session/end');
    assert.ok(await page.getByText('You signed out of the demo app.').isVisible(), 'the app by its name, not its client id');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${topology.app.url}/`);
    assert.ok(await page.getByRole('link', { name: 'Sign in', exact: true }).first().isVisible());
  };

  /** Opens the app's account page and lets the login server's passkey autofill sign in. */
  const signInByAutofill = async () => {
    const callback = page.waitForRequest((request) => request.method() === 'POST' && request.url() === `${topology.login.url}/login/callback`);
    await page.goto(`${topology.app.url}/account`);
    const post = await callback;
    // The autofill ran on the login server's sign-in page, for this interaction.
    const from = new URL(post.frame().url());
    assert.equal(from.origin, topology.login.url);
    assert.equal(from.pathname, '/login');
    assert.match(from.searchParams.get('returnUrl') ?? '', /^\/interaction\/[\w-]+$/);
    await page.waitForURL(`${topology.app.url}/account`);
  };

  before(async () => {
    if (!existsSync(BUNDLE)) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'npm run build failed');
    }
    dataDir = mkdtempSync(join(tmpdir(), 'two-origins-e2e-'));
    topology = await start();
    ports = {
      login: Number(new URL(topology.login.url).port),
      app: Number(new URL(topology.app.url).port),
      authsignal: Number(new URL(topology.login.local!.url).port),
    };
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request));
    authenticator = await addVirtualAuthenticator(page);
  });

  after(async () => {
    await browser?.close();
    await topology?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the app sends an unknown visitor to the login server, which signs in with a password and a code and sends them back', async () => {
    await page.goto(`${topology.app.url}/account`);
    assert.equal(origin(), topology.login.url, 'on the login server');
    assert.equal(path(), '/login');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/prebuilt/');
    assert.equal(origin(), new URL(topology.login.authsignalUrl).origin, 'the pre-built UI');
    const secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('6-digit code').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${topology.app.url}/account`);
    assert.deepEqual(await signedIn(), { method: 'password', text: (await signedIn()).text });
    assert.match((await signedIn()).text, /^Signed in as Alice \(alice\) with a password and a code/);
  });

  it('adds a passkey on the app’s origin', async () => {
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL((url) => url.origin === topology.app.url && url.pathname === '/passkeys/name');
    await page.getByLabel('Name', { exact: true }).fill('Made on the app');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(`${topology.app.url}/account`);
    assert.ok(await page.getByRole('heading', { name: 'Made on the app' }).isVisible());
    const [credential, more] = await credentials();
    assert.equal(more, undefined, 'one passkey');
    assert.equal(credential!.rpId, 'localhost', 'one relying party for both origins');
  });

  it('signs out of both, then signs in on the login server with that passkey, by autofill, and is back on the app', async () => {
    await signOutOfBoth();
    await signInByAutofill();
    assert.equal((await signedIn()).method, 'passkey');
    assert.match((await signedIn()).text, /^Signed in as Alice \(alice\) with a passkey/);
    assert.ok(await page.getByRole('heading', { name: 'Made on the app' }).isVisible(), 'the same person’s account');
  });

  it('restarting both servers keeps the person signed in, in the app and at the login server', async () => {
    await topology.stop();
    topology = await start(ports);
    await page.goto(`${topology.app.url}/account`);
    assert.equal(path(), '/account', 'the app’s session survived');
    assert.match((await signedIn()).text, /^Signed in as Alice \(alice\) with a passkey/);

    // Without the app's session, the login server's (persisted) session signs in again without a page.
    await context.clearCookies({ name: APP_SESSION_COOKIE });
    const first = requests.length;
    await page.goto(`${topology.app.url}/account`);
    await page.waitForURL(`${topology.app.url}/account`);
    // Every hop of the redirects: the provider's own session (SQLite) answered at once, with no
    // interaction, let alone a sign-in page.
    const steps = requests
      .slice(first)
      .filter((request) => request.isNavigationRequest())
      .map((request) => `${new URL(request.url()).origin === topology.login.url ? 'login' : 'app'}:${new URL(request.url()).pathname}`);
    assert.deepEqual(steps, ['app:/account', 'app:/login', 'login:/auth', 'app:/auth/callback', 'app:/account']);
    assert.equal((await signedIn()).method, 'passkey');
  });

  it('after the restart, the passkey still signs in', async () => {
    await signOutOfBoth();
    await signInByAutofill();
    assert.match((await signedIn()).text, /^Signed in as Alice \(alice\) with a passkey/);
  });

  it('signing out on the login server itself ends single sign-on: the app’s next sign-in asks again', async () => {
    // Presence off: the login page's autofill stays pending instead of signing straight back in.
    await authenticator.setPresence(false);
    await page.goto(`${topology.login.url}/account`);
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(`${topology.login.url}/login?notice=signed-out`);
    await context.clearCookies({ name: APP_SESSION_COOKIE });
    await page.goto(`${topology.app.url}/account`);
    assert.equal(origin(), topology.login.url, 'sent to sign in, not signed in silently');
    assert.equal(path(), '/login');
    await authenticator.setPresence(true);
    const callback = page.waitForRequest((request) => request.method() === 'POST' && request.url() === `${topology.login.url}/login/callback`);
    await page.reload();
    await callback;
    await page.waitForURL(`${topology.app.url}/account`);
    assert.equal((await signedIn()).method, 'passkey');
  });

  it('no password or token travelled in a URL, and no page had script errors or CSP violations', () => {
    for (const request of requests) {
      const url = new URL(request.url());
      assert.ok(!url.searchParams.has('password') && !url.searchParams.has('id_token') && !url.searchParams.has('access_token'), request.url());
      // The pre-built UI's protocol (Authsignal's): its address carries the track token, and its way back the result.
      if (url.searchParams.has('token')) assert.ok(['/prebuilt/', '/login/mfa'].includes(url.pathname), request.url().replace(/\?.*/, ''));
    }
    assert.deepEqual(problems, []);
  });
});
