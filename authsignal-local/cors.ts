// CORS for the client API. The browser SDK calls it cross-origin with an Authorization header,
// so every call is preflighted. Hono's cors answers the configured origins, reflected (not "*") so
// that `credentials: "include"` (the SDK's useCookies mode) also works. A page on any other origin
// is refused outright with a 403 (non-browser callers send no Origin and are unaffected).
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { forbidden } from './errors.js';

export function clientCors(origins: readonly string[]): MiddlewareHandler[] {
  const allowed = new Set(origins);
  const refuseForeign: MiddlewareHandler = async (c, next) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('Origin');
    if (origin !== undefined && !allowed.has(origin)) {
      throw forbidden(`The origin ${origin} is not allowed for this tenant.`, 'origin_not_allowed');
    }
    await next();
  };
  return [
    refuseForeign,
    cors({
      origin: [...origins],
      credentials: true,
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  ];
}
