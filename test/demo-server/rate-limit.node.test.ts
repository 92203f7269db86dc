// Password attempts are limited per address and per account. What people rely on: an address over its
// limit cannot use up someone's account budget (a refused attempt counts nothing), a flood of distinct
// usernames neither lifts the limit nor makes anyone's sign-in wait on it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FixedWindowLimiter } from '../../demo/server/auth/rate-limit.js';
import { startDemoHarness as startHarness } from './helpers/demo.js';

describe('password rate limits', () => {
  it('an attempt refused for its address counts nothing against the account', async () => {
    const h = await startHarness({ trustProxy: true, rateLimit: { perIp: 1, perUsername: 3 } });
    try {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      const attempt = (ip: string) => h.visitor().post('/login', { username: 'alice', password: 'wrong' }, from(ip));
      assert.equal((await attempt('203.0.113.1')).status, 401); // alice: 1
      // This address is now over its limit: refused, and alice's budget is left alone.
      for (let i = 0; i < 5; i++) assert.equal((await attempt('203.0.113.1')).status, 429);
      assert.equal((await attempt('203.0.113.2')).status, 401, "alice's 2nd attempt"); // alice: 2
      assert.equal((await attempt('203.0.113.3')).status, 401, "alice's 3rd attempt"); // alice: 3
      assert.equal((await attempt('203.0.113.4')).status, 429, 'the account limit still holds');
    } finally {
      await h.stop();
    }
  });

  // Behind a trusted proxy the address is the one it appended (the last X-Forwarded-For entry): the entries
  // before it are written by the client.
  it('a client cannot escape its address limit by writing an address of its choice first', async () => {
    const h = await startHarness({ trustProxy: true, rateLimit: { perIp: 3, perUsername: 1000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        // One client, 203.0.113.9 as the proxy saw it, spraying one password over usernames.
        const response = await h.visitor().post('/login', { username: `user${i}`, password: 'Winter2026!' }, { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.9` });
        await response.body?.cancel();
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429, 429], 'the 4th attempt from one address is refused');
    } finally {
      await h.stop();
    }
  });

  it("a client cannot spend another address's budget (locking its people out) by writing that address first", async () => {
    const h = await startHarness({ trustProxy: true, rateLimit: { perIp: 3, perUsername: 1000 } });
    try {
      for (let i = 0; i < 3; i++) {
        const response = await h.visitor().post('/login', { username: `user${i}`, password: 'guess' }, { 'X-Forwarded-For': '192.0.2.7, 203.0.113.9' });
        await response.body?.cancel();
      }
      // The person at 192.0.2.7, with the right password.
      const victim = await h.visitor().post('/login', { username: 'alice', password: 'alice' }, { 'X-Forwarded-For': '192.0.2.7' });
      await victim.body?.cancel();
      assert.notEqual(victim.status, 429, `locked out by another client (Retry-After ${victim.headers.get('Retry-After')} s)`);
    } finally {
      await h.stop();
    }
  });

  it('holds under a flood of 100,000 distinct usernames, and forgets windows once they end', () => {
    const clock = { now: 0 };
    const limiter = new FixedWindowLimiter(3, 60_000, () => clock.now);
    for (let i = 0; i < 3; i++) limiter.count('alice');
    for (let i = 0; i < 100_000; i++) if (limiter.retryAfter(`flood-${i}`) === 0) limiter.count(`flood-${i}`);
    assert.equal(limiter.retryAfter('alice'), 60, 'alice is still limited after the flood');
    clock.now = 60_000;
    assert.equal(limiter.retryAfter('alice'), 0, 'a new window');
    assert.equal(limiter.size, 0, 'the ended windows are gone, flood included');
  });
});
