// Actions with rules: what track answers for unenrolled, authenticator-app and passkey-only users under
// each outcome, through the unmodified @authsignal/node; and how the rules are given (option, file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadActionRules, type ActionRules, type Method } from '../../authsignal-local/index.js';
import { enroll, startHarness, type Harness } from '../helpers/harness.js';
import { enrollTotp } from '../helpers/totp.js';

const APP: Method[] = ['AUTHENTICATOR_APP'];
const actions: ActionRules = {
  'login-challenge': { outcome: 'CHALLENGE', authenticators: APP },
  'login-allow': { outcome: 'ALLOW', authenticators: APP },
  'login-block': { outcome: 'BLOCK', authenticators: APP },
  'step-up': { outcome: 'CHALLENGE', authenticators: ['PASSKEY'] },
};

/** Three users: none (no authenticator), app (authenticator app only), passkey (passkey only). */
async function users(h: Harness) {
  await enrollTotp(h, 'app');
  await enroll(h, 'passkey');
}

const track = (h: Harness, userId: string, action: string) =>
  h.authsignal.track({ userId, action, attributes: { redirectUrl: 'http://localhost:8765/callback' } });

test('CHALLENGE: only a user with a permitted authenticator is challenged; the others are not enrolled', async () => {
  const h = await startHarness({ actions });
  try {
    await users(h);
    const app = await track(h, 'app', 'login-challenge');
    assert.equal(app.state, 'CHALLENGE_REQUIRED');
    assert.equal(app.isEnrolled, true);
    assert.deepEqual(app.enrolledVerificationMethods, ['AUTHENTICATOR_APP']);
    assert.deepEqual(app.allowedVerificationMethods, ['AUTHENTICATOR_APP']);
    assert.equal(app.defaultVerificationMethod, 'AUTHENTICATOR_APP');

    const none = await track(h, 'none', 'login-challenge');
    assert.equal(none.state, 'ALLOW');
    assert.equal(none.isEnrolled, false);
    assert.deepEqual(none.enrolledVerificationMethods, []);
    assert.deepEqual(none.allowedVerificationMethods, ['AUTHENTICATOR_APP']);

    // A passkey is not an authenticator this action permits: the guide sends this user to enrol an app.
    const passkey = await track(h, 'passkey', 'login-challenge');
    assert.equal(passkey.state, 'ALLOW');
    assert.equal(passkey.isEnrolled, false);
    assert.deepEqual(passkey.enrolledVerificationMethods, ['PASSKEY']);

    // And a rule that permits passkeys challenges the passkey user, not the app user.
    assert.equal((await track(h, 'passkey', 'step-up')).state, 'CHALLENGE_REQUIRED');
    assert.equal((await track(h, 'app', 'step-up')).isEnrolled, false);
    assert.equal((await track(h, 'app', 'step-up')).state, 'ALLOW');
  } finally {
    await h.stop();
  }
});

test('ALLOW and BLOCK are answered as configured, enrolled or not', async () => {
  const h = await startHarness({ actions });
  try {
    await users(h);
    for (const userId of ['none', 'app', 'passkey']) {
      const allowed = await track(h, userId, 'login-allow');
      assert.equal(allowed.state, 'ALLOW', userId);
      assert.equal(allowed.isEnrolled, userId === 'app', userId);
      const blocked = await track(h, userId, 'login-block');
      assert.equal(blocked.state, 'BLOCK', userId);
      assert.equal(blocked.isEnrolled, userId === 'app', userId);
      // A blocked action never validates.
      assert.equal((await h.authsignal.validateChallenge({ token: blocked.token })).isValid, false);
    }
  } finally {
    await h.stop();
  }
});

test('every track answer carries the pre-built UI url (with "?"), a token and its idempotencyKey', async () => {
  const h = await startHarness({ actions });
  try {
    const tracked = await track(h, 'none', 'login-challenge');
    const url = new URL(tracked.url);
    assert.ok(tracked.url.includes('?'), tracked.url);
    assert.equal(url.origin, new URL(h.local.url).origin);
    assert.equal(url.pathname, '/prebuilt/');
    assert.equal(url.searchParams.get('token'), tracked.token);
    assert.match(tracked.idempotencyKey, /^[0-9a-f-]{36}$/);
    const validated = await h.authsignal.validateChallenge({ token: tracked.token });
    assert.equal(validated.idempotencyKey, tracked.idempotencyKey);
    assert.equal(validated.action, 'login-challenge');
  } finally {
    await h.stop();
  }
});

test('an action without a rule answers as before: ALLOW, any authenticator counts as enrolled', async () => {
  const h = await startHarness({ actions });
  try {
    await users(h);
    for (const userId of ['app', 'passkey']) {
      const tracked = await track(h, userId, 'add-passkey');
      assert.equal(tracked.state, 'ALLOW');
      assert.equal(tracked.isEnrolled, true);
    }
    const none = await track(h, 'none', 'add-passkey');
    assert.equal(none.state, 'ALLOW');
    assert.equal(none.isEnrolled, false);
    assert.deepEqual(none.allowedVerificationMethods, ['PASSKEY', 'AUTHENTICATOR_APP']);
  } finally {
    await h.stop();
  }
});

test('rules come from a JSON file; a malformed one is refused with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'actions-'));
  const file = join(dir, 'actions.json');
  writeFileSync(file, JSON.stringify({ 'identity-server-login': { outcome: 'CHALLENGE', authenticators: APP } }));
  assert.deepEqual(loadActionRules(file), { 'identity-server-login': { outcome: 'CHALLENGE', authenticators: APP } });
  writeFileSync(file, JSON.stringify({ 'identity-server-login': { outcome: 'MAYBE', authenticators: APP } }));
  assert.throws(() => loadActionRules(file), (e: Error) => e instanceof TypeError && /identity-server-login.*outcome/.test(e.message));
  writeFileSync(file, JSON.stringify({ 'bad code!': { outcome: 'ALLOW', authenticators: APP } }));
  assert.throws(() => loadActionRules(file), /bad code!/);
  writeFileSync(file, JSON.stringify({ login: { outcome: 'ALLOW', authenticators: ['SMS'] } }));
  assert.throws(() => loadActionRules(file), /login.*authenticators/);
  writeFileSync(file, '{ not json');
  assert.throws(() => loadActionRules(file), /actions\.json/);
});

test('the shipped configuration challenges identity-server-login with the authenticator app only', async () => {
  const rules = loadActionRules(new URL('../../authsignal-local/actions.json', import.meta.url).pathname);
  assert.deepEqual(rules['identity-server-login'], { outcome: 'CHALLENGE', authenticators: APP });
  const h = await startHarness({ actions: rules });
  try {
    await users(h);
    assert.equal((await track(h, 'app', 'identity-server-login')).state, 'CHALLENGE_REQUIRED');
    // The passkey actions answer as they always have.
    const addPasskey = await h.authsignal.track({ userId: 'passkey', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    assert.equal(addPasskey.state, 'ALLOW');
    assert.equal(addPasskey.isEnrolled, true);
  } finally {
    await h.stop();
  }
});

test('a token is only good for the authenticators its action permits: an MFA token adds no passkey and signs in with none', async () => {
  const h = await startHarness({ actions });
  try {
    // The pre-built UI's url carries the token: a page must not turn it into a passkey enrolment.
    const mfa = await track(h, 'alice', 'login-challenge');
    const options = await h.client.registrationOptions(mfa.token, 'alice');
    assert.equal(options.status, 403);
    assert.equal(options.body['errorCode'], 'method_not_allowed');
    await enroll(h, 'bob');
    const bob = await track(h, 'bob', 'login-challenge');
    const signIn = await h.client.authenticationOptions(undefined, bob.token);
    assert.equal(signIn.status, 403);
    assert.equal(signIn.body['errorCode'], 'method_not_allowed');
    const challenge = await h.client.challenge('login-challenge');
    assert.equal(challenge.status, 403);
    assert.equal(challenge.body['errorCode'], 'method_not_allowed');
    assert.equal((await h.authsignal.validateChallenge({ token: mfa.token })).isValid, false);
  } finally {
    await h.stop();
  }
});

test('authenticator binding counts the authenticator app: adding a passkey then needs add:authenticators', async () => {
  const h = await startHarness({ actions });
  try {
    await enrollTotp(h, 'app');
    const plain = await h.authsignal.track({ userId: 'app', action: 'add-passkey' });
    const refused = await h.client.registrationOptions(plain.token, 'app');
    assert.equal(refused.status, 403);
    assert.equal(refused.body['errorCode'], 'insufficient_scope');
    const scoped = await h.authsignal.track({ userId: 'app', action: 'add-passkey', attributes: { scope: 'add:authenticators' } });
    await h.client.signUp(h.authenticator, scoped.token, 'app');
    assert.deepEqual((await h.authsignal.getUser({ userId: 'app' })).enrolledVerificationMethods, ['PASSKEY', 'AUTHENTICATOR_APP']);
  } finally {
    await h.stop();
  }
});
