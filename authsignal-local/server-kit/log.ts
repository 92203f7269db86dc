// One line per request: method, path (never the query string: tokens and credential ids could travel
// there), status and whole milliseconds. Bodies and headers are never written, so no secret is.
import type { MiddlewareHandler } from 'hono';

export type LogFn = (line: string) => void;

export function requestLog(log: LogFn | false): MiddlewareHandler {
  return async (c, next) => {
    if (!log) return next();
    const started = performance.now();
    await next();
    // c.req.path is the pathname only.
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  };
}

/** Shows that a secret is set without revealing it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, Math.min(3, Math.floor(secret.length / 4)))}…(${secret.length} chars)`;
}
