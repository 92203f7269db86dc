// POST /login/callback and POST /passkeys/created with real Authsignal tokens (software passkeys
// against the local server): what signs in, what is refused, and that each token works once.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';
import { startDemoHarness, type DemoHarness } from './helpers/demo.js';
import type { Visitor } from './helpers/visitor.js';

const location = (response: Response) => response.headers.get('Location');

describe('passkey sign-in callback', () => {
  let h: DemoHarness;
  let alice: { visitor: Visitor; userId: string };
  let passkey: SoftwareAuthenticator;
  let addProof: string;

  before(async () => {
    h = await startDemoHarness();
    alice = await h.signedIn('alice');
    ({ passkey, token: addProof } = await h.addPasskey(alice.visitor, 'alice'));
  });
  after(() => h.stop());

  it('signs in with a valid token, as that user, by passkey, with a new session id', async () => {
    const token = await h.client.signInToken(passkey);
    const visitor = h.visitor();
    const before = await visitor.signIn('bob'); // an existing session, to see it rotated
    assert.equal(before.status, 303);
    const bobSession = visitor.session;
    const response = await visitor.elementPost('/login/callback', { token, returnUrl: '/account?tab=passkeys' });
    assert.equal(response.status, 303);
    assert.equal(location(response), '/account?tab=passkeys');
    assert.notEqual(visitor.session, bobSession, 'session id rotated');
    const { status, body } = await visitor.json('/api/session');
    assert.equal(status, 200);
    assert.deepEqual(body, { userId: alice.userId, username: 'alice', method: 'passkey' });
    // The old session is gone.
    const old = h.visitor();
    old.session = bobSession;
    assert.equal((await old.json('/api/session')).status, 401);
  });

  it('refuses a replayed token', async () => {
    const token = await h.client.signInToken(passkey);
    const first = h.visitor();
    assert.equal(location(await first.elementPost('/login/callback', { token })), '/account');
    const second = h.visitor();
    const replay = await second.elementPost('/login/callback', { token });
    assert.equal(replay.status, 303);
    assert.equal(location(replay), '/login?error=passkey-used');
    assert.equal(second.session, undefined, 'no session for the replay');
    const page = await (await second.request('/login?error=passkey-used')).text();
    assert.match(page, /role="alert">That passkey sign-in was already used/);
  });

  it('signs in once when the same token is posted twice at the same time', async () => {
    const token = await h.client.signInToken(passkey);
    const [a, b] = [h.visitor(), h.visitor()];
    await Promise.all([a.antiForgery(), b.antiForgery()]); // read the pages first: the posts race alone
    const results = await Promise.all([a.elementPost('/login/callback', { token }), b.elementPost('/login/callback', { token })]);
    assert.deepEqual(results.map(location).sort(), ['/account', '/login?error=passkey-used']);
  });

  it('refuses a token of another action (a completed add-passkey proof)', async () => {
    const visitor = h.visitor();
    const response = await visitor.elementPost('/login/callback', { token: addProof });
    assert.equal(location(response), '/login?error=passkey-invalid');
    assert.equal(visitor.session, undefined);
  });

  it('refuses a token that completed nothing (a fresh enrollment token) and a forged one', async () => {
    const { body } = await alice.visitor.elementFetch<{ token: string }>('/api/passkeys/enrollment-token');
    for (const token of [body.token, 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ4In0.c2lnbmF0dXJl', 'not-a-token']) {
      const visitor = h.visitor();
      const response = await visitor.elementPost('/login/callback', { token });
      assert.equal(location(response), '/login?error=passkey-invalid', token);
      assert.equal(visitor.session, undefined);
    }
  });

  it('refuses a passkey of a user the demo does not know', async () => {
    const { token: enrollment } = await h.authsignal.track({
      userId: 'mallory',
      action: 'add-passkey',
      attributes: { scope: 'add:authenticators', username: 'mallory' },
    });
    const mallory = new SoftwareAuthenticator(h.demo.url);
    await h.client.signUp(mallory, enrollment, 'mallory');
    const token = await h.client.signInToken(mallory);
    const visitor = h.visitor();
    const response = await visitor.elementPost('/login/callback', { token });
    assert.equal(location(response), '/login?error=passkey-unknown-user');
    assert.equal(visitor.session, undefined);
  });

  it('refuses an expired token', async () => {
    const token = await h.client.signInToken(passkey);
    h.authsignalClock.offsetMs = 11 * 60 * 1000; // tokens live 10 minutes
    try {
      const visitor = h.visitor();
      const response = await visitor.elementPost('/login/callback', { token, returnUrl: '/account' });
      assert.equal(location(response), '/login?error=passkey-expired&returnUrl=%2Faccount');
      assert.equal(visitor.session, undefined);
    } finally {
      h.authsignalClock.offsetMs = 0;
    }
  });

  it('answers 400 to a post without a token, never a 5xx', async () => {
    const forms: Record<string, string>[] = [{}, { token: '' }, { token: 'x'.repeat(9000) }, { token: 'a\u0000b' }];
    for (const form of forms) {
      const response = await h.visitor().elementPost('/login/callback', form);
      assert.equal(response.status, 400, JSON.stringify(form).slice(0, 40));
    }
    const json = await h.visitor().request('/login/callback', { json: { token: 'x' } });
    assert.equal(json.status, 415);
  });

  for (const returnUrl of ['//evil.test', '/\\evil.test', 'https://evil.test', '/%2F%2Fevil.test', 'javascript:alert(1)', '/%5Cevil.test', '\\\\evil.test', '/\tevil', ' //evil.test']) {
    it(`sends a foreign returnUrl ${JSON.stringify(returnUrl)} to /account`, async () => {
      const token = await h.client.signInToken(passkey);
      const response = await h.visitor().elementPost('/login/callback', { token, returnUrl });
      assert.equal(location(response), '/account');
    });
  }
});

describe('add-passkey callback (POST /passkeys/created)', () => {
  let h: DemoHarness;
  // A demo per test: the first one asserts on alice's whole passkey list, which the others add to.
  beforeEach(async () => {
    h = await startDemoHarness();
  });
  afterEach(() => h.stop());

  it('confirms a new passkey for the signed-in user, once, then lets them name it', async () => {
    const { visitor } = await h.signedIn('alice');
    const { token, userAuthenticatorId } = await h.addPasskey(visitor, 'alice');
    const created = await visitor.elementPost('/passkeys/created', { token, userAuthenticatorId, returnUrl: '/account' });
    assert.equal(created.status, 303);
    const next = new URL(location(created)!, h.demo.url);
    assert.equal(next.pathname, '/passkeys/name');
    assert.equal(next.searchParams.get('id'), userAuthenticatorId);

    const form = await (await visitor.request(next.pathname + next.search)).text();
    assert.match(form, /<h1>Name your passkey<\/h1>/);
    assert.match(form, /name="name"[^>]*value="Chrome on Linux"/, "default name from the creating user agent (BrowserClient sends Chrome's)");

    const tooLong = await visitor.post('/passkeys/name', { id: userAuthenticatorId, name: 'x'.repeat(65), returnUrl: '/account' });
    assert.equal(tooLong.status, 400);
    const named = await visitor.post('/passkeys/name', { id: userAuthenticatorId, name: 'Work laptop', returnUrl: '/account' });
    assert.equal(location(named), '/account');
    const { body } = await visitor.json<{ passkeys: { id: string; name: string }[] }>('/api/passkeys');
    assert.deepEqual(body.passkeys.map((p) => [p.id, p.name]), [[userAuthenticatorId, 'Work laptop']]);

    const again = await visitor.elementPost('/passkeys/created', { token, userAuthenticatorId });
    assert.equal(again.status, 400, 'the proof is single-use');
  });

  it("refuses another user's proof and a sign-in token", async () => {
    const alice = await h.signedIn('alice');
    const bob = await h.signedIn('bob');
    const { token, passkey } = await h.addPasskey(alice.visitor, 'alice');
    assert.equal((await bob.visitor.elementPost('/passkeys/created', { token })).status, 400);
    const signInToken = await h.client.signInToken(passkey);
    assert.equal((await alice.visitor.elementPost('/passkeys/created', { token: signInToken })).status, 400);
  });

  it('needs a session', async () => {
    const response = await h.visitor().elementPost('/passkeys/created', { token: 'x' });
    assert.equal(response.status, 401);
  });
});
