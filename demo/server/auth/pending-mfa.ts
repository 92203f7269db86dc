// The sign-in in between: the password was right, the second factor is still to come. A cookie names
// the user whose password was checked, until when, signed by Hono's signed cookies (HMAC-SHA256, with a
// key derived from the server's for this purpose alone), so the callback believes a token only for that
// user: a token alone never says who signs in here. HttpOnly, SameSite=Lax (the pre-built UI's redirect
// back is a top-level GET), `__Host-` over HTTPS (security/host-cookies.ts).
import type { AppContext, Deps } from '../context.js';
import { cookieKey } from '../security/cookie-keys.js';
import { hostCookie } from '../security/host-cookies.js';

export const PENDING_MFA_COOKIE = 'demo_mfa';
/** As long as the track token lives (10 minutes by default). */
export const PENDING_MFA_TTL_MS = 10 * 60 * 1000;

/** Hono signs the cookie; its key is the server's, derived for this purpose alone. */
const keyOf = (deps: Deps) => cookieKey(deps, 'pending-mfa');

export async function startPendingMfa(c: AppContext, deps: Deps, userId: string): Promise<void> {
  const payload = Buffer.from(JSON.stringify({ u: userId, e: deps.now() + PENDING_MFA_TTL_MS })).toString('base64url');
  await hostCookie.setSigned(c, deps, keyOf(deps), PENDING_MFA_COOKIE, payload, PENDING_MFA_TTL_MS / 1000);
}

/** The user whose password this browser proved, if the marker is genuine and fresh; spends it either way. */
export async function takePendingMfa(c: AppContext, deps: Deps): Promise<string | undefined> {
  const payload = await hostCookie.getSigned(c, deps, keyOf(deps), PENDING_MFA_COOKIE);
  if (payload === undefined) return undefined;
  hostCookie.delete(c, deps, PENDING_MFA_COOKIE);
  if (payload === false) return undefined;
  try {
    const { u, e } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u?: unknown; e?: unknown };
    return typeof u === 'string' && typeof e === 'number' && e > deps.now() ? u : undefined;
  } catch {
    return undefined;
  }
}
