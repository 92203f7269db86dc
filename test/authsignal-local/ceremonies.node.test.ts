// Real WebAuthn ceremonies (software authenticator) through the client API, checked with the
// unmodified @authsignal/node — the path a login page and its backend take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SIGN_IN_ACTION } from '../../authsignal-local/index.js';
import { ORIGIN, enroll, startHarness } from '../helpers/harness.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';

test('sign-up: the enrolment token validates as CHALLENGE_SUCCEEDED for that user, and the passkey is listed', async () => {
  const h = await startHarness();
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { username: 'alice' } });
    const signUp = await h.client.signUp(h.authenticator, tracked.token, 'alice');
    assert.equal(signUp.isVerified, true);
    assert.equal(signUp.userId, 'alice');
    assert.equal(typeof signUp.accessToken, 'string');
    assert.equal(signUp.userAuthenticator.verificationMethod, 'PASSKEY');
    assert.equal(signUp.userAuthenticator.webauthnCredential.credentialId, signUp.credential.id);

    for (const token of [tracked.token, signUp.accessToken as string]) {
      const validated = await h.authsignal.validateChallenge({ token, userId: 'alice', action: 'add-passkey' });
      assert.equal(validated.isValid, true);
      assert.equal(validated.state, 'CHALLENGE_SUCCEEDED');
      assert.equal(validated.userId, 'alice');
      assert.equal(validated.action, 'add-passkey');
      assert.equal(validated.idempotencyKey, tracked.idempotencyKey);
      assert.equal(validated.verificationMethod, 'PASSKEY');
    }
    const [authenticator, ...rest] = await h.authsignal.getAuthenticators({ userId: 'alice' });
    assert.equal(rest.length, 0);
    assert.equal(authenticator!.userAuthenticatorId, signUp.userAuthenticatorId);
    assert.equal(authenticator!.verificationMethod, 'PASSKEY');
    assert.equal(authenticator!.username, 'alice');
    const credential = authenticator!.webauthnCredential!;
    assert.equal(credential.credentialId, signUp.credential.id);
    assert.equal(credential.aaguid, '00000000-0000-0000-0000-000000000000');
    assert.equal(credential.credentialDeviceType, 'singleDevice');
    assert.equal(credential.credentialBackedUp, false);
    assert.equal(credential.authenticatorAttachment, 'platform');
    assert.equal(credential.parsedUserAgent?.browser?.name, 'Chrome');
    assert.equal(credential.parsedUserAgent?.os?.name, 'Linux');
    const user = await h.authsignal.getUser({ userId: 'alice' });
    assert.equal(user.isEnrolled, true);
    assert.deepEqual(user.enrolledVerificationMethods, ['PASSKEY']);
    assert.equal((await h.authsignal.track({ userId: 'alice', action: 'login' })).isEnrolled, true);
  } finally {
    await h.stop();
  }
});

test('registration options: discoverable, UV required, stable user handle, existing passkeys excluded', async () => {
  const h = await startHarness({ rpName: 'Test RP' });
  try {
    const first = await h.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    const options1 = (await h.client.registrationOptions(first.token, 'alice@example.com')).body;
    assert.equal(options1['options'].rp.id, 'localhost');
    assert.equal(options1['options'].rp.name, 'Test RP');
    assert.equal(options1['options'].user.name, 'alice@example.com');
    assert.notEqual(options1['options'].user.id, Buffer.from('alice').toString('base64url'), 'the user handle must not be the user id');
    assert.equal(options1['options'].authenticatorSelection.residentKey, 'required');
    assert.equal(options1['options'].authenticatorSelection.userVerification, 'required');
    assert.equal(options1['options'].authenticatorSelection.authenticatorAttachment, 'platform');
    assert.deepEqual(options1['options'].excludeCredentials, []);
    const credential = h.authenticator.createCredential(options1['options']);
    assert.equal((await h.client.addAuthenticator(first.token, credential, options1['challengeId'])).status, 200);

    const second = await h.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    const options2 = (await h.client.registrationOptions(second.token)).body;
    assert.equal(options2['options'].user.id, options1['options'].user.id, 'one stable user handle per user');
    assert.equal(options2['options'].user.name, 'alice@example.com', 'the stored username is reused');
    assert.deepEqual(options2['options'].excludeCredentials.map((c: { id: string }) => c.id), [credential.id]);
  } finally {
    await h.stop();
  }
});

test('authenticator binding: a second passkey needs a token with scope add:authenticators', async () => {
  const h = await startHarness();
  try {
    await enroll(h, 'alice');
    const readOnly = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const refused = await h.client.registrationOptions(readOnly.token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body['error'], 'insufficient_scope');

    // A sign-in's access token is not an enrolment token either.
    const signIn = await h.client.signIn(h.authenticator);
    assert.equal((await h.client.registrationOptions(signIn.result.body['accessToken'])).status, 403);

    const other = new SoftwareAuthenticator(ORIGIN);
    const allowed = await h.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    await h.client.signUp(other, allowed.token);
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'alice' })).length, 2);
  } finally {
    await h.stop();
  }
});

test('binding is re-checked when the passkey is added, not only when options are issued', async () => {
  const h = await startHarness();
  try {
    // Two enrolment windows opened while alice has no passkey yet (default scope).
    const a = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const b = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const optionsA = (await h.client.registrationOptions(a.token)).body;
    const optionsB = (await h.client.registrationOptions(b.token)).body;
    const authB = new SoftwareAuthenticator(ORIGIN);
    assert.equal((await h.client.addAuthenticator(a.token, h.authenticator.createCredential(optionsA['options']), optionsA['challengeId'])).status, 200);
    const late = await h.client.addAuthenticator(b.token, authB.createCredential(optionsB['options']), optionsB['challengeId']);
    assert.equal(late.status, 403);
    assert.equal(late.body['error'], 'insufficient_scope');
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'alice' })).length, 1);
    assert.equal((await h.authsignal.validateChallenge({ token: b.token })).isValid, false);

    // Racing enrolments for a user without passkeys: exactly one may win.
    const windows = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const { token } = await h.authsignal.track({ userId: 'carol', action: 'add-passkey' });
        return { token, options: (await h.client.registrationOptions(token)).body };
      }),
    );
    const race = await Promise.all(
      windows.map((w) =>
        h.client.addAuthenticator(w.token, new SoftwareAuthenticator(ORIGIN).createCredential(w.options['options']), w.options['challengeId']),
      ),
    );
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 403, 403, 403]);
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'carol' })).length, 1);
  } finally {
    await h.stop();
  }
});

test('a registration challenge belongs to the token it was issued for', async () => {
  const h = await startHarness();
  try {
    const alice = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const mallory = await h.authsignal.track({ userId: 'mallory', action: 'add-passkey' });
    const options = (await h.client.registrationOptions(alice.token)).body;
    const credential = h.authenticator.createCredential(options['options']);
    const res = await h.client.addAuthenticator(mallory.token, credential, options['challengeId']);
    assert.equal(res.status, 400);
    assert.equal(res.body['error'], 'invalid_challenge');
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'mallory' }), []);
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'alice' }), []);
  } finally {
    await h.stop();
  }
});

test(`sign-in without action: recorded as "${DEFAULT_SIGN_IN_ACTION}" for the passkey's user`, async () => {
  const h = await startHarness();
  try {
    await enroll(h, 'bob', 'bob@example.com');
    await enroll(h, 'alice', 'alice@example.com'); // the newest passkey is alice's
    const { options, result } = await h.client.signIn(h.authenticator);
    assert.deepEqual(options['options'].allowCredentials, []);
    assert.equal(options['options'].userVerification, 'required');
    assert.equal(options['options'].rpId, 'localhost');
    assert.equal(result.status, 200);
    assert.equal(result.body['isVerified'], true);
    assert.equal(result.body['userId'], 'alice');
    assert.equal(result.body['username'], 'alice@example.com');
    const [listed] = await h.authsignal.getAuthenticators({ userId: 'alice' });
    assert.equal(result.body['userAuthenticatorId'], listed!.userAuthenticatorId);
    assert.ok(listed!.lastVerifiedAt, 'lastVerifiedAt is recorded');

    const validated = await h.authsignal.validateChallenge({ token: result.body['accessToken'] });
    assert.equal(validated.isValid, true);
    assert.equal(validated.state, 'CHALLENGE_SUCCEEDED');
    assert.equal(validated.userId, 'alice');
    assert.equal(validated.action, DEFAULT_SIGN_IN_ACTION);
    // The token says alice: a backend expecting bob must not accept it.
    const asBob = await h.authsignal.validateChallenge({ token: result.body['accessToken'], userId: 'bob' });
    assert.equal(asBob.isValid, false);
  } finally {
    await h.stop();
  }
});

test('sign-in with an action: /client/challenge creates it, the passkey completes it', async () => {
  const h = await startHarness();
  try {
    await enroll(h, 'alice');
    const { result } = await h.client.signIn(h.authenticator, { action: 'identity-server-login' });
    assert.equal(result.status, 200);
    const token = result.body['accessToken'];
    const validated = await h.authsignal.validateChallenge({ token, action: 'identity-server-login' });
    assert.equal(validated.isValid, true);
    assert.equal(validated.userId, 'alice');
    assert.equal(validated.action, 'identity-server-login');
    assert.equal((await h.authsignal.validateChallenge({ token, action: 'transfer-funds' })).isValid, false);
    const action = await h.authsignal.getAction({ userId: 'alice', action: 'identity-server-login', idempotencyKey: validated.idempotencyKey! });
    assert.equal(action.state, 'CHALLENGE_SUCCEEDED');
  } finally {
    await h.stop();
  }
});

test('re-authentication with a server token: only that user\'s passkey completes that action', async () => {
  const h = await startHarness();
  try {
    await enroll(h, 'alice');
    const bobAuthenticator = new SoftwareAuthenticator(ORIGIN);
    const bobTrack = await h.authsignal.track({ userId: 'bob', action: 'add-passkey' });
    await h.client.signUp(bobAuthenticator, bobTrack.token);

    const stepUp = await h.authsignal.track({ userId: 'alice', action: 'transfer-funds' });
    const wrongUser = await h.client.signIn(bobAuthenticator, { token: stepUp.token });
    assert.equal(wrongUser.result.status, 400);
    assert.equal(wrongUser.result.body['error'], 'invalid_credential');
    assert.equal((await h.authsignal.validateChallenge({ token: stepUp.token })).isValid, false);

    const right = await h.client.signIn(h.authenticator, { token: stepUp.token });
    assert.equal(right.result.status, 200);
    const validated = await h.authsignal.validateChallenge({ token: stepUp.token, userId: 'alice', action: 'transfer-funds' });
    assert.equal(validated.isValid, true);
    assert.equal(validated.idempotencyKey, stepUp.idempotencyKey);
  } finally {
    await h.stop();
  }
});

test('challenges are single-use: a replayed sign-in or registration is refused', async () => {
  const h = await startHarness();
  try {
    const { tracked } = await enroll(h, 'alice');
    const { assertion, options, result } = await h.client.signIn(h.authenticator);
    assert.equal(result.status, 200);
    const replay = await h.client.verify(assertion, options['challengeId']);
    assert.equal(replay.status, 400);
    assert.equal(replay.body['error'], 'invalid_challenge');

    // Two concurrent verifications of one challenge: exactly one wins.
    const fresh = (await h.client.authenticationOptions()).body;
    const assertion2 = h.authenticator.getAssertion(fresh['options']);
    const answers = await Promise.all([h.client.verify(assertion2, fresh['challengeId']), h.client.verify(assertion2, fresh['challengeId'])]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 400]);

    const add = await h.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    const regOptions = (await h.client.registrationOptions(add.token)).body;
    const other = new SoftwareAuthenticator(ORIGIN);
    const credential = other.createCredential(regOptions['options']);
    assert.equal((await h.client.addAuthenticator(add.token, credential, regOptions['challengeId'])).status, 200);
    const again = await h.client.addAuthenticator(add.token, credential, regOptions['challengeId']);
    assert.equal(again.status, 400);
    assert.equal(again.body['error'], 'invalid_challenge');
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'alice' })).length, 2);
    assert.ok(tracked.token);
  } finally {
    await h.stop();
  }
});

test('ceremonies from a foreign origin are refused, and the challenge is spent', async () => {
  const h = await startHarness();
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const regOptions = (await h.client.registrationOptions(tracked.token)).body;
    const phished = h.authenticator.createCredential(regOptions['options'], { origin: 'http://evil.example' });
    const reg = await h.client.addAuthenticator(tracked.token, phished, regOptions['challengeId']);
    assert.equal(reg.status, 400);
    assert.equal(reg.body['error'], 'invalid_credential');
    assert.match(reg.body['errorDescription'], /origin/);
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'alice' }), []);
    assert.equal((await h.authsignal.validateChallenge({ token: tracked.token })).isValid, false);

    h.authenticator.credentials.length = 0;
    await enroll(h, 'alice');
    const authOptions = (await h.client.authenticationOptions()).body;
    const assertion = h.authenticator.getAssertion(authOptions['options'], { origin: 'http://evil.example' });
    const res = await h.client.verify(assertion, authOptions['challengeId']);
    assert.equal(res.status, 400);
    assert.equal(res.body['error'], 'invalid_credential');
    assert.equal(res.body['accessToken'], undefined);
    // The same assertion from the right origin cannot reuse that challenge.
    const retry = h.authenticator.getAssertion(authOptions['options']);
    assert.equal((await h.client.verify(retry, authOptions['challengeId'])).body['error'], 'invalid_challenge');
  } finally {
    await h.stop();
  }
});

test('a signature counter that does not increase (cloned authenticator) is refused', async () => {
  const h = await startHarness();
  try {
    await enroll(h, 'alice');
    assert.equal((await h.client.signIn(h.authenticator, { overrides: { counter: 5 } })).result.status, 200);
    const cloned = await h.client.signIn(h.authenticator, { overrides: { counter: 3 } });
    assert.equal(cloned.result.status, 400);
    assert.equal(cloned.result.body['error'], 'invalid_credential');
    assert.match(cloned.result.body['errorDescription'], /counter/i);
    const same = await h.client.signIn(h.authenticator, { overrides: { counter: 5 } });
    assert.equal(same.result.status, 400);
    assert.equal((await h.client.signIn(h.authenticator, { overrides: { counter: 6 } })).result.status, 200);
  } finally {
    await h.stop();
  }
});

test('user verification is required; unknown passkeys and mismatched user handles are refused', async () => {
  const h = await startHarness();
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    const regOptions = (await h.client.registrationOptions(tracked.token)).body;
    const noUv = h.authenticator.createCredential(regOptions['options'], { userVerified: false });
    assert.equal((await h.client.addAuthenticator(tracked.token, noUv, regOptions['challengeId'])).body['error'], 'invalid_credential');

    h.authenticator.credentials.length = 0;
    await enroll(h, 'alice');
    const bob = await enroll(h, 'bob');
    const withoutUv = await h.client.signIn(h.authenticator, { overrides: { userVerified: false } });
    assert.equal(withoutUv.result.body['error'], 'invalid_credential');

    const stranger = new SoftwareAuthenticator(ORIGIN);
    stranger.createCredential({ challenge: 'AAAA', rp: { id: 'localhost', name: 'x' }, user: { id: 'AAAA', name: 'x', displayName: 'x' } });
    const unknown = await h.client.signIn(stranger);
    assert.equal(unknown.result.status, 400);
    assert.equal(unknown.result.body['error'], 'unknown_credential');

    // Alice's passkey presenting bob's user handle.
    const aliceCredential = h.authenticator.credentials[0]!;
    const bobHandle = h.authenticator.credentials.find((c) => c.id === bob.signUp.credential.id)!.userHandle;
    const swapped = await h.client.signIn(h.authenticator, { overrides: { credentialId: aliceCredential.id, userHandle: bobHandle } });
    assert.equal(swapped.result.status, 400);
    assert.equal(swapped.result.body['error'], 'invalid_credential');
  } finally {
    await h.stop();
  }
});

test('expired challenges are refused', async () => {
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const h = await startHarness({ now: () => clock, challengeTtlSeconds: 60 });
  try {
    await enroll(h, 'alice');
    const options = (await h.client.authenticationOptions()).body;
    clock += 61_000;
    const res = await h.client.verify(h.authenticator.getAssertion(options['options']), options['challengeId']);
    assert.equal(res.status, 400);
    assert.equal(res.body['error'], 'expired_challenge');
    const challenge = (await h.client.challenge('login')).body;
    clock += 61_000;
    assert.equal((await h.client.authenticationOptions(challenge['challengeId'])).body['error'], 'expired_challenge');
  } finally {
    await h.stop();
  }
});

test('deleteAuthenticator removes the passkey: it no longer signs in and is no longer "available"', async () => {
  const h = await startHarness();
  try {
    const { signUp } = await enroll(h, 'alice');
    assert.equal(await h.client.passkeyExists(['unknown', signUp.credential.id]), 200);
    await assert.rejects(h.authsignal.deleteAuthenticator({ userId: 'bob', userAuthenticatorId: signUp.userAuthenticatorId }));
    await h.authsignal.deleteAuthenticator({ userId: 'alice', userAuthenticatorId: signUp.userAuthenticatorId });
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'alice' }), []);
    assert.equal((await h.authsignal.getUser({ userId: 'alice' })).isEnrolled, false);
    assert.equal(await h.client.passkeyExists([signUp.credential.id]), 404);
    const res = await h.client.signIn(h.authenticator);
    assert.equal(res.result.status, 400);
    assert.equal(res.result.body['error'], 'unknown_credential');
  } finally {
    await h.stop();
  }
});

test('restart on the same database file keeps enrolled passkeys', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'authsignal-local-'));
  const data = join(dir, 'nested', 'authsignal.db');
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  try {
    const first = await startHarness({ data });
    try {
      const tracked = await first.authsignal.track({ userId: 'alice', action: 'add-passkey', attributes: { username: 'alice' } });
      await first.client.signUp(authenticator, tracked.token);
    } finally {
      await first.stop();
    }
    const second = await startHarness({ data });
    try {
      const node = second.authsignal;
      assert.equal((await node.getUser({ userId: 'alice' })).isEnrolled, true);
      const { result } = await second.client.signIn(authenticator);
      assert.equal(result.status, 200, JSON.stringify(result.body));
      const validated = await node.validateChallenge({ token: result.body['accessToken'] });
      assert.equal(validated.isValid, true);
      assert.equal(validated.userId, 'alice');
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
