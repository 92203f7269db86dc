// Bounded growth: expired challenges and old actions are deleted, at most once a minute, after a
// write request has been answered (so no request waits for it). An action is kept for
// `actionRetentionSeconds` (default an hour, never less than a token's life): after that no token
// names it any more, and only the server API's "get action" could still have asked for it.
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from './context.js';

export const PRUNE_INTERVAL_MS = 60_000;

export function pruneOldRecords(ctx: AppContext): MiddlewareHandler {
  let last = -Infinity;
  let running = false;
  return async (c, next) => {
    await next();
    const now = ctx.options.now();
    if (c.req.method === 'GET' || running || now - last < PRUNE_INTERVAL_MS) return;
    last = now;
    running = true;
    const retention = Math.max(ctx.options.actionRetentionSeconds, ctx.options.tokenTtlSeconds) * 1000;
    ctx.store
      .prune(now, new Date(now - retention).toISOString())
      .catch((error: unknown) => {
        // A busy file or a closed store: the next write tries again.
        last = -Infinity;
        if (ctx.options.log) ctx.options.log(`prune failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => (running = false));
  };
}
