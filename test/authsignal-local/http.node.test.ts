// HTTP behaviour every caller relies on: JSON errors, body limits, CORS, client auth, logging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_BODY_BYTES, createAuthsignalLocalApp } from '../../authsignal-local/index.js';
import { ORIGIN, startHarness } from '../helpers/harness.js';

const secretAuth = (secret: string) => `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
const tenantAuth = (tenant: string) => `Basic ${btoa(encodeURIComponent(tenant))}`;

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, `${init.method ?? 'GET'} ${url}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

function assertError(res: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body['error'], code);
  assert.equal(res.body['errorCode'], code);
  assert.equal(typeof res.body['errorDescription'], 'string');
}

test('malformed JSON, non-object JSON and wrong types are 400 JSON on both APIs', async () => {
  const h = await startHarness();
  try {
    const server = { Authorization: secretAuth(h.local.options.secret), 'Content-Type': 'application/json' };
    const client = { Authorization: tenantAuth(h.local.options.tenantId), 'Content-Type': 'application/json', Origin: ORIGIN };
    assertError(await call(`${h.local.url}/users/alice/actions/login`, { method: 'POST', headers: server, body: '{"username":' }), 400, 'invalid_json');
    assertError(await call(`${h.local.url}/validate`, { method: 'POST', headers: server, body: '[1,2]' }), 400, 'invalid_json');
    assertError(await call(`${h.local.url}/validate`, { method: 'POST', headers: server, body: '{"token":{"a":1}}' }), 400, 'invalid_request');
    assertError(await call(`${h.local.url}/client/challenge`, { method: 'POST', headers: client, body: 'nope' }), 400, 'invalid_json');
    assertError(await call(`${h.local.url}/client/challenge`, { method: 'POST', headers: client, body: '{"action":7}' }), 400, 'invalid_request');
    assertError(await call(`${h.local.url}/client/challenge`, { method: 'POST', headers: client, body: '{"action":"no spaces"}' }), 400, 'invalid_action_code');
    assertError(
      await call(`${h.local.url}/client/verify/passkey`, {
        method: 'POST',
        headers: client,
        body: JSON.stringify({ challengeId: 'x', authenticationCredential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 5 } } }),
      }),
      400,
      'invalid_credential',
    );
    assertError(
      await call(`${h.local.url}/client/user-authenticators/passkey/authentication-options`, { method: 'POST', headers: client, body: '{"challengeId":"unknown"}' }),
      400,
      'invalid_challenge',
    );
  } finally {
    await h.stop();
  }
});

test('bodies over the limit are refused with 413 JSON', async () => {
  const h = await startHarness();
  try {
    const big = JSON.stringify({ action: 'login', padding: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await call(`${h.local.url}/client/challenge`, {
      method: 'POST',
      headers: { Authorization: tenantAuth('local-tenant'), 'Content-Type': 'application/json', Origin: ORIGIN },
      body: big,
    });
    assertError(res, 413, 'payload_too_large');
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN, 'the browser must be able to read the error');
    const server = await call(`${h.local.url}/users/alice/actions/login`, {
      method: 'POST',
      headers: { Authorization: secretAuth('local-secret'), 'Content-Type': 'application/json' },
      body: big,
    });
    assertError(server, 413, 'payload_too_large');
  } finally {
    await h.stop();
  }
});

test('unknown routes are JSON 404s', async () => {
  const h = await startHarness();
  try {
    const secret = { Authorization: secretAuth('local-secret') };
    assertError(await call(`${h.local.url}/no/such/route`, { headers: secret }), 404, 'not_found');
    assertError(await call(`${h.local.url.replace('/v1', '')}/elsewhere`), 404, 'not_found');
    assertError(await call(`${h.local.url}/client/nothing-here`, { headers: { Authorization: tenantAuth('local-tenant') } }), 404, 'not_found');
  } finally {
    await h.stop();
  }
});

test('CORS: preflights from configured origins are answered; foreign origins are refused', async () => {
  const h = await startHarness({ origins: [ORIGIN, 'http://127.0.0.1:9000'] });
  try {
    const preflight = await fetch(`${h.local.url}/client/user-authenticators/passkey/authentication-options`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', new RegExp(method));
    }
    const second = await fetch(`${h.local.url}/client/challenge`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:9000' } });
    assert.equal(second.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9000');

    const foreign = await call(`${h.local.url}/client/challenge`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example' } });
    assertError(foreign, 403, 'origin_not_allowed');
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const foreignPost = await call(`${h.local.url}/client/challenge`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', Authorization: tenantAuth('local-tenant'), 'Content-Type': 'application/json' },
      body: '{"action":"login"}',
    });
    assertError(foreignPost, 403, 'origin_not_allowed');

    // Real requests from an allowed origin carry the CORS headers, errors included.
    const error = await call(`${h.local.url}/client/challenge`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Authorization: tenantAuth('wrong-tenant'), 'Content-Type': 'application/json' },
      body: '{"action":"login"}',
    });
    assertError(error, 401, 'unauthorized');
    assert.equal(error.headers.get('access-control-allow-origin'), ORIGIN);
    // The server API is never offered to browsers.
    const serverPreflight = await fetch(`${h.local.url}/validate`, { method: 'OPTIONS', headers: { Origin: ORIGIN } });
    assert.equal(serverPreflight.headers.get('access-control-allow-origin'), null);
    await serverPreflight.body?.cancel();
  } finally {
    await h.stop();
  }
});

test('client auth: Basic tenant id with or without colon, URI-encoded; wrong tenant or token is 401', async () => {
  const h = await startHarness({ tenantId: 'tenant/é 1' });
  try {
    const post = (authorization: string | undefined) =>
      call(`${h.local.url}/client/challenge`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: '{"action":"login"}',
      });
    // What @authsignal/browser sends: btoa(encodeURIComponent(tenantId)), no colon.
    const webSdk = await post(tenantAuth('tenant/é 1'));
    assert.equal(webSdk.status, 200);
    assert.equal(typeof webSdk.body['challengeId'], 'string');
    // What other SDKs send: base64("tenantId:").
    assert.equal((await post(`Basic ${Buffer.from('tenant/é 1:').toString('base64')}`)).status, 200);
    assertError(await post(tenantAuth('local-tenant')), 401, 'unauthorized');
    assertError(await post(undefined), 401, 'unauthorized');
    assertError(await post('Basic !!!'), 401, 'unauthorized');
    assertError(await post('Bearer not.a.jwt'), 401, 'invalid_token');
    // Registration needs a token; the tenant's Basic credentials are not enough.
    const reg = await call(`${h.local.url}/client/user-authenticators/passkey/registration-options`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: tenantAuth('tenant/é 1') },
      body: '{}',
    });
    assertError(reg, 401, 'token_required');
  } finally {
    await h.stop();
  }
});

test('one log line per request, without query strings, tokens or secrets', async () => {
  const lines: string[] = [];
  const h = await startHarness({ log: (line) => lines.push(line) });
  try {
    const tracked = await h.authsignal.track({ userId: 'alice', action: 'login' });
    await h.authsignal.validateChallenge({ token: tracked.token });
    await h.client.passkeyExists(['cred-a', 'cred-b']);
    await fetch(`${h.local.url}/client/user-authenticators/passkey?token=${tracked.token}`).then((r) => r.body?.cancel());
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.match(lines[0]!, /^POST \/v1\/users\/alice\/actions\/login 200 [\d.]+ms$/);
    assert.match(lines[1]!, /^POST \/v1\/validate 200 [\d.]+ms$/);
    assert.match(lines[2]!, /^GET \/v1\/client\/user-authenticators\/passkey 404 [\d.]+ms$/);
    for (const line of lines) {
      assert.ok(!line.includes('?'), line);
      assert.ok(!line.includes(tracked.token), line);
      assert.ok(!line.includes(h.local.options.secret), line);
    }
  } finally {
    await h.stop();
  }
});

test('cli: an unknown flag is a one-line error and exit code 2', () => {
  const cli = fileURLToPath(new URL('../../authsignal-local/cli.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--no-such-flag'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.status, 2, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /no-such-flag/);
});

test('createAuthsignalLocalApp serves the same API in-process, without a socket', async () => {
  const { app, options, close } = await createAuthsignalLocalApp({ data: ':memory:', log: false, secret: 's3cret' });
  try {
    assert.equal(options.secret, 's3cret');
    const headers = { Authorization: secretAuth('s3cret'), 'Content-Type': 'application/json' };
    const tracked = await app.request('/v1/users/alice/actions/login', { method: 'POST', headers, body: '{}' });
    assert.equal(tracked.status, 200);
    const { token } = (await tracked.json()) as { token: string };
    const validated = await app.request('/v1/validate', { method: 'POST', headers, body: JSON.stringify({ token }) });
    assert.equal(validated.status, 200);
    const body = (await validated.json()) as Record<string, unknown>;
    assert.equal(body['isValid'], false);
    assert.equal(body['state'], 'ALLOW');
    assert.equal(body['userId'], 'alice');
    assert.equal(body['actionCode'], 'login');
    assert.equal((await app.request('/v1/users/alice', { headers: { Authorization: secretAuth('local-secret') } })).status, 401);
  } finally {
    await close();
  }
});
