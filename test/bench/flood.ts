/**
 * The demo's password sign-in under a flood of distinct usernames (issue: the rate limiter scanned every key).
 *   loginMs   median latency of a normal sign-in (alice, right password, real HTTP) before and after the flood
 *   flood     100,000 sign-in attempts, each with a new username, from one address, as fast as 64 clients go
 *   limiter   the limiter's own cost per request (check + count) with no keys and with 100,000 live keys
 * A normal sign-in is dominated by scrypt; the point is that the flood adds nothing to it (within 2×).
 * `node --expose-gc --import tsx test/bench/flood.ts` prints them; `npm run bench` runs it after the rest.
 */
import { performance } from 'node:perf_hooks';
import { FixedWindowLimiter } from '../../demo/server/auth/rate-limit.js';
import { startDemo } from '../../demo/server/start.js';

export interface FloodBench {
  flood: number;
  floodSeconds: number;
  loginMs: { before: number; after: number };
  limiterMicros: { empty: number; flooded: number };
}

export async function benchFlood(options: { flood?: number; samples?: number } = {}): Promise<FloodBench> {
  const flood = options.flood ?? 100_000;
  const samples = options.samples ?? 30;
  const demo = await startDemo({ port: 0, dataDir: ':memory:', log: false, trustProxy: true, authsignal: { port: 0, data: ':memory:' } });
  try {
    const login = (username: string, password: string, ip: string) =>
      fetch(`${demo.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: demo.url, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
        body: new URLSearchParams({ username, password }),
      }).then(async (response) => {
        await response.body?.cancel();
        return response.status;
      });
    const normalLogin = async (ip: string) => {
      const times: number[] = [];
      for (let i = 0; i < samples + 3; i++) {
        const start = performance.now();
        const status = await login('alice', 'alice', ip);
        if (status !== 303) throw new Error(`a normal sign-in answered ${status}`);
        if (i >= 3) times.push(performance.now() - start); // the first ones warm up
      }
      return median(times);
    };

    const before = await normalLogin('198.51.100.1');
    let next = 0;
    const floodStart = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < flood) await login(`flood-${next++}`, 'wrong', '203.0.113.66');
      }),
    );
    const floodSeconds = (performance.now() - floodStart) / 1000;
    const after = await normalLogin('198.51.100.2');
    return { flood, floodSeconds, loginMs: { before, after }, limiterMicros: limiterCost(flood) };
  } finally {
    await demo.stop();
  }
}

/** Microseconds per request (retryAfter + count) on a limiter holding no keys, then `keys` live ones. */
function limiterCost(keys: number): FloodBench['limiterMicros'] {
  const limiter = new FixedWindowLimiter(10, 5 * 60_000, Date.now);
  const perRequest = (label: string) => {
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const key = `${label}-${i}`;
      if (limiter.retryAfter(key) === 0) limiter.count(key);
    }
    return Math.round(((performance.now() - start) / 10_000) * 1000 * 100) / 100;
  };
  const empty = perRequest('warm-up') && perRequest('empty');
  for (let i = 0; i < keys; i++) limiter.count(`flood-${i}`);
  return { empty, flooded: perRequest('flooded') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

export function reportFlood(result: FloodBench): void {
  const ratio = result.loginMs.after / result.loginMs.before;
  console.table({
    'normal sign-in, median ms, unflooded': result.loginMs.before,
    [`normal sign-in, median ms, after ${result.flood} distinct usernames`]: result.loginMs.after,
    'flooded ÷ unflooded (must stay under 2)': Math.round(ratio * 100) / 100,
    'flood duration, s': Math.round(result.floodSeconds * 10) / 10,
    'limiter µs per request, no keys': result.limiterMicros.empty,
    [`limiter µs per request, ${result.flood} live keys`]: result.limiterMicros.flooded,
  });
  if (ratio >= 2) console.log('FLOOD: a normal sign-in became more than twice as slow.');
}

if (import.meta.url === `file://${process.argv[1]}`) reportFlood(await benchFlood());
