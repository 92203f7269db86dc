// Cross-site request forgery: a state-changing request must come from this origin.
// hono/csrf covers what a plain HTML form can send (urlencoded, multipart, text/plain): it passes when
// `Sec-Fetch-Site: same-origin` or `Origin` is this origin — which the elements' hidden form posts and
// their same-origin fetch to token-url both carry. Other content types (JSON) already need a CORS
// preflight this server never grants; they are refused here too when a browser says they are foreign.
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { RequestError } from '../context.js';

const SAFE = /^(GET|HEAD|OPTIONS)$/;

export function sameOriginWrites(): MiddlewareHandler {
  const formCheck = csrf();
  return async (c, next) => {
    if (SAFE.test(c.req.method)) return next();
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const own = new URL(c.req.url).origin;
    // Sec-Fetch-Site is set by the browser alone, so when present it decides. (Origin can be "null" on
    // a same-origin form post under some referrer policies.) Without it, a present Origin must be ours.
    if (site !== undefined ? site !== 'same-origin' : origin !== undefined && origin !== own) throw foreign();
    try {
      return await formCheck(c, next);
    } catch (error) {
      // hono/csrf throws a bare 403; say why.
      if (error instanceof Error && 'status' in error && error.status === 403) throw foreign();
      throw error;
    }
  };
}

const foreign = () =>
  new RequestError(403, 'This request did not come from this site, so it was refused.', 'Request refused');
