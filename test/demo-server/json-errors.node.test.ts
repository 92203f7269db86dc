// Every error answer of the demo's JSON routes (/api/*, /playground/api/*) is JSON, `{ "error": "…" }`,
// whatever refused the request: the route, the middleware in front of it, or Node's HTTP parser.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRawAnswer, rawRequest } from '../helpers/raw-http.js';
import { type DemoHarness as Harness, startDemoHarness as startHarness } from './helpers/demo.js';

async function assertJsonError(response: Response, status: number, what: string) {
  assert.equal(response.status, status, what);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, what);
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(typeof body['error'], 'string', what);
}

describe('JSON errors on the JSON routes', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it('answers JSON when not signed in, for every /api route', async () => {
    const visitor = h.visitor();
    for (const [method, path] of [
      ['GET', '/api/session'],
      ['POST', '/api/passkeys/enrollment-token'],
      ['GET', '/api/passkeys'],
      ['PATCH', '/api/passkeys/abc'],
      ['DELETE', '/api/passkeys/abc'],
    ] as const) {
      await assertJsonError(await visitor.request(path, { method, ...(method === 'PATCH' ? { json: { name: 'x' } } : {}) }), 401, `${method} ${path}`);
    }
  });

  it('answers JSON for bad bodies, unknown passkeys, unknown routes, foreign origins and oversized bodies', async () => {
    const { visitor } = await h.signedIn('alice');
    await assertJsonError(await visitor.request('/api/passkeys/abc', { method: 'PATCH', body: 'name=x', headers: { 'Content-Type': 'text/plain' } }), 415, 'text body');
    await assertJsonError(await visitor.request('/api/passkeys/abc', { method: 'PATCH', body: '{"name":', headers: { 'Content-Type': 'application/json' } }), 400, 'broken JSON');
    await assertJsonError(await visitor.request('/api/passkeys/abc', { method: 'PATCH', json: { name: 7 } }), 400, 'name not a string');
    await assertJsonError(await visitor.request('/api/passkeys/abc', { method: 'PATCH', json: { name: 'Laptop' } }), 404, 'unknown passkey');
    await assertJsonError(await visitor.request('/api/no-such-route'), 404, 'unknown /api route');
    await assertJsonError(await visitor.request('/api/passkeys/enrollment-token', { method: 'POST', headers: { Origin: 'https://evil.test' } }), 403, 'foreign origin');
    await assertJsonError(await visitor.request('/api/passkeys/abc', { method: 'PATCH', json: { name: 'x'.repeat(20_000) } }), 413, 'oversized body');
  });

  it('answers JSON on /playground/api/* errors', async () => {
    const visitor = h.visitor();
    await assertJsonError(await visitor.request('/playground/api/enrollment-token'), 404, 'GET instead of POST');
    await assertJsonError(await visitor.request('/playground/api/no-such-route', { method: 'POST' }), 404, 'unknown playground route');
    await assertJsonError(await visitor.request('/playground/api/enrollment-token', { method: 'POST', headers: { Origin: 'https://evil.test' } }), 403, 'foreign origin');
    await assertJsonError(await visitor.request('/playground/api/enrollment-token', { method: 'POST', body: 'x'.repeat(20_000), headers: { 'Content-Type': 'text/plain' } }), 413, 'oversized body');
  });

  it("answers JSON when Node's parser refuses the request: a 9 KB header (431), a malformed request line (400)", async () => {
    const port = Number(new URL(h.demo.url).port);
    for (const [bytes, status] of [
      [`GET /api/session HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(9 * 1024)}\r\n\r\n`, 431],
      ['NOT A REQUEST LINE\r\n\r\n', 400],
    ] as const) {
      const answer = parseRawAnswer(await rawRequest(port, bytes));
      assert.equal(answer.status, status);
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(typeof answer.body['error'], 'string');
    }
  });
});
