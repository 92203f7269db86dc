// Re-authenticating in place: a stale session confirms with its passkey through the account page's
// <passkey-signin-button token-url callback-url> (its requests, as the element sends them), then may remove
// things again. Another user's proof, a sign-in or add-passkey proof, and a replayed one are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SoftwareAuthenticator } from '../helpers/software-authenticator.js';
import { startDemoHarness, type DemoHarness } from './helpers/demo.js';
import type { Visitor } from './helpers/visitor.js';

const location = (response: Response) => response.headers.get('Location');
const STALE_MS = 11 * 60 * 1000;

describe('step-up on the account page', () => {
  let h: DemoHarness;
  let alice: { visitor: Visitor; passkey: SoftwareAuthenticator; addProof: string };
  let bob: { visitor: Visitor; passkey: SoftwareAuthenticator };
  before(async () => {
    h = await startDemoHarness({ log: false });
    const a = await h.signedIn('alice');
    const added = await h.addPasskey(a.visitor, 'alice');
    alice = { visitor: a.visitor, passkey: added.passkey, addProof: added.token };
    const b = await h.signedIn('bob');
    bob = { visitor: b.visitor, passkey: (await h.addPasskey(b.visitor, 'bob')).passkey };
    h.demoClock.offsetMs = STALE_MS; // both sessions are now stale
  });
  after(() => h.stop());

  /** What the button does: fetch its token-url, sign in with that token and this passkey; the proof. */
  const stepUpProof = async (visitor: Visitor, passkey: SoftwareAuthenticator) => {
    const { status, body } = await visitor.elementFetch<{ token: string }>('/api/step-up-token');
    assert.equal(status, 200);
    const { result } = await h.client.signIn(passkey, { token: body.token });
    assert.equal(result.body['isVerified'], true, JSON.stringify(result.body));
    return result.body['accessToken'] as string;
  };

  it('a stale session is offered the passkey confirmation, confirms in place, then may remove', async () => {
    const page = await (await alice.visitor.request('/account')).text();
    assert.match(page, /<passkey-signin-button token-url="\/api\/step-up-token" callback-url="\/account\/step-up">/);
    assert.equal((await alice.visitor.post('/account/authenticator-app/remove', {})).status, 403);

    const proof = await stepUpProof(alice.visitor, alice.passkey);
    const confirmed = await alice.visitor.elementPost('/account/step-up', { token: proof });
    assert.equal(confirmed.status, 303);
    assert.equal(location(confirmed), '/account?notice=confirmed');
    const after = await (await alice.visitor.request('/account?notice=confirmed')).text();
    assert.match(after, /Confirmed\./);
    assert.doesNotMatch(after, /<passkey-signin-button/, 'fresh again: no confirmation offered');
    assert.equal(location(await alice.visitor.post('/account/authenticator-app/remove', {})), '/account?notice=app-removed');

    const replay = await alice.visitor.elementPost('/account/step-up', { token: proof });
    assert.equal(replay.status, 403, 'a proof confirms once');
  });

  it('a stale session removes a passkey only after confirming with a passkey in place', async () => {
    const b = await h.signedIn('bob');
    const first = await h.addPasskey(b.visitor, 'bob');
    const second = await h.addPasskey(b.visitor, 'bob');
    const { body } = await b.visitor.json<{ passkeys: { id: string }[] }>('/api/passkeys');
    const target = body.passkeys.find((p) => p.id === second.userAuthenticatorId)!;
    h.demoClock.offsetMs += STALE_MS;
    try {
      const refused = await b.visitor.post(`/account/passkeys/${target.id}/remove`, {});
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /Sign in again to remove a passkey/);
      assert.deepEqual(await b.visitor.json(`/api/passkeys/${target.id}`, { method: 'DELETE' }), {
        status: 403,
        body: { error: 'Sign in again to remove a passkey: your last sign-in was over 10 minutes ago.' },
      });
      const proof = await stepUpProof(b.visitor, first.passkey);
      assert.equal((await b.visitor.elementPost('/account/step-up', { token: proof })).status, 303);
      assert.equal(location(await b.visitor.post(`/account/passkeys/${target.id}/remove`, {})), '/account?notice=removed');
      const left = await b.visitor.json<{ passkeys: { id: string }[] }>('/api/passkeys');
      assert.ok(!left.body.passkeys.some((p) => p.id === target.id), 'removed');
      assert.ok(left.body.passkeys.some((p) => p.id === first.userAuthenticatorId), 'the other one stays');
    } finally {
      h.demoClock.offsetMs -= STALE_MS;
    }
  });

  it("refuses another user's proof, a sign-in proof and an add-passkey proof", async () => {
    const bobsProof = await stepUpProof(bob.visitor, bob.passkey);
    const signInProof = await h.client.signInToken(alice.passkey);
    for (const [what, token] of [['bob', bobsProof], ['sign-in', signInProof], ['add-passkey', alice.addProof], ['forged', 'x'.repeat(40)]]) {
      const response = await alice.visitor.elementPost('/account/step-up', { token: token! });
      assert.equal(response.status, 403, what);
      assert.match(await response.text(), /That confirmation could not be verified/, what);
    }
  });

  it('needs a session and the anti-forgery token', async () => {
    assert.deepEqual(await h.visitor().elementFetch('/api/step-up-token'), { status: 401, body: { error: 'Sign in first.' } });
    assert.equal((await alice.visitor.post('/account/step-up', { token: 'x' })).status, 403);
  });
});
