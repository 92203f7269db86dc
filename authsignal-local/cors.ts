// CORS for the client API. The browser SDK calls it cross-origin with an Authorization header,
// so every call is preflighted. Only the configured origins are answered, and they are reflected
// (not "*") so that `credentials: "include"` (the SDK's useCookies mode) also works.
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors.js';

export function clientCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('Origin');
    if (origin !== undefined) {
      if (!allowed.has(origin)) {
        // Non-browser callers send no Origin and are unaffected; a page on a foreign origin is refused.
        return c.json(errorBody('origin_not_allowed', `The origin ${origin} is not allowed for this tenant.`), 403);
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
}
