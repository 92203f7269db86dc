// Password sign-in, sessions and cookies, rate limits, cross-origin refusals, redirects, bad input,
// logs, and the JSON API, against the demo started in-process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadActionRules, startAuthsignalLocal } from '../../authsignal-local/index.js';
import { DEMO_ACTIONS_FILE, startDemo } from '../../demo/server/start.js';
import { localPath, returnTo } from '../../demo/server/security/return-url.js';
import { startDemoHarness, type DemoHarness } from './helpers/demo.js';
import { open, submit } from '../helpers/prebuilt.js';
import { codeFor } from '../helpers/totp.js';
import { type SecondStep, Visitor } from './helpers/visitor.js';

const location = (response: Response) => response.headers.get('Location');

/** The pre-built UI of a demo without the harness: a new user enrols the app shown and comes back. */
const throughPrebuilt: SecondStep = async (visitor, url) => {
  const page = await open(url);
  const done = await submit(page, codeFor(page.secret!));
  return visitor.request(done.headers.get('Location')!);
};

describe('password sign-in and sessions', () => {
  let h: DemoHarness;
  const lines: string[] = [];
  before(async () => {
    h = await startDemoHarness({ log: (line) => lines.push(line), rateLimit: { perUsername: 3, perIp: 100 } });
  });
  after(() => h.stop());

  it('refuses a wrong password with a clear message and no session', async () => {
    const visitor = h.visitor();
    const response = await visitor.post('/login', { username: 'alice', password: 'wrong', returnUrl: '/account' });
    assert.equal(response.status, 401);
    const page = await response.text();
    assert.match(page, /role="alert">Wrong username or password\./);
    assert.match(page, /name="returnUrl" value="\/account"/, 'returnUrl kept');
    assert.match(page, /id="username"[^>]*value="alice"/, 'username kept');
    assert.doesNotMatch(page, /wrong/, 'the password is not echoed');
    assert.equal(visitor.session, undefined);
    const unknown = await visitor.post('/login', { username: 'nobody', password: 'x' });
    assert.equal(unknown.status, 401);
    const empty = await visitor.post('/login', { username: '', password: '' });
    assert.equal(empty.status, 400);
  });

  it('signs in; without a passkey, continues to progressive enrollment; cookie flags', async () => {
    const visitor = h.visitor();
    const response = await visitor.signIn('alice', 'alice', '/account?x=1');
    assert.equal(response.status, 303);
    assert.equal(location(response), '/passkeys/enroll?returnUrl=%2Faccount%3Fx%3D1');
    const cookie = visitor.lastSetCookie!;
    assert.match(cookie, /^demo_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP: no Secure flag');
    const { body } = await visitor.json('/api/session');
    assert.equal(body['username'], 'alice');
    assert.equal(body['method'], 'password');

    const enroll = await visitor.request('/passkeys/enroll?returnUrl=%2Faccount%3Fx%3D1');
    const page = await enroll.text();
    assert.equal(enroll.status, 200);
    assert.match(page, /<add-passkey-button token="ey[^"]+" username="alice" callback-url="\/passkeys\/created"\s+return-url="\/account\?x=1" auto-upgrade>/);
    assert.match(page, /<a class="button secondary" href="\/account\?x=1">Not now<\/a>/);
    assert.equal(enroll.headers.get('Cache-Control'), 'no-store');
  });

  it('with a passkey, goes straight to the return URL', async () => {
    const { visitor } = await h.signedIn('bob');
    await h.addPasskey(visitor, 'bob');
    const again = h.visitor();
    assert.equal(location(await again.signIn('bob', 'bob', '/account?y=2')), '/account?y=2');
  });

  it('rotates the session id at sign-in and ends it at sign-out', async () => {
    const visitor = h.visitor();
    await visitor.signIn('alice');
    const first = visitor.session!;
    await visitor.signIn('alice');
    assert.notEqual(visitor.session, first);
    const stale = new Visitor(h.demo.url);
    stale.session = first;
    assert.equal((await stale.json('/api/session')).status, 401, 'the old id is dead');
    const current = visitor.session!;
    const out = await visitor.request('/logout', { method: 'POST' });
    assert.equal(location(out), '/login?notice=signed-out');
    assert.match(visitor.lastSetCookie!, /Max-Age=0/);
    const revived = new Visitor(h.demo.url);
    revived.session = current;
    assert.equal((await revived.json('/api/session')).status, 401);
    const account = await revived.request('/account');
    assert.equal(location(account), '/login?returnUrl=%2Faccount');
  });

  it('rate-limits password attempts per username with 429 and Retry-After', async () => {
    const visitor = h.visitor();
    for (let i = 0; i < 3; i++) assert.equal((await visitor.post('/login', { username: 'Carol', password: 'x' })).status, 401);
    const limited = await visitor.post('/login', { username: 'carol', password: 'x' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('Retry-After')) > 0);
    assert.match(await limited.text(), /Too many sign-in attempts/);
    h.demoClock.offsetMs = 5 * 60 * 1000; // the window passes
    try {
      assert.equal((await visitor.post('/login', { username: 'carol', password: 'x' })).status, 401);
    } finally {
      h.demoClock.offsetMs = 0;
    }
  });

  it('logs method, path, status and time only: no query, token or password', async () => {
    lines.length = 0;
    // Its own requests, with a query, a password and a token in them, so it does not lean on the other tests'.
    const visitor = h.visitor();
    assert.equal((await visitor.signIn('alice', 'alice', '/account?x=1')).status, 303);
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    await (await visitor.request(`/login?returnUrl=%2Faccount&token=${token}`)).body?.cancel();
    await (await visitor.elementPost('/login/callback', { token })).body?.cancel();
    assert.ok(lines.some((line) => /^POST \/login 303 \d+ms$/.test(line)), lines.join('\n'));
    assert.ok(lines.some((line) => /^GET \/login 200 \d+ms$/.test(line)), lines.join('\n'));
    assert.ok(lines.some((line) => /^POST \/login\/callback 303 \d+ms$/.test(line)), lines.join('\n'));
    for (const line of lines) {
      assert.doesNotMatch(line, /\?|password|alice|ey[A-Za-z0-9_-]{20}/, line);
    }
  });
});

describe('cross-origin requests and headers', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  const refused = [
    ['POST', '/login', { Origin: 'http://evil.test' }],
    ['POST', '/login/callback', { Origin: 'http://evil.test' }],
    ['POST', '/logout', { Origin: 'http://evil.test' }],
    ['POST', '/login', { Origin: 'null' }],
    ['POST', '/login', { 'Sec-Fetch-Site': 'cross-site' }],
  ] as const;
  for (const [method, path, headers] of refused) {
    it(`refuses ${method} ${path} with ${JSON.stringify(headers)}`, async () => {
      const visitor = h.visitor();
      const response = await visitor.request(path, {
        method,
        form: { username: 'alice', password: 'alice', token: 'x' },
        headers: { ...headers },
      });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /did not come from this site/);
      assert.equal(visitor.session, undefined);
    });
  }

  it('refuses a form post without Origin or Sec-Fetch-Site', async () => {
    const response = await fetch(`${h.demo.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=alice',
      redirect: 'manual',
    });
    assert.equal(response.status, 403);
  });

  it('refuses cross-origin API writes whatever the content type', async () => {
    const { visitor } = await h.signedIn('alice');
    const token = await visitor.request('/api/passkeys/enrollment-token', { method: 'POST', headers: { Origin: 'http://evil.test' } });
    assert.equal(token.status, 403);
    assert.deepEqual(await token.json(), { error: 'This request did not come from this site, so it was refused.' });
    const patch = await visitor.request('/api/passkeys/abc', { method: 'PATCH', json: { name: 'x' }, headers: { Origin: 'http://evil.test' } });
    assert.equal(patch.status, 403);
    const del = await visitor.request('/api/passkeys/abc', { method: 'DELETE', headers: { 'Sec-Fetch-Site': 'same-site' } });
    assert.equal(del.status, 403);
    // Same origin passes (and gets a token).
    const { token: antiForgery } = await visitor.antiForgery();
    const ok = await visitor.request('/api/passkeys/enrollment-token', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin', 'X-CSRF-Token': antiForgery },
    });
    assert.equal(ok.status, 200);
  });

  it('sends security headers with a CSP for the page scripts and the Authsignal API', async () => {
    const response = await h.visitor().request('/login');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, new RegExp(`connect-src 'self' ${new URL(h.demo.authsignalUrl).origin}`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
    assert.equal(response.headers.get('X-Frame-Options'), 'DENY');
    assert.equal(response.headers.get('Referrer-Policy'), 'same-origin');
    assert.equal(response.headers.get('Strict-Transport-Security'), null, 'no HSTS over plain HTTP');
    const page = await response.text();
    assert.match(page, /<meta name="authsignal-base-url" content="http:\/\/localhost:\d+\/v1">/);
    assert.doesNotMatch(page, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline scripts');
  });

  it('serves the element bundle and static files, nothing else', async () => {
    const visitor = h.visitor();
    const css = await visitor.request('/static/style.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('Content-Type')!, /^text\/css/);
    for (const path of ['/static/..%2Fapp.ts', '/elements/..%2F..%2Fpackage.json', '/static/.hidden.js', '/static/app.ts']) {
      assert.equal((await visitor.request(path)).status, 404, path);
    }
  });
});

describe('secure cookies behind a trusted HTTPS proxy', () => {
  it('sets Secure and HSTS when X-Forwarded-Proto is https and the proxy is trusted', async () => {
    const demo = await startDemo({ port: 0, dataDir: ':memory:', log: false, trustProxy: true, authsignal: { port: 0, data: ':memory:' } });
    try {
      const visitor = new Visitor(demo.url);
      // The browser's Origin is the public (HTTPS) one; the proxy talks HTTP to the demo.
      const response = await visitor.request('/login', {
        form: { username: 'alice', password: 'alice' },
        headers: { 'X-Forwarded-Proto': 'https', 'Sec-Fetch-Site': 'same-origin' },
      });
      assert.equal(response.status, 303);
      // The password was right: the cookie that marks the sign-in waiting for its second factor, `__Host-` so
      // that no other host or port of the site, and no plain-HTTP page, can plant one (login CSRF).
      const pending = response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-demo_mfa='));
      assert.match(pending ?? '', /; Path=\/; HttpOnly; Secure; SameSite=Lax$/, response.headers.getSetCookie().join('\n'));
      assert.match(response.headers.get('Strict-Transport-Security') ?? '', /max-age=/);
    } finally {
      await demo.stop();
    }
  });
});

describe('the session cookie behind a trusted HTTPS proxy', () => {
  it('is __Host- with Secure, and a session planted under the plain name is not believed', async () => {
    const h = await startDemoHarness({ trustProxy: true });
    try {
      const https = { 'X-Forwarded-Proto': 'https', 'Sec-Fetch-Site': 'same-origin' };
      const visitor = h.visitor();
      const password = await visitor.post('/login', { username: 'alice', password: 'alice' }, https);
      const back = await h.passPrebuilt(password.headers.get('Location')!, 'alice'); // the code, at the pre-built UI
      const response = await visitor.request(back, { headers: https });
      const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-demo_session='));
      assert.match(session ?? '', /; Path=\/; HttpOnly; Secure; SameSite=Lax$/, response.headers.getSetCookie().join('\n'));
      assert.equal((await visitor.request('/api/session', { headers: https })).status, 200);
      // The same id under the plain name, as another port or a plain-HTTP page of the site could set it.
      const planted = h.visitor();
      planted.cookies.set('demo_session', visitor.cookies.get('__Host-demo_session')!);
      assert.equal((await planted.request('/api/session', { headers: https })).status, 401);
    } finally {
      await h.stop();
    }
  });
});

describe('with an Authsignal tenant instead of the local server', () => {
  it('uses its server URL for the SDK and its client URL in the page, and starts no local server', async () => {
    const tenant = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false, tenantId: 'tenant-x', secret: 'secret-x' });
    const demo = await startDemo({
      port: 0,
      dataDir: ':memory:',
      log: false,
      authsignal: { url: tenant.url, tenantId: 'tenant-x', secret: 'secret-x', clientUrl: 'http://127.0.0.1:9/v1', retries: 0, prebuiltUrl: tenant.url },
    });
    try {
      assert.equal(demo.local, undefined);
      assert.equal(demo.authsignalUrl, 'http://127.0.0.1:9/v1');
      const visitor = new Visitor(demo.url, throughPrebuilt);
      const login = await visitor.request('/login');
      assert.match(login.headers.get('Content-Security-Policy')!, /connect-src 'self' http:\/\/127\.0\.0\.1:9;/);
      assert.match(login.headers.get('Content-Security-Policy')!, new RegExp(`form-action 'self' ${new URL(tenant.url).origin};`));
      const page = await login.text();
      assert.match(page, /<meta name="authsignal-tenant-id" content="tenant-x">/);
      assert.match(page, /<meta name="authsignal-base-url" content="http:\/\/127\.0\.0\.1:9\/v1">/);
      // Server-side calls reach the tenant: a password sign-in tracks (its pre-built UI enrols an app),
      // the callback validates, then it asks for passkeys, then for a token.
      assert.match(location(await visitor.signIn('alice'))!, /^\/passkeys\/enroll/);
      assert.match(await (await visitor.request('/passkeys/enroll')).text(), /<add-passkey-button token="ey/);
    } finally {
      await demo.stop();
      await tenant.stop();
    }
  });
});

describe('when Authsignal cannot be reached', () => {
  it('refuses a password sign-in for now (503: no way in without the second factor), never a crash', async () => {
    const demo = await startDemo({
      port: 0,
      dataDir: ':memory:',
      log: false,
      authsignal: { url: 'http://127.0.0.1:9/v1', tenantId: 't', secret: 's', retries: 0 },
    });
    try {
      const visitor = new Visitor(demo.url);
      const response = await visitor.post('/login', { username: 'alice', password: 'alice' });
      assert.equal(response.status, 503);
      assert.ok(Number(response.headers.get('Retry-After')) > 0);
      assert.match(await response.text(), /The second sign-in step is unavailable right now/);
      assert.equal(visitor.session, undefined);
    } finally {
      await demo.stop();
    }
  });

  it('keeps a session working and says what is wrong elsewhere (502, never a crash)', async () => {
    const tenant = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false, actions: loadActionRules(DEMO_ACTIONS_FILE) });
    const { tenantId, secret } = tenant.options;
    const demo = await startDemo({ port: 0, dataDir: ':memory:', log: false, authsignal: { url: tenant.url, tenantId, secret, retries: 0 } });
    try {
      const visitor = new Visitor(demo.url, throughPrebuilt);
      assert.match(location(await visitor.signIn('alice'))!, /^\/passkeys\/enroll/);
      await tenant.stop(); // Authsignal goes away after the sign-in
      const account = await visitor.request('/account');
      assert.equal(account.status, 200);
      assert.match(await account.text(), /Your passkeys could not be loaded/);
      const enroll = await visitor.request('/passkeys/enroll');
      assert.equal(enroll.status, 502);
      assert.match(await enroll.text(), /The passkey service could not be reached/);
      const callback = await visitor.elementPost('/login/callback', { token: 'x'.repeat(100) });
      assert.equal(callback.status, 502);
      const api = await visitor.elementFetch('/api/passkeys/enrollment-token');
      assert.deepEqual(api, { status: 502, body: { error: 'The passkey service could not be reached. Try again shortly.' } });
      const mfa = await new Visitor(demo.url).request('/login/mfa?token=x');
      assert.equal(mfa.status, 303, 'no pending sign-in: back to the login page, Authsignal not asked');
    } finally {
      await demo.stop();
      await tenant.stop();
    }
  });
});

describe('return URLs', () => {
  const foreign = ['//evil.test', '/\\evil.test', 'https://evil.test', '/%2F%2Fevil.test', '/%2f%5cevil.test', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\\\\evil.test', '/\t/evil.test', '/\n/evil.test', '%2F%2Fevil.test', 'http:/evil.test', '', '/%E0%A4%A'];
  it('keeps local paths and refuses everything else', () => {
    for (const value of foreign) assert.equal(returnTo(value), '/account', JSON.stringify(value));
    for (const value of ['/account', '/account?tab=passkeys#top', '/a/b%20c']) assert.equal(localPath(value), value);
    assert.equal(returnTo(undefined), '/account');
    assert.equal(returnTo(42), '/account');
  });

  it('lands on /account after a password sign-in with a foreign returnUrl', async () => {
    const h = await startDemoHarness();
    try {
      const { visitor } = await h.signedIn('alice');
      await h.addPasskey(visitor, 'alice'); // so sign-in goes straight to the return URL
      for (const value of foreign) {
        const response = await h.visitor().signIn('alice', 'alice', value);
        assert.equal(location(response), '/account', JSON.stringify(value));
      }
      const page = await (await h.visitor().request('/login?returnUrl=%2F%2Fevil.test')).text();
      assert.doesNotMatch(page, /evil/, 'a foreign returnUrl is not carried in the page');
    } finally {
      await h.stop();
    }
  });
});

describe('bad input is a clear 4xx', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  it('answers 4xx to malformed requests', async () => {
    const { visitor } = await h.signedIn('alice');
    const cases: [string, Parameters<Visitor['request']>[1], number][] = [
      ['/login', { json: { username: 'alice' } }, 415],
      ['/login', { body: 'a=1', headers: { 'Content-Type': 'text/plain' } }, 415],
      ['/login', { form: { username: 'x'.repeat(20_000), password: 'y' } }, 413],
      ['/login', { form: { username: 'alice\u0000', password: 'alice' } }, 400],
      ['/login?error=constructor', { method: 'GET' }, 200],
      ['/account/passkeys/nope/rename', { form: { name: 'x' } }, 404],
      ['/account/passkeys/..%2F..%2Fusers/remove', { form: {} }, 404],
      ['/passkeys/name?id=%00', { method: 'GET' }, 404],
      ['/passkeys/name', { form: { id: 'nope', name: 'x' } }, 404],
      ['/api/passkeys/nope', { method: 'PATCH', json: { name: 'ok' } }, 404],
      ['/api/passkeys/nope', { method: 'PATCH', body: '{', headers: { 'Content-Type': 'application/json' } }, 400],
      ['/api/passkeys/nope', { method: 'PATCH', json: ['x'] }, 400],
      ['/api/passkeys/nope', { method: 'PATCH', json: { name: '' } }, 400],
      ['/api/passkeys/nope', { method: 'PATCH', body: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415],
      ['/api/passkeys/nope', { method: 'DELETE' }, 404],
      ['/api/nothing', { method: 'GET' }, 404],
      ['/nothing', { method: 'GET' }, 404],
    ];
    for (const [path, init, status] of cases) {
      const response = await visitor.request(path, init);
      assert.equal(response.status, status, `${init?.method ?? 'POST'} ${path}`);
      const body = await response.text();
      if (path.startsWith('/api/')) assert.ok(typeof JSON.parse(body).error === 'string', body);
      if (path === '/login?error=constructor') assert.doesNotMatch(body, /role="alert">[^<]/);
    }
  });
});

describe('JSON API', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  it('needs a session', async () => {
    const visitor = h.visitor();
    for (const [path, method] of [['/api/session', 'GET'], ['/api/passkeys', 'GET'], ['/api/passkeys/enrollment-token', 'POST']] as const) {
      const { status, body } = await visitor.json(path, { method });
      assert.equal(status, 401, path);
      assert.equal(body['error'], 'Sign in first.');
    }
  });

  it('lists, renames and removes only your own passkeys', async () => {
    const alice = await h.signedIn('alice');
    const bob = await h.signedIn('bob');
    const { userAuthenticatorId: aliceKey } = await h.addPasskey(alice.visitor, 'alice');
    const { userAuthenticatorId: bobKey } = await h.addPasskey(bob.visitor, 'bob');

    const list = await alice.visitor.json<{ passkeys: Record<string, unknown>[] }>('/api/passkeys');
    assert.equal(list.status, 200);
    assert.equal(list.body.passkeys.length, 1);
    const [passkey] = list.body.passkeys;
    assert.equal(passkey!['id'], aliceKey);
    assert.equal(passkey!['name'], 'Chrome on Linux', 'named after the creating user agent (BrowserClient sends Chrome\'s)');
    assert.equal(passkey!['lastUsedAt'], null);
    assert.equal(typeof passkey!['createdAt'], 'string');

    assert.equal((await alice.visitor.json(`/api/passkeys/${bobKey}`, { method: 'PATCH', json: { name: 'mine' } })).status, 404);
    assert.equal((await alice.visitor.json(`/api/passkeys/${bobKey}`, { method: 'DELETE' })).status, 404);
    assert.equal((await alice.visitor.json(`/api/passkeys/${aliceKey}`, { method: 'PATCH', json: { name: 'x'.repeat(65) } })).status, 400);

    const renamed = await alice.visitor.json<{ passkey: { name: string } }>(`/api/passkeys/${aliceKey}`, {
      method: 'PATCH',
      json: { name: '  Phone <script>  ' },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.passkey.name, 'Phone <script>');
    const account = await (await alice.visitor.request('/account')).text();
    assert.match(account, /<h3>Phone &lt;script&gt;<\/h3>/, 'names are escaped in HTML');

    const removed = await alice.visitor.request(`/api/passkeys/${aliceKey}`, { method: 'DELETE' });
    assert.equal(removed.status, 204);
    assert.deepEqual((await alice.visitor.json('/api/passkeys')).body, { passkeys: [] });
    const bobs = await h.authsignal.getAuthenticators({ userId: bob.userId });
    assert.deepEqual(bobs.map((a) => a.verificationMethod).sort(), ['AUTHENTICATOR_APP', 'PASSKEY'], "bob's passkey (and app) untouched");
  });

  it('renames and removes through the account page forms', async () => {
    const { visitor } = await h.signedIn('alice');
    const { userAuthenticatorId: id } = await h.addPasskey(visitor, 'alice');
    const rename = await visitor.post(`/account/passkeys/${id}/rename`, { name: 'Laptop' });
    assert.equal(location(rename), '/account?notice=renamed');
    const page = await (await visitor.request('/account?notice=renamed')).text();
    assert.match(page, /role="status">Passkey renamed\./);
    assert.match(page, /<h3>Laptop<\/h3>/);
    const empty = await visitor.post(`/account/passkeys/${id}/rename`, { name: '   ' });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /role="alert">Give the passkey a name/);
    const remove = await visitor.post(`/account/passkeys/${id}/remove`, {});
    assert.equal(location(remove), '/account?notice=removed');
    assert.match(await (await visitor.request('/account')).text(), /You have no passkey yet/);
  });

  it('gives an enrollment token only to a session authenticated in the last 10 minutes', async () => {
    const { visitor } = await h.signedIn('alice');
    const fresh = await visitor.elementFetch<{ token: string }>('/api/passkeys/enrollment-token');
    assert.equal(fresh.status, 200);
    assert.match(fresh.body.token, /^ey/);
    h.demoClock.offsetMs = 10 * 60 * 1000 + 1000;
    try {
      const stale = await visitor.elementFetch('/api/passkeys/enrollment-token');
      assert.equal(stale.status, 403);
      assert.deepEqual(stale.body, { error: 'Sign in again to add a passkey.' });
      // The enrollment offer page is skipped too; the session itself still works.
      assert.equal(location(await visitor.request('/passkeys/enroll?returnUrl=%2Faccount')), '/account');
      assert.equal((await visitor.json('/api/session')).status, 200);
    } finally {
      h.demoClock.offsetMs = 0;
    }
  });
});

describe('storage', () => {
  it('keeps users, sessions and passkey names across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-data-'));
    try {
      const first = await startDemoHarness({ dataDir: dir, authsignal: { port: 0 } });
      const { visitor } = await first.signedIn('alice');
      const { userAuthenticatorId } = await first.addPasskey(visitor, 'alice');
      await visitor.request(`/api/passkeys/${userAuthenticatorId}`, { method: 'PATCH', json: { name: 'Kept' } });
      await first.stop();

      const second = await startDemoHarness({ dataDir: dir, authsignal: { port: 0 } });
      try {
        const again = new Visitor(second.demo.url);
        again.session = visitor.session;
        const { status, body } = await again.json<{ passkeys: { name: string }[] }>('/api/passkeys');
        assert.equal(status, 200);
        assert.deepEqual(body.passkeys.map((p) => p.name), ['Kept']);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
