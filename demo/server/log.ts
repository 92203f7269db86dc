// One line per request: method, path (never the query string: it could carry anything), status, time.
// Bodies are never logged, so tokens and passwords cannot end up here.
import type { MiddlewareHandler } from 'hono';

export type LogFn = (line: string) => void;

export function requestLog(log: LogFn | false): MiddlewareHandler {
  return async (c, next) => {
    if (!log) return next();
    const start = performance.now();
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - start)}ms`);
  };
}
