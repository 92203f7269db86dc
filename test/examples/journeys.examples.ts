// The example apps (examples/), as an integrator gets them: the package packed once (`npm pack`), each example
// copied to a temp folder, `npm install`ed with that tarball (not a link to this repository), built, started
// with a local Authsignal-compatible server for its origin, and driven through the journey in Chromium with a
// WebAuthn virtual authenticator:
//   password sign-in (alice/alice) → add a passkey (an enrollment token from the example's server) → sign out
//   → passkey autofill signs in → sign out → the passkey button signs in
//   → the example's callback refuses an add-passkey proof, a used token and a forged one.
// Prints each example's install, build and drive times. `npm run test:examples` (builds first), and `npm test`;
// EXAMPLES=react-vite,sveltekit runs only those.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { APIRequestContext, Browser, BrowserContext, Page, Response } from 'playwright-core';
import { type AuthsignalLocal, startAuthsignalLocal } from '../../authsignal-local/index.js';
import { launchChromium } from '../../scripts/chromium.js';
import { addVirtualAuthenticator, type PasskeyEvents, recordPasskeyEvents, type VirtualAuthenticator } from '../../testing/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const TENANT = { tenantId: 'local-tenant', secret: 'local-secret' };

interface Example {
  name: string;
  /** Where the app listens (this suite's ports: 5711-5719; their local servers 5721-5729). */
  port: number;
  /** Sibling folders it uses (the shared Node backend), copied and installed beside it. */
  uses?: string[];
  /** Runs `npm run build`, with these variables (given its local server's API URL). */
  build?: (authsignalUrl: string) => NodeJS.ProcessEnv;
  /** `node` arguments that start it, from its folder, and their variables. */
  start: string[];
  env: (local: AuthsignalLocal, origin: string) => NodeJS.ProcessEnv;
  /** Where its sign-in callback takes a token: a JSON body, or a form post (`callback-url`). */
  callback: { path: string; form: boolean };
  /** Asks the app, with the browser's cookies, whether someone is signed in. */
  signedIn: (request: APIRequestContext, origin: string) => Promise<boolean>;
}

const spaSignedIn = async (request: APIRequestContext, origin: string) => (await request.get(`${origin}/api/session`)).ok();
const pageSignedIn = async (request: APIRequestContext, origin: string) =>
  (await request.get(`${origin}/account`, { maxRedirects: 0 })).status() === 200;
const backendEnv = (local: AuthsignalLocal) => ({ AUTHSIGNAL_SECRET: TENANT.secret, AUTHSIGNAL_URL: local.url });
const viteEnv = (url: string) => ({ VITE_AUTHSIGNAL_TENANT_ID: TENANT.tenantId, VITE_AUTHSIGNAL_URL: url });
const spaCallback = { path: '/api/login/passkey', form: false };

const all: Example[] = [
  {
    name: 'react-vite',
    port: 5711,
    uses: ['node-backend'],
    build: viteEnv,
    start: ['../node-backend/server.js', 'dist'],
    env: backendEnv,
    callback: spaCallback,
    signedIn: spaSignedIn,
  },
  {
    name: 'vue-vite',
    port: 5712,
    uses: ['node-backend'],
    build: viteEnv,
    start: ['../node-backend/server.js', 'dist'],
    env: backendEnv,
    callback: spaCallback,
    signedIn: spaSignedIn,
  },
  {
    name: 'cdn-html',
    port: 5713,
    uses: ['node-backend'],
    build: (url) => ({ AUTHSIGNAL_TENANT_ID: TENANT.tenantId, AUTHSIGNAL_URL: url }),
    start: ['../node-backend/server.js', 'public'],
    env: backendEnv,
    callback: spaCallback,
    signedIn: spaSignedIn,
  },
  {
    name: 'sveltekit',
    port: 5714,
    build: () => ({}),
    start: ['build'],
    env: (local, origin) => ({ ...backendEnv(local), AUTHSIGNAL_TENANT_ID: TENANT.tenantId, HOST: 'localhost', ORIGIN: origin }),
    callback: { path: '/login?/passkey', form: true },
    signedIn: pageSignedIn,
  },
  {
    name: 'express-ejs',
    port: 5715,
    start: ['server.js'],
    env: (local) => ({ ...backendEnv(local), AUTHSIGNAL_TENANT_ID: TENANT.tenantId }),
    callback: { path: '/login/callback', form: true },
    signedIn: pageSignedIn,
  },
];

// EXAMPLES=react-vite,express-ejs runs only those (a hand run); CI runs all.
const only = process.env.EXAMPLES?.split(',');
const examples = only ? all.filter((example) => only.includes(example.name)) : all;
assert.ok(examples.length, `EXAMPLES=${process.env.EXAMPLES} names no example (${all.map((e) => e.name).join(', ')})`);

/** Each example's local Authsignal server: its app's port + 10. */
const localPort = (example: Example) => example.port + 10;
const localUrl = (example: Example) => `http://localhost:${localPort(example)}/v1`;

/** Seconds, one decimal, for the timing table. */
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const timings = new Map<string, { install?: number; build?: number; drive?: number }>();
const timing = (name: string) => timings.get(name) ?? timings.set(name, {}).get(name)!;

/** Runs a command to completion; rejects with its output when it fails. Resolves with the time it took. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${command} ${args.join(' ')} in ${cwd} exited ${code}:\n${output}`));
    });
  });
}

/** Starts an example's server and resolves once it says it listens; `stop()` ends it. */
async function startApp(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ stop(): Promise<void>; output(): string }> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/(?:on|Listening on) http:\/\/\S+/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`exited before it listened:\n${output}`)));
  });
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let work: string;
let tarball: string;
let browser: Browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'passkey-examples-'));
  const packed = performance.now();
  const pack = await new Promise<string>((resolve, reject) => {
    const child = spawn('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`npm pack exited ${code}`))));
  });
  tarball = join(work, (JSON.parse(pack) as { filename: string }[])[0]!.filename);
  console.log(`npm pack: ${seconds(performance.now() - packed)} s`);

  // Copied without anything a hand run left behind; installed all at once (npm's cache is shared, and the
  // installs mostly wait on the network), each built as soon as it is installed; each step timed on its own.
  const folders = [...new Set(examples.flatMap((example) => [...(example.uses ?? []), example.name]))];
  for (const folder of folders) {
    cpSync(join(EXAMPLES, folder), join(work, folder), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist|build|public|\.svelte-kit|package-lock\.json)$/.test(source),
    });
  }
  const installing = performance.now();
  await Promise.all(
    folders.map(async (folder) => {
      const usesPackage = examples.some((example) => example.name === folder);
      const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', ...(usesPackage ? [tarball] : [])];
      timing(folder).install = await run('npm', args, join(work, folder));
      const example = examples.find((e) => e.name === folder);
      if (example?.build) timing(folder).build = await run('npm', ['run', 'build'], join(work, folder), example.build(localUrl(example)));
    }),
  );
  console.log(`npm install and build, all ${folders.length} at once: ${seconds(performance.now() - installing)} s`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  const rows = [...timings].map(([name, t]) =>
    `  ${name.padEnd(14)} install ${seconds(t.install ?? 0).padStart(5)} s   build ${seconds(t.build ?? 0).padStart(5)} s   drive ${seconds(t.drive ?? 0).padStart(5)} s`,
  );
  console.log(`Example apps (installs and builds ran in parallel):\n${rows.join('\n')}`);
});

for (const example of examples) {
  describe(`example ${example.name}`, { timeout: 180_000 }, () => {
    const origin = `http://localhost:${example.port}`;
    const dir = () => join(work, example.name);
    let local: AuthsignalLocal;
    let app: Awaited<ReturnType<typeof startApp>> | undefined;
    let context: BrowserContext;
    let page: Page;
    let authenticator: VirtualAuthenticator | undefined;
    let started: number;
    const problems: string[] = [];
    /** The elements' events, in order, with the element that raised them and their detail. */
    let events: PasskeyEvents;
    const tokens: Record<'add' | 'button', string> = { add: '', button: '' };

    const presence = (enabled: boolean) => authenticator!.setPresence(enabled);
    const signedInAsAlice = () => page.getByText('Signed in as alice').waitFor();
    const isCallback = (response: Response) => {
      const url = new URL(response.url());
      return url.pathname + url.search === example.callback.path && response.request().method() === 'POST';
    };
    /** Posts a token to the sign-in callback as the page would (same origin, the browser's cookies). */
    const postToCallback = (token: string) =>
      example.callback.form
        ? // As a browser's form post: it accepts HTML (SvelteKit answers other requests in JSON, always 200).
          page.request.post(origin + example.callback.path, { form: { token }, headers: { Origin: origin, Accept: 'text/html' }, maxRedirects: 0 })
        : page.request.post(origin + example.callback.path, { data: { token }, headers: { Origin: origin } });

    before(async () => {
      local = await startAuthsignalLocal({ port: localPort(example), origins: [origin], data: ':memory:', log: false, ...TENANT });
      assert.equal(local.url, localUrl(example), 'the URL the example was built with');
      started = performance.now();
      app = await startApp(example.start, dir(), { PORT: String(example.port), ...example.env(local, origin) });
      context = await browser.newContext();
      page = await context.newPage();
      events = await recordPasskeyEvents(page);
      page.setDefaultTimeout(15_000);
      page.on('console', (message) => {
        // A refused sign-in or an unknown session is an HTTP status the page handles, not a problem.
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      authenticator = await addVirtualAuthenticator(page);
    });

    after(async () => {
      // One platform authenticator per browser: the next example adds its own.
      await authenticator?.remove();
      await context?.close();
      await app?.stop();
      await local?.stop();
      if (started) timing(example.name).drive = performance.now() - started;
    });

    it('signs in with the password', async () => {
      await page.goto(origin);
      await page.getByLabel('Username').fill('alice');
      await page.getByLabel('Password').fill('alice');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signedInAsAlice();
      assert.equal(await example.signedIn(page.request, origin), true);
      assert.deepEqual(events.all().filter((e) => e.type === 'passkey-signin-success'), []);
    });

    it('adds a passkey with an enrollment token from its server', async () => {
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      // The page's own status line (the button's live region says so too).
      await page.locator('p[role=status]', { hasText: 'Passkey added.' }).waitFor();
      const credentials = await authenticator!.credentials();
      assert.equal(credentials.length, 1, 'the authenticator holds the new passkey');
      const added = events.all().filter((e) => e.type === 'passkey-add-success');
      assert.deepEqual(added.map((e) => e.element), ['add-passkey-button']);
      tokens.add = String(added[0]!.detail['token'] ?? '');
    });

    it('signs out, and passkey autofill signs in', async () => {
      events.clear();
      const callback = page.waitForResponse(isCallback);
      await page.getByRole('button', { name: 'Sign out' }).click();
      // The login page arms autofill; the virtual authenticator answers conditional mediation by itself.
      assert.ok((await callback).status() < 400, 'the callback accepted the token');
      await signedInAsAlice();
      assert.equal(await example.signedIn(page.request, origin), true);
      assert.deepEqual(events.all().filter((e) => e.type === 'passkey-signin-success').map((e) => e.element), ['passkey-autofill-input']);
    });

    it('signs out, and the passkey button signs in', async () => {
      events.clear();
      // Presence off, so the login page's autofill request stays pending; the button's ceremony aborts it.
      await presence(false);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('passkey-autofill-input[armed]').waitFor({ state: 'attached' });
      // Not a condition to await: a request that reaches the authenticator after presence is switched on stays
      // pending for ever, and nothing tells when it did (../shared/browser-testing.md).
      await page.waitForTimeout(150);
      await presence(true);
      const callback = page.waitForResponse(isCallback);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      assert.ok((await callback).status() < 400, 'the callback accepted the token');
      await signedInAsAlice();
      const successes = events.all().filter((e) => e.type === 'passkey-signin-success');
      assert.deepEqual(successes.map((e) => e.element), ['passkey-signin-button']);
      tokens.button = String(successes[0]!.detail['token'] ?? '');
    });

    it('its callback signs in with no add-passkey proof, no used token, no forged one', async () => {
      await presence(false); // the login page's autofill stays pending: nobody signs in behind the test's back
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('passkey-autofill-input').waitFor({ state: 'attached' });
      assert.equal(await example.signedIn(page.request, origin), false);
      for (const [what, token] of [
        ['the add-passkey proof', tokens.add],
        ['the button sign-in token, again', tokens.button],
        ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'],
      ] as const) {
        assert.match(token, /^ey/, what);
        const response = await postToCallback(token);
        assert.equal(response.status(), 401, `${what}: ${response.status()}`);
        assert.equal(await example.signedIn(page.request, origin), false, `${what} signed nobody in`);
      }
      assert.deepEqual(problems, [], 'no script error on its pages');
    });
  });
}
