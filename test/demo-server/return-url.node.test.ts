// Open redirects: a return URL is resolved with the URL parser against the demo's origin and followed
// only when it stays there. Each case goes through a real sign-in and checks where the demo sends the
// browser, and what a browser would make of that Location.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type DemoHarness as Harness, startDemoHarness as startHarness } from './helpers/demo.js';

const OFF_SITE = [
  '/..//evil.com',
  '/../..//evil.com',
  '/.//evil.com',
  '/%2e%2e//evil.com',
  '/\\evil.com',
  '/\\/evil.com',
  '//evil.com',
  '///evil.com',
  '/%2F%2Fevil.com',
  '/%2f%5cevil.com',
  '/%5C%5Cevil.com',
  '/\t/evil.com',
  '/\n/evil.com',
  '/\r\n/evil.com',
  '\t//evil.com',
  ' //evil.com',
  'javascript:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.com',
  'http:evil.com',
  'http:/evil.com',
  '\\\\evil.com',
  'evil.com',
  '/%E0%A4%A',
];

describe('return URLs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    const { visitor } = await h.signedIn('alice');
    await h.addPasskey(visitor, 'alice'); // so a sign-in goes straight to the return URL
  });
  after(() => h.stop());

  for (const value of OFF_SITE) {
    it(`a sign-in with returnUrl ${JSON.stringify(value)} lands on the demo's own /account`, async () => {
      const response = await h.visitor().signIn('alice', 'alice', value);
      assert.equal(response.status, 303);
      const location = response.headers.get('location')!;
      assert.equal(location, '/account');
    });
  }

  for (const value of ['/account', '/account?tab=passkeys#top', '/passkeys/enroll?returnUrl=%2Faccount', '/a/b%20c']) {
    it(`a local returnUrl ${JSON.stringify(value)} is followed, on the demo's origin`, async () => {
      const response = await h.visitor().signIn('alice', 'alice', value);
      const location = response.headers.get('location')!;
      assert.equal(location, value);
      assert.equal(new URL(location, h.demo.url).origin, new URL(h.demo.url).origin);
    });
  }
});
