// Anti-forgery tokens (Rails' convention), on top of the Origin / Sec-Fetch-Site check in origin.ts:
// a browser that omits or mangles those headers still cannot be made to post for a visitor by
// another site, which can neither read this site's pages nor its cookies.
//
// Each visitor gets a random secret in an HttpOnly cookie; pages with passkey elements carry
// HMAC-SHA256(server key, secret) as `<meta name="csrf-token">`, and the elements send it back as the
// `authenticity_token` form field (callback-url posts) or the `X-CSRF-Token` header (token-url fetch).
// Bound to a cookie rather than the session: the passkey sign-in callback runs before any session.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type AppContext, type Deps, RequestError } from '../context.js';
import { hostCookie } from './host-cookies.js';
import type { Fields } from './input.js';

/** Cookie name; `__Host-` is prepended over HTTPS (no subdomain or plain-HTTP page can plant it). */
export const ANTI_FORGERY_COOKIE = 'demo_csrf';
/** The form field the elements post the token in (they read it from `<meta name="csrf-param">`). */
export const ANTI_FORGERY_FIELD = 'authenticity_token';
export const ANTI_FORGERY_HEADER = 'X-CSRF-Token';

/** What a page with passkey elements renders as `csrf-param` / `csrf-token` meta tags. */
export interface AntiForgery {
  param: string;
  token: string;
}

/** A fresh server key, made at startup: tokens of a previous run stop working (pages reload them). */
export const newAntiForgeryKey = (): Buffer => randomBytes(32);

const SECRET = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

const tokenFor = (deps: Deps, secret: string): string =>
  createHmac('sha256', deps.antiForgeryKey).update(secret).digest('base64url');

function readSecret(c: AppContext, deps: Deps): string | undefined {
  const secret = hostCookie.get(c, deps, ANTI_FORGERY_COOKIE);
  return secret && SECRET.test(secret) ? secret : undefined;
}

/**
 * The token for this visitor's page, setting the secret cookie first if there is none yet.
 * Call it on every page that renders passkey elements. The cookie lasts for the browser session and is
 * kept across sign-in and sign-out, so other open tabs keep working.
 */
export function antiForgeryToken(c: AppContext, deps: Deps): AntiForgery {
  let secret = readSecret(c, deps);
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    hostCookie.set(c, deps, ANTI_FORGERY_COOKIE, secret);
  }
  return { param: ANTI_FORGERY_FIELD, token: tokenFor(deps, secret) };
}

/**
 * Refuses (403) a request that carries no valid token for this visitor, in the form field or the
 * X-CSRF-Token header. Pass the parsed form for form posts.
 */
export function requireAntiForgery(c: AppContext, deps: Deps, form?: Fields): void {
  const secret = readSecret(c, deps);
  if (!secret) {
    throw new RequestError(
      403,
      "Your browser did not send this site's security cookie. Allow cookies for this site, reload the page and try again.",
      'Request refused',
    );
  }
  const expected = Buffer.from(tokenFor(deps, secret));
  // Compared as text (base64url decoding would tolerate junk characters), in constant time.
  const matches = (candidate: string | undefined) => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!matches(form?.[ANTI_FORGERY_FIELD]) && !matches(c.req.header(ANTI_FORGERY_HEADER))) {
    throw new RequestError(
      403,
      'This page is out of date or the request did not come from it, so it was refused. Reload the page and try again.',
      'Request refused',
    );
  }
}
