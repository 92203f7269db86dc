// The sign-in in between: the password was right, the second factor is still to come. A cookie names
// the user whose password was checked, until when, signed with HMAC-SHA256 (the server's key, with its
// own prefix), so the callback believes a token only for that user: a token alone never says who signs
// in here. HttpOnly, SameSite=Lax (the pre-built UI's redirect back is a top-level GET), Path=/login.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext, Deps } from '../context.js';
import { isHttps } from './sessions.js';

export const PENDING_MFA_COOKIE = 'demo_mfa';
/** As long as the track token lives (10 minutes by default). */
export const PENDING_MFA_TTL_MS = 10 * 60 * 1000;

const mac = (deps: Deps, payload: string) =>
  createHmac('sha256', deps.antiForgeryKey).update(`pending-mfa:${payload}`).digest('base64url');

const options = (c: AppContext, deps: Deps) =>
  ({ httpOnly: true, sameSite: 'Lax', path: '/login', secure: isHttps(c, deps.trustProxy) }) as const;

export function startPendingMfa(c: AppContext, deps: Deps, userId: string): void {
  const payload = Buffer.from(JSON.stringify({ u: userId, e: deps.now() + PENDING_MFA_TTL_MS })).toString('base64url');
  setCookie(c, PENDING_MFA_COOKIE, `${payload}.${mac(deps, payload)}`, { ...options(c, deps), maxAge: PENDING_MFA_TTL_MS / 1000 });
}

/** The user whose password this browser proved, if the marker is genuine and fresh; spends it either way. */
export function takePendingMfa(c: AppContext, deps: Deps): string | undefined {
  const value = getCookie(c, PENDING_MFA_COOKIE);
  if (value === undefined) return undefined;
  deleteCookie(c, PENDING_MFA_COOKIE, options(c, deps));
  const [payload = '', signature = ''] = value.split('.');
  const expected = Buffer.from(mac(deps, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { u, e } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u?: unknown; e?: unknown };
    return typeof u === 'string' && typeof e === 'number' && e > deps.now() ? u : undefined;
  } catch {
    return undefined;
  }
}
