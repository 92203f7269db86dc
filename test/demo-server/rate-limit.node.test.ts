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
