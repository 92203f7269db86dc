// Anti-forgery tokens: the csrf-param / csrf-token meta tags on pages with passkey elements, the
// cookie behind them, and the three routes the elements post to refusing a missing, wrong or
// foreign token with a readable 403 (and accepting the right one as a field or X-CSRF-Token header).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemo } from '../../demo/server/start.js';
import { startDemoHarness, type DemoHarness } from './helpers/demo.js';
import { type PageAntiForgery, Visitor, antiForgeryMeta } from './helpers/visitor.js';

const location = (response: Response) => response.headers.get('Location');
const STALE = /This page is out of date or the request did not come from it, so it was refused\. Reload the page and try again\./;
const NO_COOKIE = /Your browser did not send this site(&#39;|')s security cookie/;

/** Bad ways to post: no token, a wrong one, another visitor's, the right one without its cookie. */
async function forgeries(h: DemoHarness, visitor: Visitor): Promise<[string, Visitor, Record<string, string>, RegExp][]> {
  const { param, token } = await visitor.antiForgery();
  const other = await h.visitor().antiForgery();
  assert.notEqual(other.token, token, 'each visitor has their own token');
  const cookieless = h.visitor();
  cookieless.session = visitor.session;
  return [
    ['no token', visitor, {}, STALE],
    ['an empty token', visitor, { [param]: '' }, STALE],
    ['a wrong token', visitor, { [param]: token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA') }, STALE],
    ['a token with junk appended', visitor, { [param]: `${token}!` }, STALE],
    ["another visitor's token", visitor, { [param]: other.token }, STALE],
    ['the right token without its cookie', cookieless, { [param]: token }, NO_COOKIE],
  ];
}

describe('anti-forgery meta tags and cookie', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  it('puts csrf-param and csrf-token on the login page and sets an HttpOnly, SameSite=Lax cookie', async () => {
    const visitor = h.visitor();
    const response = await visitor.request('/login');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('demo_csrf='));
    assert.ok(cookie, 'anti-forgery cookie set');
    assert.match(cookie, /^demo_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/, 'plain HTTP: no Secure, no __Host-');
    const page = await response.text();
    assert.match(page, /<meta name="csrf-param" content="authenticity_token">\s*<meta name="csrf-token" content="[A-Za-z0-9_-]{43}">/);
    const meta = antiForgeryMeta(page)!;
    assert.notEqual(meta.token, visitor.cookies.get('demo_csrf'), 'the page carries a MAC of the secret, not the secret');

    // The next page keeps the cookie and the token.
    const again = await visitor.request('/login?notice=signed-out');
    assert.deepEqual(again.headers.getSetCookie(), []);
    assert.deepEqual(antiForgeryMeta(await again.text()), meta);
  });

  it('puts the same token on the account and enrollment pages, across sign-in', async () => {
    const visitor = h.visitor();
    const login = antiForgeryMeta(await (await visitor.request('/login')).text());
    assert.ok(login);
    await visitor.signIn('alice');
    const account = await (await visitor.request('/account')).text();
    assert.match(account, /<meta name="csrf-param" content="authenticity_token">/);
    assert.deepEqual(antiForgeryMeta(account), login);
    const enroll = await (await visitor.request('/passkeys/enroll?returnUrl=%2Faccount')).text();
    assert.deepEqual(antiForgeryMeta(enroll), login);
  });

  it('sets the cookie with the account page when it is the first page', async () => {
    const { visitor } = await h.signedIn('bob');
    assert.equal(visitor.cookies.get('demo_csrf'), undefined);
    const account = await (await visitor.request('/account')).text();
    assert.ok(visitor.cookies.get('demo_csrf'));
    assert.ok(antiForgeryMeta(account));
  });

  it('leaves pages without passkey elements alone', async () => {
    const visitor = h.visitor();
    const home = await visitor.request('/');
    assert.deepEqual(home.headers.getSetCookie(), []);
    assert.equal(antiForgeryMeta(await home.text()), undefined);
  });
});

describe('POST /login/callback needs the anti-forgery token', () => {
  let h: DemoHarness;
  let signInToken: () => Promise<string>;
  before(async () => {
    h = await startDemoHarness();
    const { visitor } = await h.signedIn('alice');
    const { passkey } = await h.addPasskey(visitor, 'alice');
    signInToken = () => h.client.signInToken(passkey);
  });
  after(() => h.stop());

  it('refuses a forged post with 403 before spending the passkey token', async () => {
    const visitor = h.visitor();
    const token = await signInToken();
    for (const [label, sender, field, message] of await forgeries(h, visitor)) {
      const response = await sender.post('/login/callback', { token, returnUrl: '/account', ...field });
      assert.equal(response.status, 403, label);
      const page = await response.text();
      assert.match(page, /<h1>Request refused<\/h1>/, label);
      assert.match(page, message, label);
      assert.equal(sender.session, undefined, label);
    }
    // The same passkey token still signs in with the page's token: nothing was spent above.
    const response = await visitor.elementPost('/login/callback', { token, returnUrl: '/account' });
    assert.equal(response.status, 303);
    assert.equal(location(response), '/account');
    assert.equal((await visitor.json('/api/session')).body['username'], 'alice');
  });

  it('accepts the token in a multipart form too', async () => {
    const visitor = h.visitor();
    const { param, token } = await visitor.antiForgery();
    const body = new FormData();
    body.set('token', await signInToken());
    body.set(param, token);
    const cookie = [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${h.demo.url}/login/callback`, {
      method: 'POST',
      headers: { Origin: h.demo.url, Cookie: cookie },
      body,
      redirect: 'manual',
    });
    assert.equal(location(response), '/account');
  });
});

describe('POST /passkeys/created needs the anti-forgery token', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  it('refuses a forged post with 403 before spending the proof, then accepts the right token', async () => {
    const { visitor } = await h.signedIn('alice');
    const { token, userAuthenticatorId } = await h.addPasskey(visitor, 'alice');
    for (const [label, sender, field, message] of await forgeries(h, visitor)) {
      const response = await sender.post('/passkeys/created', { token, userAuthenticatorId, returnUrl: '/account', ...field });
      assert.equal(response.status, 403, label);
      assert.match(await response.text(), message, label);
    }
    const created = await visitor.elementPost('/passkeys/created', { token, userAuthenticatorId, returnUrl: '/account' });
    assert.equal(created.status, 303);
    assert.match(location(created)!, /^\/passkeys\/name\?id=/);
  });
});

describe('POST /api/passkeys/enrollment-token needs the X-CSRF-Token header', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness();
  });
  after(() => h.stop());

  const fetchToken = (visitor: Visitor, headers: Record<string, string>) =>
    visitor.json<{ error?: string; token?: string }>('/api/passkeys/enrollment-token', {
      method: 'POST',
      headers: { Accept: 'application/json', ...headers },
    });

  it('refuses a missing, wrong or foreign token with a JSON 403, and accepts the right one', async () => {
    const { visitor } = await h.signedIn('alice');
    for (const [label, sender, field, message] of await forgeries(h, visitor)) {
      const value = Object.values(field)[0];
      const { status, body } = await fetchToken(sender, value === undefined ? {} : { 'X-CSRF-Token': value });
      assert.equal(status, 403, label);
      assert.match(body.error ?? '', message, label);
      assert.equal(body.token, undefined, label);
    }
    const { param, token } = await visitor.antiForgery();
    // Only the header counts here: not a query string (tokens stay out of URLs), not a body.
    const inQuery = await visitor.request(`/api/passkeys/enrollment-token?${param}=${token}`, { method: 'POST' });
    assert.equal(inQuery.status, 403);
    const inBody = await visitor.request('/api/passkeys/enrollment-token', { form: { [param]: token } });
    assert.equal(inBody.status, 403);
    const right = await fetchToken(visitor, { 'x-csrf-token': token });
    assert.equal(right.status, 200);
    assert.match(right.body.token ?? '', /^ey/);
  });
});

describe('anti-forgery over HTTPS (behind a trusted proxy)', () => {
  it('uses a __Host- cookie with Secure, and reads only that one', async () => {
    const demo = await startDemo({ port: 0, dataDir: ':memory:', log: false, trustProxy: true, authsignal: { port: 0, data: ':memory:' } });
    try {
      const https = { 'X-Forwarded-Proto': 'https', 'Sec-Fetch-Site': 'same-origin' };
      const visitor = new Visitor(demo.url);
      const login = await visitor.request('/login', { headers: https });
      const cookie = login.headers.getSetCookie().find((line) => line.startsWith('__Host-demo_csrf='));
      assert.ok(cookie, login.headers.getSetCookie().join('\n'));
      assert.match(cookie, /; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      const meta: PageAntiForgery = antiForgeryMeta(await login.text())!;

      const post = (from: Visitor) => from.post('/login/callback', { token: 'not-a-token', [meta.param]: meta.token }, https);
      // Through the checks, to the passkey token, which is refused as usual.
      assert.equal(location(await post(visitor)), '/login?error=passkey-invalid');
      // The same secret under the unprefixed name (which a plain-HTTP page could have planted) is ignored.
      const planted = new Visitor(demo.url);
      planted.cookies.set('demo_csrf', visitor.cookies.get('__Host-demo_csrf')!);
      assert.equal((await post(planted)).status, 403);
    } finally {
      await demo.stop();
    }
  });
});
