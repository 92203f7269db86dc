// The guides' whole journey in Chromium, with a WebAuthn virtual authenticator, against the demo and
// its local Authsignal server started in-process:
//   password sign-in → the pre-built UI enrols an authenticator app (the secret read from the page, codes
//   computed with otpauth) → progressive enrollment → create a passkey → name it → sign out
//   → sign in by autofill → sign out → sign in by button → rename and remove the passkey
//   → the browser deleted the removed passkey (Signal API) → password sign-in still works, with a code: a wrong
//   one refused, the right one accepted, the same one refused the next time → add a passkey again
//   → on a stale session, confirm with the passkey in place and remove the authenticator app.
// One page (one CDP session, one authenticator) for the whole journey: the authenticator lives there.
// Needs `npm run build` (dist/cdn); built here if missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../../testing/index.js';
import { type Demo, startDemo } from '../../demo/server/start.js';
import { codeFor } from '../helpers/totp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist/cdn/passkey-elements.js');

describe('demo journey in Chromium', { timeout: 60_000 }, () => {
  let dataDir: string;
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  let authenticator: VirtualAuthenticator;
  /** The demo's clock, moved to age the session. */
  const clock = { offsetMs: 0 };
  /** The local Authsignal server's clock: moved a 30 s step on where a fresh code is needed at once. */
  const authsignalClock = { offsetMs: 0 };
  /** The authenticator app's secret, as the enrolment page shows it. */
  let secret = '';
  const code = () => codeFor(secret, Date.now() + authsignalClock.offsetMs);
  const enterCode = async (value: string) => {
    await page.getByLabel('6-digit code').fill(value);
    await page.getByRole('button', { name: 'Verify' }).click();
  };
  const signInWithPassword = async () => {
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/prebuilt/');
  };
  const problems: string[] = [];
  /** Which element reported each passkey sign-in, in order (logged by an init script). */
  const successes: string[] = [];

  const presence = (enabled: boolean) => authenticator.setPresence(enabled);
  const credentials = () => authenticator.credentials();
  const path = () => {
    const url = new URL(page.url());
    return url.pathname + url.search;
  };
  const signedInWith = () => page.locator('#signed-in-as [data-method]').getAttribute('data-method');
  before(async () => {
    if (!existsSync(BUNDLE)) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'npm run build failed');
    }
    dataDir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
    demo = await startDemo({
      port: 0,
      dataDir,
      log: false,
      now: () => Date.now() + clock.offsetMs,
      authsignal: { now: () => Date.now() + authsignalClock.offsetMs },
    });
    browser = await launchChromium();
    const context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // CSP violations and script errors would mean the page works only by accident.
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      const match = /^passkey-signin-success from (\S+)$/.exec(message.text());
      if (match) successes.push(match[1]!);
    });
    await page.addInitScript(() =>
      document.addEventListener('passkey-signin-success', (event) =>
        console.debug(`passkey-signin-success from ${(event.target as Element).localName}`),
      ),
    );
    authenticator = await addVirtualAuthenticator(page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with a password, enrols an authenticator app, and is offered a passkey right away', async () => {
    await page.goto(`${demo.url}/account`);
    assert.equal(path(), '/login?returnUrl=%2Faccount');
    await signInWithPassword();
    assert.equal(new URL(page.url()).origin, new URL(demo.authsignalUrl).origin, 'the pre-built UI');
    secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    assert.ok(await page.locator('svg').first().isVisible(), 'a QR code');
    await enterCode(code());
    await page.waitForURL(/\/passkeys\/enroll\?/);
    assert.equal(path(), '/passkeys/enroll?returnUrl=%2Faccount', 'the token URL left at once');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in faster next time');
    assert.ok(await page.getByRole('link', { name: 'Not now' }).isVisible());
  });

  it('creates a passkey and names it', async () => {
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await page.waitForURL(/\/passkeys\/name\?/);
    assert.equal((await credentials()).length, 1, 'the authenticator holds the new passkey');
    const name = page.getByLabel('Name', { exact: true });
    assert.match(await name.inputValue(), / on Linux$/, 'default name from the browser');
    await name.fill('Test key');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/account$/);
    assert.ok(await page.getByRole('heading', { name: 'Test key' }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Remove the authenticator app' }).isVisible(), 'the app is listed');
    assert.equal(await signedInWith(), 'password');
  });

  it('signs out, then back in by passkey autofill on /login', async () => {
    const callback = page.waitForRequest((request) => request.url().endsWith('/login/callback') && request.method() === 'POST');
    // After the sign-in, the browser is told the account's current names (Signal API).
    const updated = authenticator.waitForSignal('updated');
    await page.getByRole('button', { name: /Sign out/ }).click();
    // The login page arms autofill; the virtual authenticator answers conditional mediation by itself.
    const post = await callback;
    assert.equal(new URL(post.frame().url()).pathname, '/login');
    // The token travels in the form body, never in a URL.
    assert.match(new URLSearchParams(post.postData() ?? '').get('token') ?? '', /^ey/);
    assert.equal(new URL(post.url()).search, '');
    await page.waitForURL(/\/account$/);
    assert.equal(await signedInWith(), 'passkey');
    assert.deepEqual(successes, ['passkey-autofill-input']);
    assert.equal((await updated).userName, 'alice', 'the passkey carries the account’s current name');
  });

  it('signs out, then back in with the passkey button', async () => {
    successes.length = 0;
    // Presence off first, so the autofill request the login page makes stays pending…
    await presence(false);
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(/\/login\?notice=signed-out$/);
    await page.locator('passkey-autofill-input[armed]').waitFor({ state: 'attached' });
    // Not a condition to await: the virtual authenticator has no event for a request reaching it, and a request
    // that reaches it after presence is switched on stays pending for ever (../shared/browser-testing.md).
    await page.waitForTimeout(150);
    await presence(true);
    // …and the button's ceremony aborts it and signs in. Leaving is final: the page posts once and goes; autofill
    // does not re-arm behind the button and post a second time (that race used to be retried away).
    const callbacks: string[] = [];
    const countCallback = (request: Request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/login/callback') callbacks.push(request.url());
    };
    page.on('request', countCallback);
    try {
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.waitForURL(/\/account$/, { waitUntil: 'load' });
      assert.equal(await signedInWith(), 'passkey');
      assert.deepEqual(callbacks, [`${demo.url}/login/callback`], 'one callback post');
      assert.deepEqual(successes, ['passkey-signin-button']);
    } finally {
      page.off('request', countCallback);
    }
  });

  it('renames and removes the passkey from the account page', async () => {
    await page.getByLabel('New name').fill('Renamed key');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.waitForURL(/\/account\?notice=renamed$/);
    assert.equal(await page.locator('main').getByRole('status').first().textContent(), 'Passkey renamed.');
    assert.ok(await page.getByRole('heading', { name: 'Renamed key' }).isVisible());

    const [removed] = await credentials();
    // The account page's add button tells the browser which passkeys the account still has (Signal API).
    const deleted = authenticator.waitForSignal('deleted');
    await page.getByRole('button', { name: 'Remove Renamed key' }).click();
    await page.waitForURL(/\/account\?notice=removed$/);
    assert.ok(await page.getByText('You have no passkey yet.').isVisible());
    assert.equal((await deleted).credentialId, removed!.credentialId, 'the browser deleted the removed passkey');
    assert.deepEqual(await credentials(), [], 'the authenticator no longer offers it');
  });

  it('after removal, /login offers no passkey and shows no error', async () => {
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(/\/login\?notice=signed-out$/);
    // Before the Signal API the authenticator still offered the removed passkey, and every pick failed.
    assert.deepEqual(await credentials(), []);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(path(), '/login?notice=signed-out');
  });

  it('still signs in with a password and a code: a wrong one refused, the right one accepted', async () => {
    await signInWithPassword();
    assert.equal(await page.locator('#secret').count(), 0, 'enrolled: a challenge, no secret');
    authsignalClock.offsetMs += 30_000; // the enrolment's code (seconds ago) is spent: the app's next one
    const right = code();
    await enterCode(right === '000000' ? '111111' : '000000');
    assert.match((await page.getByRole('alert').textContent()) ?? '', /code/i);
    await enterCode(right);
    await page.waitForURL(/\/passkeys\/enroll\?/);
    await page.getByRole('link', { name: 'Not now' }).click();
    await page.waitForURL(/\/account$/);
    assert.equal(await signedInWith(), 'password');

    // The same code the next time is refused; a code of the next step is accepted.
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(/\/login\?notice=signed-out$/);
    await signInWithPassword();
    await enterCode(right);
    assert.equal(await page.getByRole('alert').textContent(), 'That code has already been used. Wait for the app to show a new one.');
    authsignalClock.offsetMs += 30_000; // the app shows the next code
    await enterCode(code());
    await page.waitForURL(/\/passkeys\/enroll\?/);
    await page.getByRole('link', { name: 'Not now' }).click();
    await page.waitForURL(/\/account$/);
    assert.equal(await signedInWith(), 'password');
  });

  it('refuses to add a passkey from a stale session, with a clear message', async () => {
    clock.offsetMs = 11 * 60 * 1000; // signed in 11 minutes ago
    try {
      // The account page opened by a stale session: the button's token-url is refused, ahead of the click and at it.
      // (Only the server's clock moved here; a page left open re-asks token-url before its options expire.)
      await page.reload();
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      const alert = page.locator('#passkey-message');
      await alert.waitFor({ state: 'visible' });
      assert.equal(await alert.textContent(), 'Could not prepare your passkey. Sign in again and retry.');
      assert.equal(path(), '/account');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('adds a passkey from the account page (token-url) and names it', async () => {
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL(/\/passkeys\/name\?/);
    await page.getByLabel('Name', { exact: true }).fill('Second key');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/account$/);
    assert.ok(await page.getByRole('heading', { name: 'Second key' }).isVisible());
  });

  it('on a stale session, confirms with the passkey in place, then removes a passkey and the authenticator app', async () => {
    clock.offsetMs = 11 * 60 * 1000; // signed in 11 minutes ago
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Remove Second key' }).click();
      await page.getByText('Sign in again to remove a passkey: your last sign-in was over 10 minutes ago.').waitFor();
      await page.getByRole('button', { name: 'Confirm with your passkey' }).click();
      await page.waitForURL(/\/account\?notice=confirmed$/);
      await page.getByRole('button', { name: 'Remove the authenticator app' }).click();
      await page.waitForURL(/\/account\?notice=app-removed$/);
      assert.ok(await page.getByText('No authenticator app yet').isVisible());
      await page.getByRole('button', { name: 'Remove Second key' }).click();
      await page.waitForURL(/\/account\?notice=removed$/);
      assert.ok(await page.getByText('You have no passkey yet.').isVisible());
      assert.equal(await signedInWith(), 'password', 'the same session, confirmed, not a new sign-in');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('the browser bundle registers the elements by itself', async () => {
    const defined = await page.evaluate(() =>
      ['passkey-autofill-input', 'passkey-signin-button', 'add-passkey-button'].map((tag) => Boolean(customElements.get(tag))),
    );
    assert.deepEqual(defined, [true, true, true]);
  });

  it('saw no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
