// Server API, driven by the unmodified @authsignal/node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Authsignal, AuthsignalError } from '@authsignal/node';
import { SignJWT } from 'jose';
import { startHarness } from '../helpers/harness.js';

async function rejects(promise: Promise<unknown>, statusCode: number, errorCode: string): Promise<AuthsignalError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuthsignalError, `expected AuthsignalError, got ${String(error)}`);
    assert.equal(error.statusCode, statusCode, error.message);
    assert.equal(error.errorCode, errorCode, error.message);
    return error;
  }
  assert.fail('expected the call to throw');
}

test('track answers ALLOW with a token and a "?" url; the token is not valid before a ceremony', async () => {
  const h = await startHarness();
  try {
    const tracked = await h.authsignal.track({
      userId: 'alice',
      action: 'identity-server-login',
      attributes: { username: 'alice', email: 'alice@example.com', redirectUrl: 'http://localhost:8765/cb' },
    });
    assert.equal(tracked.state, 'ALLOW');
    assert.equal(tracked.isEnrolled, false);
    assert.deepEqual(tracked.enrolledVerificationMethods, []);
    assert.ok(tracked.url.includes('?'), tracked.url);
    // The pre-built UI's url carries the token, as the cloud's does (the request log never writes queries).
    assert.equal(new URL(tracked.url).searchParams.get('token'), tracked.token);
    assert.match(tracked.idempotencyKey, /^[0-9a-f-]{36}$/);

    const validated = await h.authsignal.validateChallenge({ token: tracked.token });
    assert.equal(validated.isValid, false);
    assert.equal(validated.state, 'ALLOW');
    assert.equal(validated.userId, 'alice');
    assert.equal(validated.action, 'identity-server-login');
    assert.equal(validated.idempotencyKey, tracked.idempotencyKey);
  } finally {
    await h.stop();
  }
});

test('a wrong or missing secret is a 401 AuthsignalError "unauthorized" on every server call', async () => {
  const h = await startHarness();
  try {
    const wrong = new Authsignal({ apiSecretKey: 'not-the-secret', apiUrl: h.local.url, retries: 0 });
    await rejects(wrong.track({ userId: 'alice', action: 'login' }), 401, 'unauthorized');
    await rejects(wrong.getUser({ userId: 'alice' }), 401, 'unauthorized');
    await rejects(wrong.validateChallenge({ token: 'x' }), 401, 'unauthorized');
    await rejects(wrong.getAuthenticators({ userId: 'alice' }), 401, 'unauthorized');
    const res = await fetch(`${h.local.url}/users/alice`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, 'unauthorized');
    // Nothing was created by the refused track.
    assert.equal((await h.authsignal.getUser({ userId: 'alice' })).isEnrolled, false);
    assert.equal((await h.authsignal.getUser({ userId: 'alice' })).username, undefined);
  } finally {
    await h.stop();
  }
});

test('getUser: unknown user is 200 not enrolled; track stores username and email', async () => {
  const h = await startHarness();
  try {
    const unknown = await h.authsignal.getUser({ userId: 'nobody' });
    assert.equal(unknown.isEnrolled, false);
    assert.deepEqual(unknown.enrolledVerificationMethods, []);
    await h.authsignal.track({ userId: 'bob', action: 'login', attributes: { username: 'bob', email: 'bob@example.com' } });
    const bob = await h.authsignal.getUser({ userId: 'bob' });
    assert.equal(bob.isEnrolled, false);
    assert.equal(bob.username, 'bob');
    assert.equal(bob.email, 'bob@example.com');
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'bob' }), []);
  } finally {
    await h.stop();
  }
});

test('track validates the action code and attribute types', async () => {
  const h = await startHarness();
  try {
    await rejects(h.authsignal.track({ userId: 'alice', action: 'bad.code' }), 400, 'invalid_action_code');
    await rejects(h.authsignal.track({ userId: 'alice', action: 'a'.repeat(65) }), 400, 'invalid_action_code');
    await rejects(
      h.authsignal.track({ userId: 'alice', action: 'login', attributes: { username: 42 as unknown as string } }),
      400,
      'invalid_request',
    );
    await rejects(
      h.authsignal.track({ userId: 'alice', action: 'login', attributes: { scope: 'admin:everything' } }),
      400,
      'invalid_scope',
    );
    const ok = await h.authsignal.track({ userId: 'alice', action: 'Sign_in-2' });
    assert.equal(ok.state, 'ALLOW');
  } finally {
    await h.stop();
  }
});

test('idempotencyKey: the same action is returned again; reuse by another user is a conflict', async () => {
  const h = await startHarness();
  try {
    const first = await h.authsignal.track({ userId: 'alice', action: 'login', attributes: { idempotencyKey: 'k-1' } });
    const again = await h.authsignal.track({ userId: 'alice', action: 'login', attributes: { idempotencyKey: 'k-1' } });
    assert.equal(first.idempotencyKey, 'k-1');
    assert.equal(again.idempotencyKey, 'k-1');
    await rejects(
      h.authsignal.track({ userId: 'mallory', action: 'login', attributes: { idempotencyKey: 'k-1' } }),
      409,
      'idempotency_key_conflict',
    );
    const action = await h.authsignal.getAction({ userId: 'alice', action: 'login', idempotencyKey: 'k-1' });
    assert.equal(action.state, 'ALLOW');
    await rejects(h.authsignal.getAction({ userId: 'mallory', action: 'login', idempotencyKey: 'k-1' }), 404, 'not_found');
  } finally {
    await h.stop();
  }
});

test('validate refuses forged, foreign-tenant and garbage tokens with invalid_token', async () => {
  const h = await startHarness();
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'login' });
    const claims = { tenantId: 'local-tenant', userId: 'alice', actionCode: 'login', idempotencyKey: tracked.idempotencyKey, scope: '' };
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('guessed-secret'));
    await rejects(h.authsignal.validateChallenge({ token: forged }), 400, 'invalid_token');
    const foreignTenant = await new SignJWT({ ...claims, tenantId: 'other-tenant' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(h.local.options.secret));
    await rejects(h.authsignal.validateChallenge({ token: foreignTenant }), 400, 'invalid_token');
    // An unsigned token ("alg":"none") must not pass either.
    const [, payload] = tracked.token.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await rejects(h.authsignal.validateChallenge({ token: unsigned }), 400, 'invalid_token');
    await rejects(h.authsignal.validateChallenge({ token: 'not-a-jwt' }), 400, 'invalid_token');
    await rejects(h.authsignal.validateChallenge({ token: '' }), 400, 'invalid_request');
  } finally {
    await h.stop();
  }
});

test('tokens expire after tokenTtlSeconds: validate and the client API both say expired_token', async () => {
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const h = await startHarness({ now: () => clock });
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'add-passkey' });
    clock += 599_000;
    assert.equal((await h.authsignal.validateChallenge({ token: tracked.token })).state, 'ALLOW');
    clock += 2_000;
    await rejects(h.authsignal.validateChallenge({ token: tracked.token }), 400, 'expired_token');
    const options = await h.client.registrationOptions(tracked.token);
    assert.equal(options.status, 401);
    assert.equal(options.body['errorCode'], 'expired_token');
    assert.equal(options.body['error'], 'expired_token');
  } finally {
    await h.stop();
  }
});

test('deleteAuthenticator of an unknown authenticator is a 404', async () => {
  const h = await startHarness();
  try {
    await rejects(h.authsignal.deleteAuthenticator({ userId: 'alice', userAuthenticatorId: 'nope' }), 404, 'not_found');
  } finally {
    await h.stop();
  }
});
