// The servers' own cookies (session, pending second factor, the app's pending sign-in, anti-forgery secret):
// HttpOnly, SameSite=Lax, Path=/, and over HTTPS Secure with the `__Host-` prefix, which browsers accept only
// from this very host, over HTTPS, with Path=/ and no Domain. So no sibling subdomain, other port or plain-HTTP
// page can plant one: a planted pending sign-in would sign a victim in as the attacker (login CSRF), a planted
// anti-forgery secret would defeat the token. Over plain HTTP (localhost) the prefix cannot be used.
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';

interface CookieDeps {
  trustProxy: boolean;
}

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https';
}

/** The name such a cookie has on the wire, for code outside Hono (oidc-provider's Koa context). */
export const hostCookieName = (name: string, https: boolean): string => (https ? `__Host-${name}` : name);

const prefixOf = (c: Context, deps: CookieDeps) => (isHttps(c, deps.trustProxy) ? ('host' as const) : undefined);

function options(c: Context, deps: CookieDeps, maxAgeSeconds?: number) {
  const prefix = prefixOf(c, deps);
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: !!prefix,
    ...(prefix ? { prefix } : {}),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  } as const;
}

export const hostCookie = {
  get: (c: Context, deps: CookieDeps, name: string) => getCookie(c, name, prefixOf(c, deps)),
  set: (c: Context, deps: CookieDeps, name: string, value: string, maxAgeSeconds?: number) =>
    setCookie(c, name, value, options(c, deps, maxAgeSeconds)),
  /** Signed with Hono's signed cookies (HMAC-SHA256); `false` when the signature is wrong. */
  getSigned: (c: Context, deps: CookieDeps, key: string, name: string) => getSignedCookie(c, key, name, prefixOf(c, deps)),
  setSigned: (c: Context, deps: CookieDeps, key: string, name: string, value: string, maxAgeSeconds: number) =>
    setSignedCookie(c, name, value, key, options(c, deps, maxAgeSeconds)),
  delete: (c: Context, deps: CookieDeps, name: string) => void deleteCookie(c, name, options(c, deps)),
};
