// What the Signal API and automatic passkey upgrade need from the local server: an unknown credential told
// apart from a bad one, the signed-in user's passkeys for the accepted list, and a conditional create
// (user presence off) accepted only when the request says it is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enroll, startHarness } from '../helpers/harness.js';

test('a sign-in with a passkey the server no longer knows answers unknown_credential; a bad signature stays invalid_credential', async () => {
  const h = await startHarness();
  try {
    const { signUp } = await enroll(h, 'alice');
    const badUv = await h.client.signIn(h.authenticator, { overrides: { userVerified: false } });
    assert.equal(badUv.result.body['errorCode'], 'invalid_credential');
    await h.authsignal.deleteAuthenticator({ userId: 'alice', userAuthenticatorId: signUp.userAuthenticatorId });
    const removed = await h.client.signIn(h.authenticator);
    assert.equal(removed.result.status, 400);
    assert.equal(removed.result.body['error'], 'unknown_credential');
    assert.equal(removed.result.body['errorCode'], 'unknown_credential');
  } finally {
    await h.stop();
  }
});

test("GET /client/user-authenticators lists the token's user's passkeys, and only theirs", async () => {
  const h = await startHarness();
  try {
    const alice = await enroll(h, 'alice');
    await enroll(h, 'bob');
    const token = await h.client.signInToken(h.authenticator); // bob's passkey is the newest: bob signs in
    const bobs = await h.client.userAuthenticators(token);
    assert.equal(bobs.status, 200);
    assert.ok(Array.isArray(bobs.body));
    assert.deepEqual(
      bobs.body.map((a: any) => a.webauthnCredential.credentialId),
      [h.authenticator.credentials[1]!.id],
    );
    assert.equal(bobs.body[0].verificationMethod, 'PASSKEY');
    const alices = await h.client.userAuthenticators(alice.signUp.accessToken);
    assert.deepEqual(alices.body.map((a: any) => a.webauthnCredential.credentialId), [alice.signUp.credential.id]);
    // Without a token (the tenant's Basic credentials) there is no user to list.
    const anonymous = await h.client.userAuthenticators();
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.errorCode, 'token_required');
  } finally {
    await h.stop();
  }
});

test('a registration without user presence is accepted for a conditional create, and refused otherwise', async () => {
  const h = await startHarness();
  try {
    const add = async (conditionalCreate: boolean) => {
      const tracked = await h.authsignal.track({ userId: 'carol', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
      const options = (await h.client.registrationOptions(tracked.token)).body;
      const credential = h.authenticator.createCredential(options['options'], { userPresent: false });
      return h.client.addAuthenticator(tracked.token, credential, options['challengeId'], conditionalCreate);
    };
    const modal = await add(false);
    assert.equal(modal.status, 400);
    assert.equal(modal.body['errorCode'], 'invalid_credential');
    assert.match(modal.body['errorDescription'], /present/i);
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'carol' }), []);

    h.authenticator.credentials.length = 0;
    const conditional = await add(true);
    assert.equal(conditional.status, 200);
    assert.equal(conditional.body['isVerified'], true);
    const [stored] = await h.authsignal.getAuthenticators({ userId: 'carol' });
    assert.equal(stored?.webauthnCredential?.credentialId, h.authenticator.credentials[0]!.id);
    // The conditionally created passkey then signs in like any other (with presence, as a sign-in has).
    const signedIn = await h.client.signIn(h.authenticator);
    assert.equal(signedIn.result.body['userId'], 'carol');
    // Everything else is checked as for any registration: user verification is still required.
    h.authenticator.credentials.length = 0;
    const tracked = await h.authsignal.track({ userId: 'dave', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    const options = (await h.client.registrationOptions(tracked.token)).body;
    const noUv = h.authenticator.createCredential(options['options'], { userPresent: false, userVerified: false });
    const refused = await h.client.addAuthenticator(tracked.token, noUv, options['challengeId'], true);
    assert.equal(refused.body['errorCode'], 'invalid_credential');
  } finally {
    await h.stop();
  }
});
