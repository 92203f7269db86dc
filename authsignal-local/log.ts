// One line per request. Only method, path (never the query string: tokens and credential ids
// could travel there), status and duration are written; bodies and headers never are.
import type { MiddlewareHandler } from 'hono';

export type LogFn = (line: string) => void;

export function requestLog(log: LogFn | false): MiddlewareHandler {
  return async (c, next) => {
    if (!log) return next();
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    // c.req.path is the pathname only.
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}

/** Shows that a secret is set without revealing it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, Math.min(3, Math.floor(secret.length / 4)))}…(${secret.length} chars)`;
}
