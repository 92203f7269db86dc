// The protocol's edges: an enrollment token adds one passkey, old records are pruned, and every answer,
// even one Node's HTTP parser writes before any route runs, is JSON in the cloud's error shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORIGIN, startHarness } from '../helpers/harness.js';
import { parseRawAnswer, rawRequest } from '../helpers/raw-http.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';

const enrollmentToken = async (h: Awaited<ReturnType<typeof startHarness>>, userId: string) =>
  (await h.authsignal.track({ userId, action: 'add-passkey', attributes: { scope: 'add:authenticators' } })).token;

test('an enrollment token adds at most one passkey, in the cloud error shape', async () => {
  const h = await startHarness();
  try {
    const token = await enrollmentToken(h, 'alice');
    // Two prompts opened with one token (two tabs), both completed: only the first passkey is kept.
    const first = (await h.client.registrationOptions(token)).body;
    const second = (await h.client.registrationOptions(token)).body;
    const added = await h.client.addAuthenticator(token, h.authenticator.createCredential(first['options']), first['challengeId']);
    assert.equal(added.status, 200);
    const again = await h.client.addAuthenticator(token, new SoftwareAuthenticator(ORIGIN).createCredential(second['options']), second['challengeId']);
    assert.equal(again.status, 401, JSON.stringify(again.body));
    assert.deepEqual(Object.keys(again.body).sort(), ['error', 'errorCode', 'errorDescription']);
    assert.equal(again.body['error'], 'invalid_token');
    // Asking for options with the spent token is refused up front.
    const later = await h.client.registrationOptions(token);
    assert.equal(later.status, 401);
    assert.equal(later.body['errorCode'], 'invalid_token');
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'alice' })).length, 1);
  } finally {
    await h.stop();
  }
});

test('a cancelled prompt does not spend the enrollment token: the retry adds the passkey', async () => {
  const h = await startHarness();
  try {
    const token = await enrollmentToken(h, 'bob');
    await h.client.registrationOptions(token); // the person cancels the browser's prompt
    const retried = await h.client.signUp(h.authenticator, token);
    assert.equal(retried['isVerified'], true);
    assert.equal((await h.authsignal.getAuthenticators({ userId: 'bob' })).length, 1);
  } finally {
    await h.stop();
  }
});

test('actions older than their retention are pruned after a later write', async () => {
  const clock = { offsetMs: 0 };
  const h = await startHarness({ actionRetentionSeconds: 3600, now: () => Date.now() + clock.offsetMs });
  try {
    const old = await h.authsignal.track({ userId: 'carol', action: 'login' });
    // The Node SDK throws AuthsignalError 404 for an action the server does not have.
    const read = () =>
      h.authsignal.getAction({ userId: 'carol', action: 'login', idempotencyKey: old.idempotencyKey }).catch((error: { statusCode?: number }) => {
        if (error.statusCode === 404) return undefined;
        throw error;
      });
    assert.equal((await read())?.state, 'ALLOW');
    clock.offsetMs = 3601 * 1000;
    await h.authsignal.track({ userId: 'carol', action: 'login' }); // a write: pruning runs after it
    const deadline = Date.now() + 10_000;
    let state: unknown = 'ALLOW';
    while (state !== undefined && Date.now() < deadline) state = (await read())?.state;
    assert.equal(state, undefined, 'the old action is gone');
  } finally {
    await h.stop();
  }
});

function assertJsonAnswer(answer: string, status: number, code: string) {
  const parsed = parseRawAnswer(answer);
  assert.equal(parsed.status, status, answer.slice(0, 200));
  assert.match(parsed.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(parsed.body['error'], code);
  assert.equal(parsed.body['errorCode'], code);
  assert.equal(typeof parsed.body['errorDescription'], 'string');
}

test("Node's parser-level refusals are JSON too: a 9 KB header (431), a malformed request line (400)", async () => {
  const h = await startHarness();
  try {
    const big = `GET /v1/users/alice HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(9 * 1024)}\r\n\r\n`;
    assertJsonAnswer(await rawRequest(h.local.port, big), 431, 'headers_too_large');
    assertJsonAnswer(await rawRequest(h.local.port, 'NOT A REQUEST LINE\r\n\r\n'), 400, 'invalid_request');
    assertJsonAnswer(await rawRequest(h.local.port, 'GET /v1 HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n'), 400, 'invalid_request');
  } finally {
    await h.stop();
  }
});
