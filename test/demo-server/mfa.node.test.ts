// Step 1 of the guide: a password sign-in tracks identity-server-login and goes through the pre-built UI
// (authenticator app: enrol the first time, a code afterwards); GET /login/mfa?token=… signs in only with
// a completed proof of that action, for the user whose password was checked, once. A passkey sign-in
// asks for no code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { open, submit } from '../helpers/prebuilt.js';
import { startDemoHarness, type DemoHarness } from './helpers/demo.js';

const location = (response: { headers: Headers }) => response.headers.get('Location');

/** POST /login for `username`; returns the pre-built UI's url it redirected to. */
async function toPrebuilt(h: DemoHarness, visitor: ReturnType<DemoHarness['visitor']>, username: string, returnUrl?: string) {
  const response = await visitor.passwordOnly(username, username, returnUrl);
  assert.equal(response.status, 303);
  const url = location(response)!;
  assert.ok(url.startsWith(`${new URL(h.demo.authsignalUrl).origin}/prebuilt/`), url);
  assert.equal(visitor.session, undefined, 'no session before the second factor');
  return url;
}

describe('the first password sign-in (no authenticator app yet)', () => {
  // A server of its own: nobody has enrolled an app here, whatever order the tests run in.
  let h: DemoHarness;
  const lines: string[] = [];
  before(async () => {
    h = await startDemoHarness({ log: (line) => lines.push(line) });
  });
  after(() => h.stop());

  it('a new user enrols an app, comes back signed in, and is offered a passkey', async () => {
    const visitor = h.visitor();
    const url = await toPrebuilt(h, visitor, 'alice', '/account?x=1');
    const page = await open(url);
    assert.equal(page.status, 200);
    assert.ok(page.secret, 'the enrolment page shows the secret');
    h.secrets.set('alice', page.secret!);
    const done = await submit(page, h.nextCode('alice'));
    assert.equal(done.status, 303);
    const callback = new URL(location(done)!);
    assert.equal(callback.origin, h.demo.url);
    assert.equal(callback.pathname, '/login/mfa');
    assert.equal(callback.searchParams.get('returnUrl'), '/account?x=1');
    assert.ok(callback.searchParams.get('token'));
    lines.length = 0;
    const back = await visitor.request(`${callback.pathname}${callback.search}`);
    assert.equal(back.status, 303);
    assert.equal(location(back), '/passkeys/enroll?returnUrl=%2Faccount%3Fx%3D1', 'straight on, off the token URL');
    const { body } = await visitor.json('/api/session');
    assert.deepEqual([body['username'], body['method']], ['alice', 'password']);
    assert.ok(lines.some((line) => /^GET \/login\/mfa 303 \d+ms$/.test(line)), lines.join('\n'));
    for (const line of lines) assert.doesNotMatch(line, /\?|token|ey[A-Za-z0-9_-]{20}/, line);
  });

});

describe('password sign-in with an authenticator app (pre-built UI)', () => {
  let h: DemoHarness;
  const lines: string[] = [];
  before(async () => {
    h = await startDemoHarness({ log: (line) => lines.push(line) });
  });
  after(() => h.stop());

  const prebuilt = (visitor: ReturnType<DemoHarness['visitor']>, username: string, returnUrl?: string) =>
    toPrebuilt(h, visitor, username, returnUrl);

  it('the second time asks for a code: a wrong one refused, the right one once', async () => {
    await h.signedIn('alice'); // enrols her app, if no test before this one did
    const visitor = h.visitor();
    const page = await open(await prebuilt(visitor, 'alice'));
    assert.equal(page.status, 200);
    assert.equal(page.secret, undefined, 'no enrolment the second time');
    const code = h.nextCode('alice');
    const wrong = await submit(page, code === '000000' ? '111111' : '000000');
    assert.equal(wrong.status, 400);
    assert.equal(visitor.session, undefined);
    const right = await submit(page, code);
    assert.equal(right.status, 303);
    const back = await visitor.request(location(right)!);
    assert.equal(location(back), '/passkeys/enroll?returnUrl=%2Faccount', 'signed in, and offered a passkey again');
    assert.equal((await visitor.json('/api/session')).status, 200);

    const again = h.visitor();
    const reused = await submit(await open(await prebuilt(again, 'alice')), code);
    assert.equal(reused.status, 400, 'the same code the second time');
    assert.match(reused.html, /role="alert">That code has already been used/);
  });

  /** A completed identity-server-login proof for `username`, as the callback URL the pre-built UI made. */
  const proof = async (username: string) => {
    const url = await prebuilt(h.visitor(), username);
    const callback = new URL(await h.passPrebuilt(url, username));
    return { callback: `${callback.pathname}${callback.search}`, token: callback.searchParams.get('token')! };
  };

  it('refuses a token for another user, keeping the return URL', async () => {
    const { callback } = await proof('alice');
    const bob = h.visitor();
    await prebuilt(bob, 'bob', '/account?y=2'); // bob's password checked, his app still to come
    const path = `${callback}&returnUrl=%2Faccount%3Fy%3D2`; // alice's proof, bob's way back
    const refused = await bob.request(path);
    assert.equal(refused.status, 303);
    assert.equal(location(refused), '/login?error=mfa-invalid&returnUrl=%2Faccount%3Fy%3D2');
    assert.equal(bob.session, undefined);
    const page = await (await bob.request(location(refused)!)).text();
    assert.match(page, /role="alert">[^<]*could not be verified/);
  });

  it('refuses a token without a password checked first in this browser', async () => {
    const { callback } = await proof('alice');
    const stranger = h.visitor();
    const refused = await stranger.request(callback);
    assert.match(location(refused)!, /^\/login\?error=mfa-invalid/);
    assert.equal(stranger.session, undefined);
  });

  it('refuses a token of another action (a completed add-passkey proof)', async () => {
    const { visitor: signedIn } = await h.signedIn('bob');
    const { token } = await h.addPasskey(signedIn, 'bob');
    const visitor = h.visitor();
    await prebuilt(visitor, 'bob');
    const refused = await visitor.request(`/login/mfa?token=${encodeURIComponent(token)}`);
    assert.match(location(refused)!, /^\/login\?error=mfa-invalid/);
    assert.equal(visitor.session, undefined);
  });

  it('refuses a token used before, and a forged one, without a 5xx', async () => {
    const visitor = h.visitor();
    const url = await prebuilt(visitor, 'alice');
    const callback = new URL(await h.passPrebuilt(url, 'alice'));
    const path = `${callback.pathname}${callback.search}`;
    assert.match(location(await visitor.request(path))!, /^\/passkeys\/enroll/);
    const replay = h.visitor();
    await prebuilt(replay, 'alice'); // a pending sign-in of the same user
    const refused = await replay.request(path);
    assert.match(location(refused)!, /^\/login\?error=mfa-used/);
    assert.equal(replay.session, undefined);
    await prebuilt(replay, 'alice');
    const forged = await replay.request('/login/mfa?token=not-a-token');
    assert.match(location(forged)!, /^\/login\?error=mfa-invalid/);
    assert.equal((await replay.request('/login/mfa')).status, 303, 'no token: back to the login page');
  });

  it('signs in with a passkey without asking for a code', async () => {
    // bob, not alice: the tests above expect alice to be offered her first passkey, in any order.
    const { visitor: signedIn } = await h.signedIn('bob');
    const { passkey } = await h.addPasskey(signedIn, 'bob');
    const token = await h.client.signInToken(passkey);
    const visitor = h.visitor();
    const response = await visitor.elementPost('/login/callback', { token });
    assert.equal(location(response), '/account', 'no detour through the pre-built UI');
    const { body } = await visitor.json('/api/session');
    assert.deepEqual([body['username'], body['method']], ['bob', 'passkey']);
  });

  it('lets the pre-built UI be a form target (CSP form-action)', async () => {
    const csp = (await h.visitor().request('/login')).headers.get('Content-Security-Policy')!;
    assert.match(csp, new RegExp(`form-action 'self' ${new URL(h.demo.authsignalUrl).origin}(;|$)`));
  });
});

describe('what the action\'s rule decides', () => {
  const withRule = (outcome: 'ALLOW' | 'BLOCK' | 'REVIEW') =>
    startDemoHarness({
      log: false,
      authsignal: { port: 0, data: ':memory:', actions: { 'identity-server-login': { outcome, authenticators: ['AUTHENTICATOR_APP'] } } },
    });

  it('BLOCK: refused with a clear message, no session, no pre-built UI', async () => {
    const h = await withRule('BLOCK');
    try {
      const visitor = h.visitor();
      const response = await visitor.passwordOnly('alice');
      assert.equal(response.status, 403);
      assert.match(await (await visitor.post('/login', { username: 'alice', password: 'alice' })).text(), /Signing in to this account is blocked/);
      assert.equal(visitor.session, undefined);
      assert.equal(response.headers.getSetCookie().length, 0, 'no pending sign-in either');
    } finally {
      await h.stop();
    }
  });

  it('REVIEW (held for a review): refused, no session; a second factor never fails open', async () => {
    const h = await withRule('REVIEW');
    try {
      const visitor = h.visitor();
      assert.equal((await visitor.passwordOnly('alice')).status, 403);
      assert.match(await (await visitor.post('/login', { username: 'alice', password: 'alice' })).text(), /held for a review/);
      assert.equal((await visitor.json('/api/session')).status, 401, 'not signed in with the password alone');
    } finally {
      await h.stop();
    }
  });

  it('ALLOW: the pre-built UI only to enrol; once enrolled, straight in', async () => {
    const h = await withRule('ALLOW');
    try {
      const first = h.visitor();
      const enrol = await first.passwordOnly('bob');
      assert.match(location(enrol)!, /\/prebuilt\//, 'not enrolled: the guide sends them to enrol');
      assert.match(location(await first.request(await h.passPrebuilt(location(enrol)!, 'bob')))!, /^\/passkeys\/enroll/);
      const second = h.visitor();
      assert.match(location(await second.passwordOnly('bob'))!, /^\/passkeys\/enroll/, 'allowed and enrolled: signed in');
      assert.equal((await second.json('/api/session')).status, 200);
    } finally {
      await h.stop();
    }
  });
});

describe('the authenticator app on the account page', () => {
  let h: DemoHarness;
  before(async () => {
    h = await startDemoHarness({ log: false });
  });
  after(() => h.stop());

  it('shows it, removes it only after a recent sign-in, and the next password sign-in enrols again', async () => {
    const { visitor } = await h.signedIn('alice');
    const page = await (await visitor.request('/account')).text();
    assert.match(page, /<h2 id="app-heading">Authenticator app<\/h2>/);
    assert.match(page, /<dt>Added<\/dt>\s*<dd>[^<]+<\/dd>/);
    assert.match(page, /Remove the authenticator app/);

    h.demoClock.offsetMs = 11 * 60 * 1000; // signed in 11 minutes ago
    try {
      const stale = await visitor.post('/account/authenticator-app/remove', {});
      assert.equal(stale.status, 403);
      assert.match(await stale.text(), /role="alert">Sign in again to remove your authenticator app/);
    } finally {
      h.demoClock.offsetMs = 0;
    }
    const removed = await visitor.post('/account/authenticator-app/remove', {});
    assert.equal(location(removed), '/account?notice=app-removed');
    const after = await (await visitor.request('/account?notice=app-removed')).text();
    assert.match(after, /Authenticator app removed\./);
    assert.match(after, /No authenticator app yet/);
    const { body: session } = await visitor.json<{ userId: string }>('/api/session');
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: session.userId }), []);

    const again = h.visitor();
    const url = location(await again.passwordOnly('alice'))!;
    assert.ok((await open(url)).secret, 'not enrolled any more: the pre-built UI enrols a new app');
  });

  it('needs a session', async () => {
    const response = await h.visitor().post('/account/authenticator-app/remove', {});
    assert.equal(response.status, 401);
  });
});
