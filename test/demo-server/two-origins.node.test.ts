// The guides' topology over HTTP: the login server (OpenID Connect provider) and the app on two origins,
// one relying party ID (localhost), both origins expected by the local Authsignal server, and a third
// origin (another port of localhost: the same RP ID, so only the origin check stands in its way) that can
// neither register nor use a passkey there. Plus the provider's own rules: redirect URIs registered
// exactly, PKCE required, and an app callback that only a sign-in it started can complete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp } from '../../demo/server/app/start.js';
import { startTopology, type Topology } from '../../demo/server/topology/start.js';
import { BrowserClient, connect } from '../helpers/harness.js';
import { open, submit } from '../helpers/prebuilt.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';
import { codeFor } from '../helpers/totp.js';
import { Visitor } from './helpers/visitor.js';

/** A page on localhost that is neither the login server nor the app. */
const THIRD_ORIGIN = 'http://localhost:5399';

describe('two origins, one relying party', () => {
  let topology: Topology;
  let app: string;
  let login: string;
  /** The local Authsignal server's clock: moved a 30 s step on where a second code is needed at once. */
  const authsignalClock = { offsetMs: 0 };
  /** Both servers' log lines. */
  const lines: string[] = [];

  before(async () => {
    topology = await startTopology({
      dataDir: ':memory:',
      clientSecret: 'node-test-secret',
      log: (line) => lines.push(line),
      login: { port: 0, authsignal: { port: 0, data: ':memory:', now: () => Date.now() + authsignalClock.offsetMs } },
      app: { port: 0 },
    });
    app = topology.app.url;
    login = topology.login.url;
  });
  after(() => topology?.stop());

  /** The clients of the local server as a page on `origin` would use them, and the Node SDK. */
  const from = (origin: string) => connect(topology.login.local!, origin);
  const enrollmentToken = async (userId: string) =>
    (await from(app).authsignal.track({ userId, action: 'add-passkey', attributes: { username: userId, scope: 'add:authenticators' } })).token;

  it('the local server expects both origins', () => {
    assert.deepEqual(topology.login.local!.options.origins, [login, app]);
  });

  it('a passkey registered on the app’s origin signs in on the login server’s', async () => {
    const passkey = new SoftwareAuthenticator(app);
    await from(app).client.signUp(passkey, await enrollmentToken('cross-origin-user'), 'cross-origin-user');
    // The same authenticator, now on the login server's page (clientDataJSON carries that origin).
    const onLogin = new BrowserClient(topology.login.local!.url, topology.login.local!.options.tenantId, login);
    const { result } = await onLogin.signIn(passkey, { overrides: { origin: login } });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal(result.body['isVerified'], true);
    const proof = await from(login).authsignal.validateChallenge({ token: result.body['accessToken'] as string });
    assert.equal(proof.isValid, true);
    assert.equal(proof.userId, 'cross-origin-user');
  });

  it('a third origin cannot register a passkey: its pages are refused, and so is its clientDataJSON; nothing is stored', async () => {
    const third = from(THIRD_ORIGIN);
    const token = await enrollmentToken('third-origin-user');
    // A page on the third origin: the client API refuses it outright (CORS), with a clear error.
    const options = await third.client.registrationOptions(token, 'third-origin-user');
    assert.equal(options.status, 403);
    assert.equal(options.body['error'], 'origin_not_allowed');
    assert.equal(options.body['errorDescription'], `The origin ${THIRD_ORIGIN} is not allowed for this tenant.`);
    // A credential made on the third origin and relayed through an allowed one: the origin in its
    // clientDataJSON is checked.
    const relay = from(app).client;
    const relayed = await relay.registrationOptions(token, 'third-origin-user');
    const credential = new SoftwareAuthenticator(THIRD_ORIGIN).createCredential(relayed.body['options'], { origin: THIRD_ORIGIN });
    const added = await relay.addAuthenticator(token, credential, relayed.body['challengeId']);
    assert.equal(added.status, 400);
    assert.equal(added.body['error'], 'invalid_credential');
    assert.match(added.body['errorDescription'], new RegExp(`origin.*${THIRD_ORIGIN}|${THIRD_ORIGIN}.*origin`, 'i'));
    assert.deepEqual(await from(app).authsignal.getAuthenticators({ userId: 'third-origin-user' }), [], 'nothing stored');
  });

  it('a third origin cannot sign in with a passkey: refused, no token', async () => {
    const passkey = new SoftwareAuthenticator(app);
    await from(app).client.signUp(passkey, await enrollmentToken('victim'), 'victim');
    const options = await from(THIRD_ORIGIN).client.authenticationOptions();
    assert.equal(options.status, 403);
    assert.equal(options.body['error'], 'origin_not_allowed');
    // The same passkey's assertion made for the third origin, relayed through an allowed one.
    const relay = from(login).client;
    const relayed = (await relay.authenticationOptions()).body;
    const assertion = passkey.getAssertion(relayed['options'], { origin: THIRD_ORIGIN });
    const verified = await relay.verify(assertion, relayed['challengeId']);
    assert.equal(verified.status, 400);
    assert.equal(verified.body['error'], 'invalid_credential');
    assert.equal(verified.body['accessToken'], undefined);
    const [stored] = await from(app).authsignal.getAuthenticators({ userId: 'victim' });
    assert.equal(stored?.lastVerifiedAt ?? null, null, 'the passkey was not used');
  });

  it('publishes the code flow with PKCE (S256) only', async () => {
    const discovery = (await (await fetch(`${login}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(discovery['issuer'], login);
    assert.deepEqual(discovery['response_types_supported'], ['code']);
    assert.deepEqual(discovery['code_challenge_methods_supported'], ['S256']);
  });

  /** An authorization request of the app's, with `overrides` (undefined drops a parameter). */
  const authorize = (overrides: Record<string, string | undefined>) => {
    const params: Record<string, string | undefined> = {
      client_id: 'demo-app',
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: `${app}/auth/callback`,
      state: 'state-value',
      nonce: 'nonce-value',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...overrides,
    };
    const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return fetch(`${login}/auth?${query}`, { redirect: 'manual' });
  };

  it('sends the app’s own authorization request on to the sign-in page', async () => {
    const response = await authorize({});
    assert.equal(response.status, 303);
    assert.match(response.headers.get('Location') ?? '', /^\/interaction\/[\w-]+$/);
  });

  it('refuses a redirect URI that is not registered exactly, on its own page (no redirect)', async () => {
    for (const redirect_uri of [`${app}/auth/callback/`, `${app}/auth/callback?next=/`, `${THIRD_ORIGIN}/auth/callback`, `${app}/`]) {
      const response = await authorize({ redirect_uri });
      assert.equal(response.status, 400, redirect_uri);
      assert.equal(response.headers.get('Location'), null);
      assert.match(await response.text(), /redirect_uri did not match any of the client(&#39;|')s registered redirect_uris/);
    }
  });

  it('refuses a request without PKCE, back to the app with an error', async () => {
    const response = await authorize({ code_challenge: undefined, code_challenge_method: undefined });
    const location = new URL(response.headers.get('Location') ?? '', login);
    assert.equal(`${location.origin}${location.pathname}`, `${app}/auth/callback`);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /requires PKCE/);
  });

  it('the app’s callback refuses a code it did not ask for (no sign-in started in this browser)', async () => {
    const response = await fetch(`${app}/auth/callback?code=forged&state=state-value&iss=${encodeURIComponent(login)}`, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /That sign-in could not be completed/);
    assert.equal(response.headers.getSetCookie().length, 0, 'no session');
  });

  it('the app says so when its login server cannot be reached (503), and starts without it', async () => {
    const alone = await startApp({
      port: 0,
      dataDir: ':memory:',
      log: false,
      connection: { issuer: 'http://localhost:1', clientSecret: 'x', authsignal: topology.login.tenant },
    });
    try {
      const response = await fetch(`${alone.url}/login`, { redirect: 'manual' });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /The login server could not be reached/);
    } finally {
      await alone.stop();
    }
  });

  it('the app’s callback refuses a state that is not the one it sent', async () => {
    const start = await fetch(`${app}/login`, { redirect: 'manual' });
    assert.equal(start.status, 303);
    const cookie = start.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const response = await fetch(`${app}/auth/callback?code=any&state=another-state&iss=${encodeURIComponent(login)}`, {
      redirect: 'manual',
      headers: { Cookie: cookie },
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /That sign-in could not be completed/);
  });

  it('single sign-on, except when the app asks for a sign-in now (prompt=login)', async () => {
    // Signed in on the login server (password, then a code through the pre-built UI).
    let secret = '';
    const visitor = new Visitor(login, async (v, url) => {
      const page = await open(url);
      secret = page.secret ?? secret; // shown on the enrolment page only
      const answer = await submit(page, codeFor(secret, Date.now() + authsignalClock.offsetMs));
      return v.request(answer.headers.get('Location')!);
    });
    assert.equal((await visitor.signIn('bob')).status, 303);
    /** Where the provider's interaction sends this browser for an authorization request of the app's. */
    const interaction = async (extra: Record<string, string>) => {
      const query = new URLSearchParams({
        client_id: 'demo-app',
        response_type: 'code',
        scope: 'openid',
        redirect_uri: `${app}/auth/callback`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        ...extra,
      });
      const toInteraction = await visitor.request(`${login}/auth?${query}`);
      const uid = /^\/interaction\/([\w-]+)$/.exec(toInteraction.headers.get('Location') ?? '')?.[1];
      assert.ok(uid, `to the interaction: ${toInteraction.status} ${toInteraction.headers.get('Location')}`);
      const answer = await visitor.request(`/interaction/${uid}`);
      return { uid, location: answer.headers.get('Location') };
    };
    const sso = await interaction({});
    assert.equal(sso.location, `${login}/auth/${sso.uid}`, 'the session signs in to the app');
    const now = await interaction({ prompt: 'login' });
    assert.equal(now.location, `/login?returnUrl=${encodeURIComponent(`/interaction/${now.uid}`)}`, 'asked to sign in again');
    // Signing in again (the app's next code) goes back to that interaction, which now lets the app in.
    authsignalClock.offsetMs += 30_000;
    const again = await visitor.signIn('bob', 'bob', `/interaction/${now.uid}`);
    assert.equal(again.headers.get('Location'), `/interaction/${now.uid}`);
    const done = await visitor.request(`/interaction/${now.uid}`);
    assert.equal(done.headers.get('Location'), `${login}/auth/${now.uid}`);
  });

  it('a forged end-session confirmation (no provider token, another origin) is refused and signs nobody out', async () => {
    authsignalClock.offsetMs += 30_000; // a fresh code step for this sign-in
    let secret = '';
    const visitor = new Visitor(login, async (v, url) => {
      const page = await open(url);
      secret = page.secret ?? secret;
      const answer = await submit(page, codeFor(secret, Date.now() + authsignalClock.offsetMs));
      return v.request(answer.headers.get('Location')!);
    });
    assert.equal((await visitor.signIn('alice')).status, 303);
    assert.equal((await visitor.request('/api/session')).status, 200);
    // A form on another origin of the same site (another port of localhost, a sibling subdomain): SameSite=Lax
    // cookies go along.
    const forged = await visitor.request('/session/end/confirm', {
      form: { logout: 'yes' },
      headers: { Origin: THIRD_ORIGIN, 'Sec-Fetch-Site': 'same-site' },
    });
    await forged.body?.cancel();
    assert.equal(forged.status, 400, 'oidc-provider refuses it');
    const after = await visitor.request('/api/session');
    assert.equal(after.status, 200, `still signed in: ${await after.text()}`);
  });

  it('an unknown sign-in to resume is a 4xx, not a 500', async () => {
    for (const path of ['/auth/no-such-interaction?client_id=demo-app', '/auth/callback?client_id=demo-app&code=x']) {
      const response = await fetch(`${login}${path}`, { redirect: 'manual' });
      await response.body?.cancel();
      assert.ok(response.status >= 400 && response.status < 500, `${path}: ${response.status}`);
    }
  });

  it('logs paths only: no query string, code, state or secret', async () => {
    // Requests with a state, a code challenge and a code in their query strings, whatever ran before.
    const start = await fetch(`${app}/login`, { redirect: 'manual' });
    await fetch(start.headers.get('Location')!, { redirect: 'manual' });
    await fetch(`${app}/auth/callback?code=any-code&state=any-state&iss=${encodeURIComponent(login)}`, { redirect: 'manual' });
    assert.ok(lines.some((line) => line.startsWith('[login] GET /auth ')), 'the provider’s requests are logged');
    assert.ok(lines.some((line) => line.startsWith('[app] GET /auth/callback ')), 'the app’s callback is logged');
    for (const line of lines) {
      assert.doesNotMatch(line, /\?|code=|state|node-test-secret|local-secret/, line);
    }
  });
});

describe('what the app is told of the second factor', () => {
  it('a password the rule let in without a code reaches the app as a password alone (amr pwd), not as two factors', async () => {
    const topology = await startTopology({
      dataDir: ':memory:',
      clientSecret: 'node-test-secret',
      log: false,
      login: {
        port: 0,
        authsignal: { port: 0, data: ':memory:', actions: { 'identity-server-login': { outcome: 'ALLOW', authenticators: ['AUTHENTICATOR_APP'] } } },
      },
      app: { port: 0 },
    });
    const { app, login } = { app: topology.app.url, login: topology.login.url };
    const location = (response: Response) => response.headers.get('Location') ?? '';
    try {
      // ALLOW still sends someone without an app to enrol one: bob does, in another browser.
      const enrolling = new Visitor(login, async (v, url) => {
        const page = await open(url);
        return v.request((await submit(page, codeFor(page.secret!, Date.now()))).headers.get('Location')!);
      });
      assert.equal((await enrolling.signIn('bob')).status, 303);
      // Then the app: its sign-in on the login server takes the password alone.
      const browser = new Visitor(login);
      let step = await browser.request(`${app}/login`);
      step = await browser.request(location(step)); // the provider's /auth
      const uid = /\/interaction\/([\w-]+)/.exec(location(step))?.[1];
      assert.ok(uid, `to the interaction: ${step.status} ${location(step)}`);
      await (await browser.request(`/interaction/${uid}`)).body?.cancel();
      step = await browser.passwordOnly('bob', 'bob', `/interaction/${uid}`);
      assert.equal(location(step), `/interaction/${uid}`, 'in with the password alone');
      step = await browser.request(location(step)); // the interaction's result
      step = await browser.request(location(step)); // the provider's /auth/:uid, on to the app with a code
      step = await browser.request(location(step)); // the app's callback
      assert.equal(location(step), '/account');
      const account = await (await browser.request(`${app}/account`)).text();
      assert.match(account, /with\s*<strong data-method="password">a password<\/strong>/);
    } finally {
      await topology.stop();
    }
  });
});
