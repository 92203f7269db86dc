// Authenticator app (TOTP) through the client API as @authsignal/browser calls it (totp.enroll, totp.verify),
// checked with the unmodified @authsignal/node; codes computed with otpauth as a phone computes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionRules } from '../../authsignal-local/index.js';
import { enroll, startHarness } from '../helpers/harness.js';
import { codeFor, enrollTotp, startTotp, verifyTotp } from '../helpers/totp.js';

const actions: ActionRules = {
  login: { outcome: 'CHALLENGE', authenticators: ['AUTHENTICATOR_APP'] },
  blocked: { outcome: 'BLOCK', authenticators: ['AUTHENTICATOR_APP'] },
  'passkeys-only': { outcome: 'CHALLENGE', authenticators: ['PASSKEY'] },
  either: { outcome: 'CHALLENGE', authenticators: ['PASSKEY', 'AUTHENTICATOR_APP'] },
};
// Mid-step, so that ±1 step is unambiguous.
const T0 = Date.parse('2030-01-01T00:00:15Z');

test('enrol: a secret and its otpauth URI; the first code verifies the app and completes the action', async () => {
  const h = await startHarness({ actions, now: () => T0 });
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'login', attributes: { username: 'alice@example.com' } });
    assert.equal(tracked.isEnrolled, false);
    const started = await startTotp(h, tracked.token);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const { userAuthenticatorId, userId, uri, secret } = started.body;
    assert.equal(userId, 'alice');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('secret'), secret);
    assert.equal(parsed.searchParams.get('period'), '30');
    assert.equal(parsed.searchParams.get('digits'), '6');
    assert.match(decodeURIComponent(parsed.pathname), /alice@example\.com/);
    // Pending: not listed, not enrolled.
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'alice' }), []);

    const verified = await verifyTotp(h, tracked.token, codeFor(secret, T0));
    assert.equal(verified.body['isVerified'], true);
    assert.equal(verified.body['userAuthenticator'].verificationMethod, 'AUTHENTICATOR_APP');
    assert.equal(verified.body['userAuthenticator'].userAuthenticatorId, userAuthenticatorId);
    const validated = await h.authsignal.validateChallenge({ token: verified.body['accessToken'] });
    assert.equal(validated.isValid, true);
    assert.equal(validated.state, 'CHALLENGE_SUCCEEDED');
    assert.equal(validated.userId, 'alice');
    assert.equal(validated.action, 'login');
    assert.equal(validated.verificationMethod, 'AUTHENTICATOR_APP');

    const [listed, ...rest] = await h.authsignal.getAuthenticators({ userId: 'alice' });
    assert.equal(rest.length, 0);
    assert.equal(listed!.verificationMethod, 'AUTHENTICATOR_APP');
    assert.equal(listed!.userAuthenticatorId, userAuthenticatorId);
    assert.deepEqual((await h.authsignal.getUser({ userId: 'alice' })).enrolledVerificationMethods, ['AUTHENTICATOR_APP']);
  } finally {
    await h.stop();
  }
});

test('challenge: a wrong code is refused, the right one accepted, and the same code never again', async () => {
  let clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const { secret } = await enrollTotp(h, 'alice', 'login', T0);
    clock += 30_000;
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'login' });
    assert.equal(tracked.state, 'CHALLENGE_REQUIRED');
    const wrong = String((Number(codeFor(secret, clock)) + 1) % 1_000_000).padStart(6, '0');
    assert.deepEqual((await verifyTotp(h, tracked.token, wrong)).body, { isVerified: false, failureReason: 'CODE_INVALID_OR_EXPIRED' });
    assert.equal((await h.authsignal.validateChallenge({ token: tracked.token })).isValid, false);
    const code = codeFor(secret, clock);
    const right = await verifyTotp(h, tracked.token, code);
    assert.equal(right.body['isVerified'], true);
    assert.equal(right.body['userAuthenticator'], undefined, 'only an enrolment returns the authenticator');
    assert.equal((await h.authsignal.validateChallenge({ token: right.body['accessToken'] })).isValid, true);

    // The same code, on a new sign-in, in the same 30 s: refused.
    const again = await h.authsignal.track({ userId: 'alice', action: 'login' });
    assert.deepEqual((await verifyTotp(h, again.token, code)).body, { isVerified: false, failureReason: 'CODE_ALREADY_USED' });
    // So is an older step's code still inside the window; the next step's code is fine.
    assert.equal((await verifyTotp(h, again.token, codeFor(secret, clock, -1))).body['failureReason'], 'CODE_ALREADY_USED');
    assert.equal((await verifyTotp(h, again.token, codeFor(secret, clock, 1))).body['isVerified'], true);
    // A token whose action succeeded takes no more codes.
    const used = await verifyTotp(h, again.token, codeFor(secret, clock, 1));
    assert.equal(used.status, 401);
    assert.equal(used.body['errorCode'], 'invalid_token');
  } finally {
    await h.stop();
  }
});

test('window: codes one step away are accepted, two steps away refused', async () => {
  let clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const { secret } = await enrollTotp(h, 'alice', 'login', T0);
    clock += 10 * 30_000;
    // -1 before +1: a later step than the last accepted one, so the replay guard lets +1 through.
    for (const steps of [-2, 2, -1, 1]) {
      const { token } = await h.authsignal.track({ userId: 'alice', action: 'login' });
      const res = await verifyTotp(h, token, codeFor(secret, clock, steps));
      assert.equal(res.body['isVerified'], Math.abs(steps) <= 1, `${steps} steps`);
    }
  } finally {
    await h.stop();
  }
});

test('rate limit: after 5 wrong codes in a minute even the right code is a 429 too_many_requests, until the minute ends', async () => {
  let clock = T0;
  const h = await startHarness({ actions, now: () => clock });
  try {
    const { secret } = await enrollTotp(h, 'alice', 'login', T0);
    clock += 60_000;
    const { token } = await h.authsignal.track({ userId: 'alice', action: 'login' });
    for (let i = 0; i < 5; i++) assert.equal((await verifyTotp(h, token, '000000')).body['isVerified'], false);
    // A fresh track does not reset the budget: it belongs to the authenticator.
    const other = await h.authsignal.track({ userId: 'alice', action: 'login' });
    const limited = await verifyTotp(h, other.token, codeFor(secret, clock));
    assert.equal(limited.status, 429);
    assert.equal(limited.body['errorCode'], 'too_many_requests');
    clock += 61_000;
    assert.equal((await verifyTotp(h, other.token, codeFor(secret, clock))).body['isVerified'], true);
  } finally {
    await h.stop();
  }
});

test('refusals: blocked action, action without the app, a second app, binding, garbage codes', async () => {
  const h = await startHarness({ actions });
  try {
    const blocked = await h.authsignal.track({ userId: 'alice', action: 'blocked' });
    assert.equal((await startTotp(h, blocked.token)).body['errorCode'], 'action_blocked');
    const passkeys = await h.authsignal.track({ userId: 'alice', action: 'passkeys-only' });
    const refused = await startTotp(h, passkeys.token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body['errorCode'], 'method_not_allowed');

    await enrollTotp(h, 'alice', 'login');
    const second = await h.authsignal.track({ userId: 'alice', action: 'login', attributes: { scope: 'add:authenticators' } });
    const conflict = await startTotp(h, second.token);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body['errorCode'], 'already_enrolled');

    // A passkey user may add an app only with add:authenticators, where passkeys count.
    await enroll(h, 'bob');
    const bob = await h.authsignal.track({ userId: 'bob', action: 'either' });
    assert.equal((await startTotp(h, bob.token)).body['errorCode'], 'insufficient_scope');

    const bad = await verifyTotp(h, second.token, 'x'.repeat(17));
    assert.equal(bad.status, 400);
    const none = await verifyTotp(h, (await h.authsignal.track({ userId: 'carol', action: 'login' })).token, '123456');
    assert.equal(none.status, 400);
    assert.equal(none.body['errorCode'], 'not_enrolled');
  } finally {
    await h.stop();
  }
});

test('deleteAuthenticator removes the app; the user is then not enrolled; nothing secret is logged', async () => {
  const lines: string[] = [];
  const h = await startHarness({ actions, log: (line) => lines.push(line) });
  try {
    const { secret, userAuthenticatorId, tracked, verified } = await enrollTotp(h, 'alice', 'login');
    await h.authsignal.deleteAuthenticator({ userId: 'alice', userAuthenticatorId });
    assert.deepEqual(await h.authsignal.getAuthenticators({ userId: 'alice' }), []);
    assert.equal((await h.authsignal.track({ userId: 'alice', action: 'login' })).isEnrolled, false);
    const log = lines.join('\n');
    assert.ok(lines.length > 0);
    for (const value of [secret, tracked.token, verified['accessToken'] as string]) assert.ok(!log.includes(value));
  } finally {
    await h.stop();
  }
});
